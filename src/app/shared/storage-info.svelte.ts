/**
 * The storage panel's state: how much this site stores, how much the browser lets it store, and
 * whether the browser promised to keep it (persistent storage).
 */
import {
  requestPersistentStorage,
  storageUsage,
  storedCounts,
  type StorageUsage,
  type StoredCounts,
} from '../../store';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** `1 234 567` → `1.2 MB` (powers of 1024, one decimal under 10). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString('en', { maximumFractionDigits: digits })} ${UNITS[unit]}`;
}

/** "1.2 MB of 120 GB (0.001 %)", or what the browser lets us know. */
export function describeUsage({ usage, quota }: Pick<StorageUsage, 'usage' | 'quota'>): string {
  if (usage === null) return 'The browser does not say how much this site stores.';
  if (quota === null || quota === 0) return `${formatBytes(usage)} used.`;
  const share = (usage / quota) * 100;
  const percent =
    share < 0.01 ? '< 0.01' : share.toLocaleString('en', { maximumFractionDigits: 2 });
  return `${formatBytes(usage)} used of ${formatBytes(quota)} this site may use (${percent} %).`;
}

export class StorageInfo {
  usage = $state.raw<StorageUsage | null>(null);
  counts = $state.raw<StoredCounts | null>(null);
  error = $state<string | null>(null);
  asking = $state(false);

  async refresh(): Promise<void> {
    try {
      const [usage, counts] = await Promise.all([storageUsage(), storedCounts()]);
      this.usage = usage;
      this.counts = counts;
      this.error = null;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Asks the browser again to keep this site's data (it may decide without asking the user). */
  async persist(): Promise<void> {
    this.asking = true;
    await requestPersistentStorage();
    this.asking = false;
    await this.refresh();
  }
}
