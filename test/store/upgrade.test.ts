// First: fake-indexeddb must be in place before Dexie loads.
import { fakeIndexedDB } from './fresh-db';
import { describe, expect, it } from 'vitest';
import { SandboxDB, useDatabase } from '../../src/store/db';
import { loadRunEvents } from '../../src/store/runs';
import { createTrainee, listTrainees } from '../../src/store/practice';
import { FIXTURES, writeDatabaseAt } from './schema-versions';
import { V1_EVENTS } from './schema-versions/v1';

let n = 0;
async function openUpgraded(fixture: ReturnType<(typeof FIXTURES)[number]>) {
  const name = `upgrade-v${fixture.version}-${Date.now()}-${n++}`;
  await writeDatabaseAt(fixture, name, fakeIndexedDB);
  const db = useDatabase(name, fakeIndexedDB);
  await db.open();
  return db;
}

describe('schema versions', () => {
  it('has a fixture for every schema version the app declares, with rows in every table', () => {
    const db = new SandboxDB('never-opened', fakeIndexedDB);
    const fixtures = FIXTURES.map((f) => f());
    expect(fixtures.map((f) => f.version)).toEqual(
      Array.from({ length: db.verno }, (_, i) => i + 1),
    );
    const today = db.tables.map((t) => t.name).sort();
    for (const f of fixtures) {
      expect(Object.keys(f.rows).sort(), `v${f.version} writes every table`).toEqual(
        Object.keys(f.schema).sort(),
      );
      for (const [table, rows] of Object.entries(f.rows)) {
        expect(rows.length, `v${f.version} ${table}`).toBeGreaterThan(0);
      }
      expect(Object.keys(f.expected).sort(), `v${f.version} expects every table`).toEqual(today);
    }
  });
});

describe.each(FIXTURES.map((f) => [f().version, f] as const))(
  'opening a version %i database',
  (version, make) => {
    it('loses nothing: every table reads as expected after the upgrade', async () => {
      const fixture = make();
      const db = await openUpgraded(fixture);
      for (const [table, rows] of Object.entries(fixture.expected)) {
        expect(await db.table(table).toArray(), `table ${table}`).toEqual(rows);
      }
    });

    it('is usable afterwards: a new trainee is saved next to the old ones', async () => {
      const fixture = make();
      await openUpgraded(fixture);
      const before = (await listTrainees()).length;
      await createTrainee(`Trainee of v${version}`);
      expect(await listTrainees()).toHaveLength(before + 1);
    });
  },
);

describe('opening a version 1 database', () => {
  it('still decodes the old run’s event log', async () => {
    await openUpgraded(FIXTURES[0]());
    expect(await loadRunEvents('run-1')).toStrictEqual(V1_EVENTS);
  });
});
