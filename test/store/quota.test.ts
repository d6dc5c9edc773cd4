// First: fake-indexeddb must be in place before Dexie loads.
import { freshDb } from './fresh-db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  askPersistentStorage,
  resetPersistentStorageAsk,
  storageUsage,
} from '../../src/store/quota';

/** A browser's navigator.storage that counts persist() calls. */
function fakeStorage(grant: boolean) {
  let persisted = false;
  const storage = {
    calls: 0,
    persist: async () => {
      storage.calls++;
      persisted = grant;
      return grant;
    },
    persisted: async () => persisted,
    estimate: async () => ({ usage: 2_500_000, quota: 1_000_000_000 }),
  };
  vi.stubGlobal('navigator', { storage });
  return storage;
}

beforeEach(() => {
  freshDb();
  resetPersistentStorageAsk();
});
afterEach(() => vi.unstubAllGlobals());

describe('persistent storage', () => {
  it('asks the browser once, at the first save of the user’s own work, and not again after a reload', async () => {
    const storage = fakeStorage(false);
    expect(await askPersistentStorage()).toBe(false);
    expect(await askPersistentStorage()).toBeNull();
    resetPersistentStorageAsk(); // a reload
    expect(await askPersistentStorage()).toBeNull();
    expect(storage.calls).toBe(1);
  });

  it('reports the usage, the quota and whether the browser agreed to keep the data', async () => {
    fakeStorage(true);
    expect(await storageUsage()).toEqual({
      usage: 2_500_000,
      quota: 1_000_000_000,
      persisted: false,
    });
    expect(await askPersistentStorage()).toBe(true);
    expect((await storageUsage()).persisted).toBe(true);
  });
});
