/** Each test gets its own fake IndexedDB database, so tests cannot see each other's rows. */
import 'fake-indexeddb/auto';
import { useDatabase, type SandboxDB } from '../../src/store/db';

let n = 0;
export function freshDb(): SandboxDB {
  return useDatabase(`test-${Date.now()}-${n++}`);
}

/** The next value an observable (e.g. a liveQuery) emits that satisfies `ok`. */
export function nextValue<T>(
  observable: {
    subscribe(next: (v: T) => void, error?: (e: unknown) => void): { unsubscribe(): void };
  },
  ok: (v: T) => boolean,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const sub = observable.subscribe((v) => {
      if (!done && ok(v)) {
        done = true;
        queueMicrotask(() => sub.unsubscribe());
        resolve(v);
      }
    }, reject);
  });
}
