/// <reference lib="webworker" />
import { compareJob, runJob, whyJob } from './jobs';
import type { WorkerRequest, WorkerResponse } from './protocol';

const post = (m: WorkerResponse) => self.postMessage(m);

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  try {
    if (ev.data.kind === 'run') runJob(ev.data, post);
    else if (ev.data.kind === 'why') whyJob(ev.data, post);
    else compareJob(ev.data, post);
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
