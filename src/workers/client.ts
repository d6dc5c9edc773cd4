import type { WorkerRequest, WorkerResponse } from './protocol';

export type DoneMessage = Exclude<WorkerResponse, { kind: 'progress' } | { kind: 'error' }>;

export interface Job<T extends DoneMessage> {
  result: Promise<T>;
  /** Stops the job at once (terminates its worker); `result` rejects with a CancelledError. */
  cancel(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
  }
}

/**
 * Starts a job in a fresh module worker. A worker per job keeps cancel trivial and immediate: the
 * engine runs synchronously inside the worker, so it could not read a "stop" message anyway.
 */
export function startJob<T extends DoneMessage>(
  request: WorkerRequest,
  onProgress: (fraction: number, label?: string) => void,
): Job<T> {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
  let settle: { resolve(v: T): void; reject(e: unknown): void };
  const result = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  worker.onmessage = (ev: MessageEvent<WorkerResponse>) => {
    const m = ev.data;
    if (m.kind === 'progress') onProgress(m.fraction, m.label);
    else {
      worker.terminate();
      if (m.kind === 'error') settle.reject(new Error(m.message));
      else settle.resolve(m as T);
    }
  };
  worker.onerror = (ev) => {
    worker.terminate();
    settle.reject(new Error(ev.message || 'The simulation worker failed to start'));
  };
  // Svelte's $state proxies cannot be cloned: callers pass plain snapshots.
  worker.postMessage(request);
  return {
    result,
    cancel() {
      worker.terminate();
      settle.reject(new CancelledError());
    },
  };
}
