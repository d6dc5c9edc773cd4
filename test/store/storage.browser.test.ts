/**
 * The store on real IndexedDB in Chromium: what fake-indexeddb in Node cannot prove (structured
 * clone of typed arrays, real transactions, cross-connection live queries, a real upgrade).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { closeDb, useDatabase } from '../../src/store/db';
import { CHUNK_SIZE } from '../../src/store/event-codec';
import {
  appendRunEvents,
  createRun,
  finishRun,
  flushRunEvents,
  getRun,
  listUnfinishedRuns,
  loadRunEvents,
} from '../../src/store/runs';
import { listScenarios, liveScenarios, saveScenario } from '../../src/store/scenarios';
import { exampleScenario } from '../sim/fixtures';
import { nextValue } from './next-value';
import { syntheticLog } from './synthetic-log';
import { fillableDisk } from './fillable-disk';
import { FIXTURES, writeDatabaseAt } from './schema-versions';
import { V1_EVENTS } from './schema-versions/v1';

const names: string[] = [];
function fresh(): string {
  const name = `browser-test-${Date.now()}-${names.length}`;
  names.push(name);
  useDatabase(name);
  return name;
}

afterEach(async () => {
  closeDb();
  await Promise.all(names.splice(0).map((n) => Dexie.delete(n)));
});

describe('storage on real IndexedDB', () => {
  it('stores a 100k-event run log as chunks and loads it back identical', async () => {
    fresh();
    const events = syntheticLog(100_000);
    const id = await createRun({ scenario: exampleScenario() });
    await appendRunEvents(id, events);
    await finishRun(id, { served: 1 });
    const run = await getRun(id);
    expect(run).toMatchObject({ eventCount: 100_000, chunkCount: Math.ceil(100_000 / CHUNK_SIZE) });
    const back = await loadRunEvents(id);
    expect(back.length).toBe(events.length);
    expect(JSON.stringify(back)).toBe(JSON.stringify(events));
  });

  it('brings back a running run after the connection is reopened (a reload) and continues its log', async () => {
    const name = fresh();
    const events = syntheticLog(CHUNK_SIZE + 300);
    const id = await createRun({ scenario: exampleScenario() });
    await appendRunEvents(id, events.slice(0, 200));
    await flushRunEvents(id);
    closeDb();
    useDatabase(name);
    const [run] = await listUnfinishedRuns();
    expect(run).toMatchObject({ id, eventCount: 200, status: 'running' });
    await appendRunEvents(id, events.slice(run.eventCount));
    await finishRun(id, null);
    expect(await loadRunEvents(id)).toStrictEqual(events);
  });

  it('updates a live scenario list when another connection (another tab) saves a scenario', async () => {
    const name = fresh();
    const live = liveScenarios();
    await nextValue(live, (list) => list.length === 0);
    const seen = nextValue(live, (list) => list.length === 1);
    // A second connection to the same database, as another tab would have.
    const other = new Dexie(name);
    other.version(2).stores({ scenarios: 'id, name, source, updatedAt' });
    await other.table('scenarios').add({
      id: 'from-other-tab',
      name: 'From another tab',
      source: 'user',
      scenario: exampleScenario(),
      createdAt: 1,
      updatedAt: 1,
    });
    other.close();
    expect((await seen)[0].name).toBe('From another tab');
    await saveScenario({ scenario: { ...exampleScenario(), name: 'Here' } });
    expect((await listScenarios()).map((s) => s.name)).toEqual(['From another tab', 'Here']);
  });

  it('keeps the stored log and counters when a write fails with a full disk, and says so', async () => {
    fresh();
    const { getDb } = await import('../../src/store/db');
    const full = fillableDisk(getDb());
    const events = syntheticLog(3 * CHUNK_SIZE);
    const id = await createRun({ scenario: exampleScenario() });
    await appendRunEvents(id, events.slice(0, CHUNK_SIZE));
    full.add('runChunks');
    await expect(appendRunEvents(id, events.slice(CHUNK_SIZE))).rejects.toThrow(
      /^Storage is full: the run was not saved/,
    );
    full.clear();
    expect(await getRun(id)).toMatchObject({ eventCount: CHUNK_SIZE, chunkCount: 1 });
    expect(await loadRunEvents(id)).toStrictEqual(events.slice(0, CHUNK_SIZE));
  });

  it('reports the origin’s storage usage and quota', async () => {
    fresh();
    await saveScenario({ scenario: exampleScenario() });
    const { storageUsage } = await import('../../src/store/quota');
    const usage = await storageUsage();
    expect(usage.quota).toBeGreaterThan(0);
    expect(usage.usage).toBeGreaterThanOrEqual(0);
  });

  it.each(FIXTURES.map((f) => [f().version, f] as const))(
    'upgrades a version %i database and loses nothing',
    async (version, make) => {
      const fixture = make();
      const name = `browser-test-v${version}-${Date.now()}`;
      names.push(name);
      await writeDatabaseAt(fixture, name);
      const db = useDatabase(name);
      for (const [table, rows] of Object.entries(fixture.expected)) {
        expect(await db.table(table).toArray(), `table ${table}`).toEqual(rows);
      }
      if (version === 1) expect(await loadRunEvents('run-1')).toStrictEqual(V1_EVENTS);
    },
  );
});
