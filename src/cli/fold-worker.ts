/**
 * The fold thread of `npm run sim` (src/cli/fold.ts): decodes the run's log chunks in order, folds
 * them into the figures, returns each chunk's buffer to be filled again, and at the end posts the
 * figures. Bundled next to sim.mjs as fold-worker.mjs, run from source with tsx in the tests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LogDecoder } from '../sim/world/log-codec.ts';
import { createFold, type FoldMessage, type FoldWorkerData } from './fold.ts';

const { scenario, byHour, recycle } = workerData as FoldWorkerData;
const fold = createFold(scenario, byHour);
const decoder = new LogDecoder(scenario, fold.add);
const port = parentPort!;
port.on('message', (m: FoldMessage) => {
  if ('chunk' in m) {
    decoder.decode(m.chunk);
    const buffer = new Float64Array(m.chunk.data.buffer);
    recycle.postMessage(buffer, [buffer.buffer as ArrayBuffer]);
  } else {
    port.postMessage(fold.figures());
    port.close();
  }
});
