/**
 * The page's sweep executor: a pool of Web Workers, up to one per core by default
 * (`navigator.hardwareConcurrency`), speaking the same job protocol as the CLI's worker threads.
 * Cancel terminates the workers at once (a run is synchronous inside its worker).
 */
import type { Scenario } from '../sim/scenario/types';
import { createDispatch } from '../sim/sweep/dispatch';
import type { RunFigures } from '../sim/sweep/figures';
import type { SweepJob } from '../sim/sweep/grid';
import type { SweepWorkerResponse } from '../sim/sweep/job';
import { CancelledError } from './client';

export interface SweepRun {
  /** Resolves when every job is done; rejects with a CancelledError on cancel. */
  done: Promise<void>;
  cancel(): void;
}

export function defaultWorkers(): number {
  return Math.max(1, navigator.hardwareConcurrency || 1);
}

/**
 * Seconds of work left (at the pace of the first worker) from which more workers are started:
 * each must load the engine and warm up its JIT while competing for the cores, and on a short
 * sweep that costs more than it saves (Chromium, 2 cores: the rush hour's 180 runs took 0.39 s on
 * one worker and 0.57 s on two started at once). The CLI follows the same rule (sweep-pool.ts).
 */
const WORTH_WORKERS_SECONDS = 1;
/**
 * The first worker's pace is read between its results, once it has started and run a job (its
 * start-up, long from a dev server, says nothing of the sweep): for this long after its first
 * result, or until the rest clearly outweighs the rule (three times over), whichever comes first.
 */
const PROBE_MS = 150;
/** No second result this long after the start: the jobs are long, the other workers start. */
const SLOW_START_MS = 1000;

/**
 * Runs `jobs` on up to `workers` Web Workers: one at once, the others only once the first one's
 * pace says the rest of the sweep would take a second or more on one.
 */
export function runSweepInWorkers(
  scenario: Scenario,
  jobs: readonly SweepJob[],
  onDone: (job: SweepJob, figures: RunFigures) => void,
  workers = defaultWorkers(),
  /** WORTH_WORKERS_SECONDS; the tests use 0 (always add them) and Infinity (never). */
  worthSeconds = WORTH_WORKERS_SECONDS,
): SweepRun {
  const pool: Worker[] = [];
  let finished = false;
  const wanted = Math.max(1, Math.min(workers, jobs.length));
  let decided = wanted === 1;
  let firstAt = 0;
  const others = () => {
    decided = true;
    for (let i = 1; i < wanted; i++) start();
  };
  const d = createDispatch(scenario, jobs, (job, figures) => {
    if (finished) return;
    onDone(job, figures);
    if (decided) return;
    const now = performance.now();
    if (d.finished === 1) firstAt = now;
    else {
      const left = ((jobs.length - d.finished) * (now - firstAt)) / (d.finished - 1);
      if (left >= 3 * worthSeconds * 1000) others();
      else if (now - firstAt >= PROBE_MS) {
        if (left >= worthSeconds * 1000) others();
        else decided = true;
      }
    }
  });
  function start(): void {
    const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module' });
    pool.push(worker);
    d.add({
      post: (m) => worker.postMessage(m),
      listen(message, fail) {
        worker.onmessage = (ev: MessageEvent<SweepWorkerResponse>) => message(ev.data);
        worker.onerror = (ev) => fail(new Error(ev.message || 'a sweep worker failed to start'));
      },
    });
  }
  if (jobs.length > 0) start();
  const slow = decided
    ? undefined
    : setTimeout(() => {
        if (!decided && !finished && d.finished < 2 && worthSeconds < Infinity) others();
      }, SLOW_START_MS);
  let cancel!: (e: Error) => void;
  const cancelled = new Promise<never>((_, reject) => (cancel = reject));
  const stop = () => {
    clearTimeout(slow);
    pool.forEach((w) => w.terminate());
  };
  const done = Promise.race([d.done, cancelled]).finally(() => {
    finished = true;
    stop();
  });
  return {
    done,
    cancel() {
      finished = true;
      stop();
      cancel(new CancelledError());
    },
  };
}
