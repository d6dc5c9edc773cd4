/**
 * One fixture per schema version the app ever shipped: the schema as that release declared it
 * (copied, never imported from src/store/db.ts, so a later edit there cannot hide a broken
 * upgrade), rows in every one of its tables, and every table as today's app must read it after
 * opening that database.
 *
 * Adding a schema version: add `vN.ts` (rows in every table, including the new ones), append it
 * to FIXTURES, and update the `expected` of the older fixtures if your upgrade changes their rows.
 * test/store/upgrade.test.ts fails until every declared version has a fixture.
 */
import { Dexie, type DexieOptions } from 'dexie';
import { v1 } from './v1';
import { v2 } from './v2';
import { v3 } from './v3';
import { v4 } from './v4';

export interface SchemaFixture {
  version: number;
  /** The stores of that version, as its release declared them. */
  schema: Record<string, string>;
  /** What that release wrote: at least one row in every table of `schema`. */
  rows: Record<string, unknown[]>;
  /** Every table of today's schema after the upgrade, in primary-key order. */
  expected: Record<string, unknown[]>;
}

export const FIXTURES: readonly (() => SchemaFixture)[] = [v1, v2, v3, v4];

/** Writes `fixture`'s rows into a new database `name` at the fixture's version. */
export async function writeDatabaseAt(
  fixture: SchemaFixture,
  name: string,
  options?: DexieOptions,
): Promise<void> {
  const old = new Dexie(name, options);
  old.version(fixture.version).stores(fixture.schema);
  await old.open();
  await old.transaction('rw', Object.keys(fixture.schema), async () => {
    for (const [table, rows] of Object.entries(fixture.rows)) await old.table(table).bulkAdd(rows);
  });
  old.close();
}
