/**
 * A worker thread of `sim sweep --jobs N`: bundled next to sim.mjs as sweep-worker.mjs (package.json
 * `npm run sim` or `npm run build:cli`), run from source with tsx in the tests.
 */
import { parentPort } from 'node:worker_threads';
import { sweepWorkerHandler } from '../sim/sweep/job.ts';

const port = parentPort!;
port.on(
  'message',
  sweepWorkerHandler((m) => port.postMessage(m)),
);
