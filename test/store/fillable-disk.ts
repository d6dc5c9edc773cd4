/**
 * A disk that fills up on demand: a Dexie middleware makes writes to chosen tables fail with the
 * QuotaExceededError a browser raises when the origin's storage is full. Works on fake and real
 * IndexedDB alike.
 */
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import type { SandboxDB } from '../../src/store/db';

export const quotaExceeded = () =>
  new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * Writes to a table named in the returned set fail. `full.failWrite(table, n)` lets `n` more
 * writes to it succeed, fails the next one only, then lets the others through again (a disk that
 * was full for a moment in the middle of a large save, the worst case for gaps).
 */
export function fillableDisk(db: SandboxDB) {
  const full = Object.assign(new Set<string>(), {
    failWrite(table: string, after: number) {
      remaining.set(table, after);
    },
  });
  const remaining = new Map<string, number>();
  db.use({
    stack: 'dbcore',
    name: 'fillable-disk',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            const left = remaining.get(name);
            if (left !== undefined) remaining.set(name, left - 1);
            return full.has(name) || left === 0
              ? Promise.reject(quotaExceeded())
              : table.mutate(req);
          },
        };
      },
    }),
  });
  return full;
}
