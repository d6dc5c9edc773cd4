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

/**
 * A dispatch to which workers may be added while it runs (the page starts a second Web Worker
 * only once the sweep proves long). `done` resolves when every job has its result and rejects at
 * the first failure; `finished` counts the results so far.
 */
export interface Dispatch {
  add(port: JobPort): void;
  readonly done: Promise<void>;
  readonly finished: number;
}

export function createDispatch(
  scenario: Scenario,
  jobs: readonly SweepJob[],
  onDone: (job: SweepJob, figures: RunFigures) => void,
): Dispatch {
  const byIndex = new Map(jobs.map((j) => [j.index, j]));
  let next = 0;
  let finished = 0;
  let settle!: { resolve: () => void; reject: (e: Error) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  if (jobs.length === 0) settle.resolve();
  return {
    get finished() {
      return finished;
    },
    done,
    add(port: JobPort): void {
      const feed = () => {
        if (next < jobs.length) port.post({ kind: 'sweep-job', job: jobs[next++] });
      };
      port.listen((m) => {
        if (m.kind === 'sweep-error') {
          settle.reject(new Error(`run ${m.index}: ${m.message}`));
          return;
        }
        finished++;
        onDone(byIndex.get(m.index)!, m.figures);
        if (finished === jobs.length) settle.resolve();
        else feed();
      }, settle.reject);
      port.post({ kind: 'sweep-init', scenario });
      for (let i = 0; i < (port.ahead ?? AHEAD); i++) feed();
    },
  };
}

/** Runs every job on `ports`, resolving when all have their results. */
export function dispatch(
  scenario: Scenario,
  jobs: readonly SweepJob[],
  ports: readonly JobPort[],
  onDone: (job: SweepJob, figures: RunFigures) => void,
): Promise<void> {
  const d = createDispatch(scenario, jobs, onDone);
  for (const port of ports) d.add(port);
  return d.done;
}
