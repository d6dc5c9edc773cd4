/**
 * The CLI's figures: the run's summary (and, for `--json` on a clock, the staffing by hour) folded
 * from its event log. A long run hands its log in compact chunks (src/sim/world/log-codec.ts) to a
 * second thread that folds while the run goes on: folding read a quarter of the whole run's time on
 * this thread (every field of a dozen event shapes read back through V8's slow path), and on two
 * cores it now overlaps the run. The figures are the same: the other thread rebuilds the very
 * events with the log's own code and folds them with the same reducers (test/sim/cli-fold.test.ts
 * compares both ways).
 *
 * A short run is folded here as it goes: a thread's start-up (~40 ms) would cost it more than the
 * thread saves (sim.ts decides, from the visitors the scenario expects).
 */
import {
  receiveMessageOnPort,
  MessageChannel,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import type { EngineOptions } from '../sim/engine.ts';
import type { SimEvent } from '../sim/events.ts';
import { createMetrics, type Summary } from '../sim/metrics.ts';
import { createByHour, type HourRow } from '../sim/metrics/by-hour.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import type { LogChunk } from '../sim/world/log-codec.ts';
import { workerEntry } from './worker-entry.ts';

export interface Figures {
  summary: Summary;
  /** Staffing by hour of the week (`--json` on a scenario with a clock), else null. */
  byHour: HourRow[] | null;
}

/** The reducers the CLI folds the log into. */
export function createFold(scenario: Scenario, byHour: boolean) {
  const metrics = createMetrics(scenario);
  const hours = byHour ? createByHour(scenario) : null;
  return {
    add: hours
      ? (e: SimEvent) => {
          metrics.add(e);
          hours.add(e);
        }
      : (e: SimEvent) => metrics.add(e),
    figures: (): Figures => ({ summary: metrics.summary(), byHour: hours?.result() ?? null }),
  };
}

/** What the fold thread is started with. */
export interface FoldWorkerData {
  scenario: Scenario;
  byHour: boolean;
  /** Where the thread returns each chunk's buffer once decoded, for the run to fill again. */
  recycle: MessagePort;
}

/** Messages to the fold thread: a chunk of the log, then the end. */
export type FoldMessage = { chunk: LogChunk } | { end: true };

/** Young generation of the fold thread: it keeps little, and what it makes dies at once. */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** Sets V8's semi-space size flags (MB; 0 is V8's default) for isolates made from now on. */
function setSemiSpace(min: number, max: number): void {
  setFlagsFromString(`--min-semi-space-size=${min}`);
  setFlagsFromString(`--max-semi-space-size=${max}`);
}

/**
 * This process's own `--min-` or `--max-semi-space-size`, from its command line or NODE_OPTIONS,
 * as `--flag=N` or `--flag N` (0, V8's default, when not given; the last one given counts).
 */
export function givenSemiSpace(
  which: 'min' | 'max',
  argv: readonly string[] = [
    ...(process.env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean),
    ...process.execArgv,
  ],
): number {
  const flag = `--${which}-semi-space-size`;
  let value = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i].replace(/_/g, '-');
    if (a.startsWith(`${flag}=`)) value = Number(a.slice(flag.length + 1)) || 0;
    else if (a === flag && i + 1 < argv.length) value = Number(argv[++i]) || 0;
  }
  return value;
}

/**
 * The fold of one run's log on a second thread, started at once so that its start-up overlaps
 * the run. Give `engineOptions` to the engine, run it to the end, then await `figures()`.
 */
export function foldOnThread(
  scenario: Scenario,
  byHour: boolean,
): {
  engineOptions: Pick<EngineOptions, 'onLogChunk' | 'logBuffer'>;
  figures: () => Promise<Figures>;
} {
  const { port1: recycled, port2 } = new MessageChannel();
  const entry = workerEntry('fold-worker');
  const workerData: FoldWorkerData = { scenario, byHour, recycle: port2 };
  // V8's flags are the process's: `npm run sim` gives this thread an 8 MB semi-space
  // (package.json), which a new thread would take too (over its resource limits). The fold keeps
  // little: a small one, and this process's own flags back once the thread has its heap.
  setSemiSpace(1, 2);
  const worker = new Worker(entry.code, {
    eval: entry.eval,
    workerData,
    transferList: [port2],
    resourceLimits: RESOURCE_LIMITS,
  });
  let restored = false;
  const restore = () => {
    if (!restored) setSemiSpace(givenSemiSpace('min'), givenSemiSpace('max'));
    restored = true;
  };
  worker.once('online', restore);
  let failure: Error | null = null;
  worker.on('error', (err) => {
    failure ??= err;
    restore();
  });
  worker.once('exit', restore);

  const engineOptions = {
    onLogChunk(chunk: LogChunk): void {
      worker.postMessage({ chunk } satisfies FoldMessage, [chunk.data.buffer as ArrayBuffer]);
    },
    /** A buffer the thread has decoded and given back, if one is there (never waits). */
    logBuffer(): Float64Array | undefined {
      return receiveMessageOnPort(recycled)?.message as Float64Array | undefined;
    },
  };

  async function figures(): Promise<Figures> {
    try {
      return await new Promise<Figures>((resolve, reject) => {
        if (failure) reject(failure);
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) =>
          reject(new Error(`the fold thread stopped (exit code ${code})`)),
        );
        worker.postMessage({ end: true } satisfies FoldMessage);
      });
    } finally {
      recycled.close();
      void worker.terminate();
    }
  }

  return { engineOptions, figures };
}
