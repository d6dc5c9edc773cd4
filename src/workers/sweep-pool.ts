/**
 * The page's sweep executor: a pool of Web Workers, one per core by default
 * (`navigator.hardwareConcurrency`), speaking the same job protocol as the CLI's worker threads.
 * Cancel terminates the workers at once (a run is synchronous inside its worker).
 */
import type { Scenario } from '../sim/scenario/types';
import { dispatch, type JobPort } from '../sim/sweep/dispatch';
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

export function runSweepInWorkers(
  scenario: Scenario,
  jobs: readonly SweepJob[],
  onDone: (job: SweepJob, figures: RunFigures) => void,
  workers = defaultWorkers(),
): SweepRun {
  const pool = Array.from(
    { length: Math.max(1, Math.min(workers, jobs.length)) },
    () => new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module' }),
  );
  const ports: JobPort[] = pool.map((worker) => ({
    post: (m) => worker.postMessage(m),
    listen(message, fail) {
      worker.onmessage = (ev: MessageEvent<SweepWorkerResponse>) => message(ev.data);
      worker.onerror = (ev) => fail(new Error(ev.message || 'a sweep worker failed to start'));
    },
  }));
  let cancel!: (e: Error) => void;
  const cancelled = new Promise<never>((_, reject) => (cancel = reject));
  const stop = () => pool.forEach((w) => w.terminate());
  let finished = false;
  const done = Promise.race([
    jobs.length === 0
      ? Promise.resolve()
      : dispatch(scenario, jobs, ports, (job, figures) => {
          if (!finished) onDone(job, figures);
        }),
    cancelled,
  ]).finally(() => {
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
