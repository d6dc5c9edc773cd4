// First: fake-indexeddb must be in place before Dexie loads.
import { fakeIndexedDB, freshDb } from './fresh-db';
import { describe, expect, it, vi } from 'vitest';
import { Dexie } from 'dexie';
import {
  beforeUpgradeElsewhere,
  isGivingWay,
  SCHEMA_V3,
  whenUpgradedElsewhere,
} from '../../src/store/db';
import { setSetting } from '../../src/store/settings';

describe('a newer schema version opened in another tab', () => {
  it('regression: this tab writes what is pending, closes for the upgrade and reloads, instead of failing', async () => {
    const db = freshDb();
    await setSetting('before', 1);
    const reload = vi.fn();
    whenUpgradedElsewhere(reload);
    const stop = beforeUpgradeElsewhere(() => setSetting('pending', 'written'));
    // The newer app in the other tab: one version more, one table more.
    const newer = new Dexie(db.name, fakeIndexedDB);
    newer.version(db.verno + 1).stores({ ...SCHEMA_V3, sweeps: 'id' });
    await newer.open(); // blocked forever if this tab kept its connection open
    stop();
    expect(reload).toHaveBeenCalledOnce();
    expect(isGivingWay()).toBe(true);
    expect(db.isOpen()).toBe(false);
    // The newer app finds everything, the last pending write included.
    expect(await newer.table('settings').toArray()).toEqual([
      { key: 'before', value: 1 },
      { key: 'pending', value: 'written' },
    ]);
    newer.close();
  });
});
