/**
 * A disk that fills up on demand: a Dexie middleware makes writes to chosen tables fail with the
 * QuotaExceededError a browser raises when the origin's storage is full. Works on fake and real
 * IndexedDB alike.
 */
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import type { SandboxDB } from '../../src/store/db';

export const quotaExceeded = () =>
  new DOMException('The quota has been exceeded.', 'QuotaExceededError');

export function fillableDisk(db: SandboxDB) {
  const full = new Set<string>();
  db.use({
    stack: 'dbcore',
    name: 'fillable-disk',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) =>
            full.has(name) ? Promise.reject(quotaExceeded()) : table.mutate(req),
        };
      },
    }),
  });
  return full;
}
