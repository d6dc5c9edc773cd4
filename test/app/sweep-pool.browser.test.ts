/**
 * The page's sweep pool (src/workers/sweep-pool.ts) in real Chromium Web Workers: the other
 * workers join once the first one's pace says the sweep is long, and the figures are those of one
 * worker, run for run. Which sweeps are long enough is a matter of speed, measured by
 * `npm run bench:sweep`, not here: these tests set the threshold to never and to always.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunFigures } from '../../src/sim/sweep/figures';
import { sweepJobs } from '../../src/sim/sweep/grid';
import { runSweepInWorkers } from '../../src/workers/sweep-pool';
import type { Scenario } from '../../src/sim/scenario/types';
import { exampleScenario } from '../sim/fixtures';

const RealWorker = globalThis.Worker;
let started = 0;
afterEach(() => {
  globalThis.Worker = RealWorker;
});
/** Counts the Web Workers the pool starts. */
function countWorkers(): void {
  started = 0;
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      started++;
    }
  };
}

async function sweep(scenario: Scenario, workers: number, worthSeconds: number) {
  const jobs = sweepJobs({
    name: 'x',
    varies: [{ name: 'rate', values: [1, 2] }],
    reps: 12,
    seed: 1,
  });
  const runs: RunFigures[] = [];
  await runSweepInWorkers(scenario, jobs, (job, f) => (runs[job.index] = f), workers, worthSeconds)
    .done;
  return runs;
}

describe('the page sweep pool', () => {
  it('adds the other workers while the sweep runs, with the figures of one worker', async () => {
    const s = exampleScenario();
    s.durationMinutes = 240;
    countWorkers();
    const one = await sweep(s, 1, 0);
    expect(started).toBe(1);
    countWorkers();
    const alone = await sweep(s, 3, Infinity);
    expect(started).toBe(1);
    countWorkers();
    const many = await sweep(s, 3, 0);
    expect(started).toBe(3);
    expect(one).toHaveLength(24);
    expect(alone).toEqual(one);
    expect(many).toEqual(one);
  }, 60_000);
});
