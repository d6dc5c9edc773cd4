/**
 * Runs sweep jobs on `jobs` worker threads (or in this thread for one), handing each worker its next
 * job as it finishes one. Results come back by job index, so the output does not depend on `--jobs`.
 */
import { Worker } from 'node:worker_threads';
import type { RunFigures } from '../sim/sweep/figures.ts';
import type { SweepJob } from '../sim/sweep/grid.ts';
import { dispatch, type JobPort } from '../sim/sweep/dispatch.ts';
import { runSweepJob, sweepWorkerHandler, type SweepWorkerResponse } from '../sim/sweep/job.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { envThreshold } from './flag-value.ts';
import { workerEntry } from './worker-entry.ts';

/** The same young-generation sizing as `npm run sim` (package.json): runs allocate short-lived garbage. */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 128 };

/**
 * This thread as a worker: each job runs on its own turn of the event loop, so the workers'
 * messages are read between runs (each worker has a second job in hand meanwhile).
 */
function localPort(): JobPort {
  let listener: (m: SweepWorkerResponse) => void = () => {};
  const handle = sweepWorkerHandler((m) => setImmediate(() => listener(m)));
  return {
    post: (m) => setImmediate(() => handle(m)),
    listen: (message) => (listener = message),
    ahead: 1,
  };
}

/**
 * Remaining work (seconds on one thread) below which worker threads are not started: each must
 * start and warm up its JIT while competing for the cores. Measured on 2 cores: 180 runs of 3 ms
 * took 0.44 s on this thread alone and 0.61 s with a worker; 40 runs of 0.2 s took 0.56–0.60× the
 * time with a worker.
 */
const WORTH_THREADS_SECONDS = 1;

/** WORTH_THREADS_SECONDS, or the `SWEEP_THREADS_MIN_SECONDS` environment variable (0: always start them). */
function worthThreadsSeconds(): number {
  return envThreshold('SWEEP_THREADS_MIN_SECONDS') ?? WORTH_THREADS_SECONDS;
}
/** How long this thread runs jobs alone first, to tell a short sweep from a long one. */
const PROBE_SECONDS = 0.15;

/**
 * Runs `jobs` on up to `threads` threads. This thread starts alone for a moment; workers join only
 * when what is left would take long enough on one thread to be worth starting them.
 */
export async function runJobs(
  scenario: Scenario,
  jobs: readonly SweepJob[],
  threads: number,
  onDone: (job: SweepJob, figures: RunFigures) => void,
): Promise<void> {
  const worth = worthThreadsSeconds();
  // Workers are started at once, so that their start-up overlaps this thread's first jobs (a long
  // sweep gains that much), and dismissed unused if the sweep turns out short. One that fails
  // meanwhile is left out.
  const entry = threads > 1 && jobs.length > 1 ? workerEntry('sweep-worker') : null;
  const workers = Array.from({ length: entry ? Math.min(threads, jobs.length) - 1 : 0 }, () => {
    const worker = new Worker(entry!.code, { eval: entry!.eval, resourceLimits: RESOURCE_LIMITS });
    const slot = { worker, dead: false };
    worker.on('error', () => {});
    worker.once('exit', () => (slot.dead = true));
    return slot;
  });
  try {
    let next = 0;
    // Seconds a job takes once warm: the mean of the jobs begun in the second half of the probe
    // (the first ones run cold), else the last one (a long job, the only one the probe had time for).
    let warmJobs = 0;
    let warmSeconds = 0;
    let lastSeconds = 0;
    if (workers.length > 0 && worth > 0) {
      const started = performance.now();
      const half = (PROBE_SECONDS * 1000) / 2;
      for (let now = started; next < jobs.length && now - started < 2 * half;) {
        onDone(jobs[next], runSweepJob(scenario, jobs[next]));
        next++;
        const after = performance.now();
        lastSeconds = (after - now) / 1000;
        if (now - started >= half) {
          warmJobs++;
          warmSeconds += lastSeconds;
        }
        now = after;
      }
    }
    const rest = jobs.slice(next);
    const perJob = warmJobs > 0 ? warmSeconds / warmJobs : lastSeconds;
    const live = workers.filter((w) => !w.dead).slice(0, Math.max(0, rest.length - 1));
    if (live.length === 0 || rest.length * perJob < worth) {
      for (const job of rest) onDone(job, runSweepJob(scenario, job));
      return;
    }
    // This thread is one of the `threads`: it would only wait otherwise.
    const ports: JobPort[] = live.map(({ worker }) => ({
      post: (m) => worker.postMessage(m),
      listen(message, fail) {
        worker.on('message', message);
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a sweep worker stopped (exit code ${code})`));
        });
      },
    }));
    await dispatch(scenario, rest, [...ports, localPort()], onDone);
  } finally {
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }
}
