/// <reference lib="webworker" />
/** One worker of the page's sweep pool: the same job protocol as the CLI's worker threads. */
import { sweepWorkerHandler, type SweepWorkerRequest } from '../sim/sweep/job';

const handle = sweepWorkerHandler((m) => self.postMessage(m));
self.onmessage = (ev: MessageEvent<SweepWorkerRequest>) => handle(ev.data);
