// First: fake-indexeddb must be in place before Dexie loads.
import { fakeIndexedDB } from './fresh-db';
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../src/store/db';
import { getRun, listRuns, loadRunEvents } from '../../src/store/runs';
import { listScenarios } from '../../src/store/scenarios';
import { getSetting } from '../../src/store/settings';
import { createTrainee, listCannedResponses, listTrainees } from '../../src/store/practice';
import { exampleScenario } from '../sim/fixtures';
import { syntheticLog } from './synthetic-log';
import { upgradedV1, writeV1Database } from './v1-fixture';

describe('opening a version 1 database', () => {
  const events = syntheticLog(5000);

  async function openUpgraded() {
    const name = `v1-${Date.now()}-${Math.random()}`;
    await writeV1Database(name, exampleScenario(), events, fakeIndexedDB);
    return useDatabase(name, fakeIndexedDB);
  }

  it('marks the built-in scenarios as library and the others as the user’s, dropping builtIn', async () => {
    await openUpgraded();
    const scenarios = await listScenarios();
    expect(scenarios.map(({ id, source, createdAt }) => ({ id, source, createdAt }))).toEqual(
      upgradedV1.scenarios,
    );
    expect(scenarios.every((s) => !('builtIn' in s))).toBe(true);
  });

  it('gives old runs the policy they ran and no human inputs, keeping their summary', async () => {
    await openUpgraded();
    expect(await getRun('run-1')).toMatchObject(upgradedV1.run);
    expect((await listRuns('mine')).map((r) => r.id)).toEqual(['run-1']);
  });

  it('still reads the old runs’ event logs and settings', async () => {
    await openUpgraded();
    expect(await loadRunEvents('run-1')).toStrictEqual(events);
    expect(await getSetting('trainer.speed', 1)).toBe(8);
  });

  it('adds the practice tables, empty and usable', async () => {
    const db = await openUpgraded();
    expect(db.verno).toBe(2);
    expect(await listTrainees()).toEqual([]);
    expect(await listCannedResponses()).toEqual([]);
    await createTrainee('Ada');
    expect((await listTrainees()).map((t) => t.name)).toEqual(['Ada']);
  });
});
