/**
 * Runs sweep jobs on `jobs` worker threads (or in this thread for one), handing each worker its next
 * job as it finishes one. Results come back by job index, so the output does not depend on `--jobs`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunFigures } from '../sim/sweep/figures.ts';
import type { SweepJob } from '../sim/sweep/grid.ts';
import { dispatch, type JobPort } from '../sim/sweep/dispatch.ts';
import { runSweepJob, sweepWorkerHandler, type SweepWorkerResponse } from '../sim/sweep/job.ts';
import type { Scenario } from '../sim/scenario/types.ts';

/**
 * The worker: the bundle next to this one (`.cache/cli/sweep-worker.mjs`, built by `npm run sim` or `npm run build:cli`), or,
 * when this module itself runs from source (tests, `tsx src/cli/sim.ts`), the source file loaded
 * through tsx's loader, registered inside the worker (a worker's execArgv cannot take `--import`).
 */
function workerEntry(): { code: string | URL; eval: boolean } {
  const bundled = new URL('./sweep-worker.mjs', import.meta.url);
  if (import.meta.url.endsWith('.mjs') && existsSync(fileURLToPath(bundled))) {
    return { code: bundled, eval: false };
  }
  // tsx's ESM API (its package exports map `import` to the .mjs next to the `require` entry).
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = JSON.stringify(pathToFileURL(api).href);
  const source = JSON.stringify(new URL('./sweep-worker.ts', import.meta.url).href);
  return {
    code: `import(${tsx}).then((tsx) => { tsx.register(); return import(${source}); });`,
    eval: true,
  };
}

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

export async function runJobs(
  scenario: Scenario,
  jobs: readonly SweepJob[],
  threads: number,
  onDone: (job: SweepJob, figures: RunFigures) => void,
): Promise<void> {
  if (threads <= 1 || jobs.length <= 1) {
    for (const job of jobs) onDone(job, runSweepJob(scenario, job));
    return;
  }
  const entry = workerEntry();
  // This thread is one of the `threads`: it would only wait otherwise, and each worker costs a
  // start-up and a JIT warm-up of its own.
  const workers = Array.from(
    { length: Math.min(threads, jobs.length) - 1 },
    () => new Worker(entry.code, { eval: entry.eval, resourceLimits: RESOURCE_LIMITS }),
  );
  const ports: JobPort[] = workers.map((worker) => ({
    post: (m) => worker.postMessage(m),
    listen(message, fail) {
      worker.on('message', message);
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`a sweep worker stopped (exit code ${code})`));
      });
    },
  }));
  try {
    await dispatch(scenario, jobs, [...ports, localPort()], onDone);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
