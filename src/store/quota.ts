/**
 * How much the browser lets this page keep. Browsers may evict "best-effort" storage under disk
 * pressure; asking for persistent storage (granted for installed apps, or when the user agrees)
 * keeps saved scenarios and runs from silently disappearing.
 */
import { getDb } from './db';
import { guard } from './errors';
import { getSetting, setSetting } from './settings';

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

const ASKED_KEY = 'storage.persistAsked';
let askedHere = false;

/**
 * Asks for persistent storage the first time the user saves something of their own (a scenario,
 * a trainee, an attempt), once per profile: Firefox shows the user a prompt, Chromium decides by
 * itself. Returns whether storage is persistent now, or null when it was asked before. The
 * storage panel can ask again ({@link requestPersistentStorage}).
 */
export async function askPersistentStorage(): Promise<boolean | null> {
  if (askedHere) return null;
  askedHere = true;
  try {
    if (await getSetting(ASKED_KEY, false)) return null;
    await setSetting(ASKED_KEY, true);
  } catch {
    // Storage refused: there is nothing to keep persistently.
    return null;
  }
  const storage = globalThis.navigator?.storage;
  if (await storage?.persisted?.().catch(() => false)) return true;
  return requestPersistentStorage();
}

/** Tests: forget that this page already asked. */
export function resetPersistentStorageAsk(): void {
  askedHere = false;
}

/** What the user has stored, for the storage panel: their own scenarios, runs, trainees, attempts. */
export interface StoredCounts {
  scenarios: number;
  runs: number;
  trainees: number;
  attempts: number;
}

export function storedCounts(): Promise<StoredCounts> {
  return guard('the stored data could not be counted', async () => {
    const db = getDb();
    const [scenarios, runs, trainees, attempts] = await Promise.all([
      db.scenarios.where('source').equals('user').count(),
      db.runs.count(),
      db.trainees.count(),
      db.attempts.count(),
    ]);
    return { scenarios, runs, trainees, attempts };
  });
}
