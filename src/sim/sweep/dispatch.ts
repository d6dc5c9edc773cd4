/**
 * Hands sweep jobs to a pool of workers, whatever they are (worker threads in the CLI, Web Workers
 * on the page): each worker gets the base scenario, then two jobs in hand and a new one each time it
 * finishes one, so none idles while its next job is on the way. Results are passed on by job, in
 * whatever order they finish; callers index them, so the result never depends on the pool's size.
 */
import type { Scenario } from '../scenario/types.ts';
import type { RunFigures } from './figures.ts';
import type { SweepJob } from './grid.ts';
import type { SweepWorkerRequest, SweepWorkerResponse } from './job.ts';

/** One worker, as the dispatcher sees it. */
export interface JobPort {
  post(m: SweepWorkerRequest): void;
  /** Calls `message` with each response and `fail` if the worker dies. */
  listen(message: (m: SweepWorkerResponse) => void, fail: (e: Error) => void): void;
  /**
   * Jobs to keep in hand (default 2). A port that runs jobs in the dispatching thread itself needs
   * only 1: its next job is never on the way, and a second one held there is one the other workers
   * cannot take at the end of the sweep.
   */
  ahead?: number;
}

/** Jobs in hand per worker: one running, one on the way, so none idles while its next job travels. */
const AHEAD = 2;

export function dispatch(
  scenario: Scenario,
  jobs: readonly SweepJob[],
  ports: readonly JobPort[],
  onDone: (job: SweepJob, figures: RunFigures) => void,
): Promise<void> {
  const byIndex = new Map(jobs.map((j) => [j.index, j]));
  let next = 0;
  return Promise.all(
    ports.map(
      (port) =>
        new Promise<void>((resolve, reject) => {
          let outstanding = 0;
          const feed = () => {
            if (next < jobs.length) {
              outstanding++;
              port.post({ kind: 'sweep-job', job: jobs[next++] });
            } else if (outstanding === 0) resolve();
          };
          port.listen((m) => {
            if (m.kind === 'sweep-error') {
              reject(new Error(`run ${m.index}: ${m.message}`));
              return;
            }
            outstanding--;
            onDone(byIndex.get(m.index)!, m.figures);
            feed();
          }, reject);
          port.post({ kind: 'sweep-init', scenario });
          for (let i = 0; i < (port.ahead ?? AHEAD); i++) feed();
        }),
    ),
  ).then(() => undefined);
}
