/**
 * How much the browser lets this page keep. Browsers may evict "best-effort" storage under disk
 * pressure; asking for persistent storage (granted for installed apps, or when the user agrees)
 * keeps saved scenarios and runs from silently disappearing.
 */

export interface StorageUsage {
  /** Bytes used by this origin, when the browser tells. */
  usage: number | null;
  /** Bytes this origin may use, when the browser tells. */
  quota: number | null;
  /** Whether the browser promised not to evict this origin's data. */
  persisted: boolean;
}

/** The origin's usage and quota; nulls where the browser does not say. */
export async function storageUsage(): Promise<StorageUsage> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.estimate) return { usage: null, quota: null, persisted: false };
  const [estimate, persisted] = await Promise.all([
    storage.estimate().catch(() => ({}) as StorageEstimate),
    storage.persisted?.().catch(() => false) ?? Promise.resolve(false),
  ]);
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

/** Asks the browser to keep this origin's data under disk pressure; true when it agreed. */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return false;
  return storage.persist().catch(() => false);
}
