/**
 * The one job protocol every executor speaks (in-process, worker_threads, Web Workers, `--shard`):
 * a worker holds the sweep's base scenario and turns jobs into figures.
 */
import type { Scenario } from '../scenario/types.ts';
import { runOnce, type RunFigures } from './figures.ts';
import type { SweepJob } from './grid.ts';
import { applyParams } from './transform.ts';

/** To a worker: first its base scenario, then one job at a time. */
export type SweepWorkerRequest =
  { kind: 'sweep-init'; scenario: Scenario } | { kind: 'sweep-job'; job: SweepJob };

/** From a worker: a job's figures, or why it failed (a bug, not bad input: inputs are checked first). */
export type SweepWorkerResponse =
  | { kind: 'sweep-done'; index: number; figures: RunFigures }
  | { kind: 'sweep-error'; index: number; message: string };

/** Runs one job of a sweep over `base`. */
export function runSweepJob(base: Scenario, job: SweepJob): RunFigures {
  return runOnce(applyParams(base, job.params), job.seed);
}

/** A worker's message handler, the same in a Web Worker and a worker thread. */
export function sweepWorkerHandler(post: (m: SweepWorkerResponse) => void) {
  let base: Scenario | null = null;
  return (m: SweepWorkerRequest) => {
    if (m.kind === 'sweep-init') {
      base = m.scenario;
      return;
    }
    try {
      if (!base) throw new Error('sweep worker: a job came before the scenario');
      post({ kind: 'sweep-done', index: m.job.index, figures: runSweepJob(base, m.job) });
    } catch (err) {
      post({
        kind: 'sweep-error',
        index: m.job.index,
        message: err instanceof Error ? err.message : String(err),
      });
    }
  };
}
