/**
 * The sweep dispatcher (src/sim/sweep/dispatch.ts) with workers that join while it runs, as the
 * page's pool adds its second Web Worker once a sweep proves long: every job runs once, the
 * figures are those of a dispatch on a fixed pool, a failure rejects, and no jobs resolve at once.
 */
import { describe, expect, it } from 'vitest';
import { createDispatch, dispatch, type JobPort } from '../../src/sim/sweep/dispatch.ts';
import type { RunFigures } from '../../src/sim/sweep/figures.ts';
import { sweepJobs, type SweepJob } from '../../src/sim/sweep/grid.ts';
import { sweepWorkerHandler, type SweepWorkerRequest } from '../../src/sim/sweep/job.ts';
import { exampleScenario } from './fixtures.ts';

/** A worker answering on a later turn of the event loop; counts the jobs it ran. */
function fakeWorker(ran: number[], fail?: number): JobPort {
  let listener: (m: Parameters<Parameters<JobPort['listen']>[0]>[0]) => void = () => {};
  const handle = sweepWorkerHandler((m) => setImmediate(() => listener(m)));
  return {
    post: (m: SweepWorkerRequest) =>
      setImmediate(() => {
        if (m.kind === 'sweep-job') {
          ran.push(m.job.index);
          if (m.job.index === fail) {
            listener({ kind: 'sweep-error', index: m.job.index, message: 'boom' });
            return;
          }
        }
        handle(m);
      }),
    listen: (message) => (listener = message),
  };
}

const scenario = exampleScenario();
scenario.durationMinutes = 30;
const jobs = sweepJobs({
  name: 'x',
  varies: [{ name: 'rate', values: [0.5, 1, 2] }],
  reps: 4,
  seed: 3,
});

async function collect(run: (onDone: (job: SweepJob, f: RunFigures) => void) => Promise<void>) {
  const figures: RunFigures[] = [];
  await run((job, f) => (figures[job.index] = f));
  return figures;
}

describe('sweep dispatch', () => {
  it('takes workers that join late, runs every job once, with the figures of a fixed pool', async () => {
    const fixed = await collect((onDone) =>
      dispatch(scenario, jobs, [fakeWorker([]), fakeWorker([])], onDone),
    );
    const first: number[] = [];
    const late: number[] = [];
    const figures = await collect((onDone) => {
      const d = createDispatch(scenario, jobs, (job, f) => {
        onDone(job, f);
        // The second worker joins after the third result, as the page's probe would.
        if (d.finished === 3) d.add(fakeWorker(late));
      });
      d.add(fakeWorker(first));
      return d.done;
    });
    expect(figures).toEqual(fixed);
    expect(figures.filter(Boolean)).toHaveLength(jobs.length);
    expect([...first, ...late].sort((a, b) => a - b)).toEqual(jobs.map((j) => j.index));
    expect(late.length).toBeGreaterThan(0);
  });

  it('rejects at a failed run, resolves at once without jobs, and a late worker finds nothing', async () => {
    const d = createDispatch(scenario, jobs, () => {});
    d.add(fakeWorker([], 5));
    await expect(d.done).rejects.toThrow('run 5: boom');

    const none = createDispatch(scenario, [], () => {});
    await expect(none.done).resolves.toBeUndefined();

    const ran: number[] = [];
    const all = createDispatch(scenario, jobs.slice(0, 2), () => {});
    all.add(fakeWorker([]));
    await all.done;
    all.add(fakeWorker(ran));
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual([]);
    expect(all.finished).toBe(2);
  });
});
