/**
 * Each test gets its own fake IndexedDB database, so tests cannot see each other's rows.
 * Dexie looks for `indexedDB` when it is first imported, which may be before this file's
 * fake-indexeddb/auto ran: so the fake is also handed to each database explicitly.
 */
import 'fake-indexeddb/auto';
import { useDatabase, type SandboxDB } from '../../src/store/db';

export const fakeIndexedDB = {
  indexedDB: globalThis.indexedDB,
  IDBKeyRange: globalThis.IDBKeyRange,
};

let n = 0;
export function freshDb(): SandboxDB {
  return useDatabase(`test-${Date.now()}-${n++}`, fakeIndexedDB);
}

export { nextValue } from './next-value';
