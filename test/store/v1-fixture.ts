/**
 * A database as the first release (schema version 1) left it, written with plain Dexie and the
 * v1 schema copied here on purpose: if db.ts's version 1 ever changes, this still writes what
 * browsers out there hold.
 */
import { Dexie, type DexieOptions } from 'dexie';
import { encodeEvents } from '../../src/store/event-codec';
import type { SimEvent } from '../../src/sim/events';
import type { Scenario } from '../../src/sim/scenario/types';

const V1 = {
  scenarios: 'id, name, updatedAt',
  runs: 'id, scenarioId, createdAt',
  runChunks: '[runId+index]',
  settings: 'key',
};

export async function writeV1Database(
  name: string,
  scenario: Scenario,
  events: SimEvent[],
  options?: DexieOptions,
): Promise<void> {
  const old = new Dexie(name, options);
  old.version(1).stores(V1);
  await old.open();
  await old.table('scenarios').bulkAdd([
    { id: 'walkthrough', name: 'Guide walkthrough', builtIn: true, scenario, updatedAt: 10 },
    {
      id: 'mine',
      name: 'My busy Monday',
      scenario: { ...scenario, name: 'My busy Monday' },
      updatedAt: 20,
    },
  ]);
  const chunks = encodeEvents(events);
  await old.table('runs').add({
    id: 'run-1',
    scenarioId: 'mine',
    scenario: { ...scenario, policy: 'round-robin' },
    seed: 7,
    summary: { served: 12 },
    status: 'done',
    createdAt: 30,
    eventCount: events.length,
    chunkCount: chunks.length,
  });
  await old.table('runChunks').bulkAdd(chunks.map((c, index) => ({ runId: 'run-1', index, ...c })));
  await old.table('settings').put({ key: 'trainer.speed', value: 8 });
  old.close();
}

/** What opening that database with today's schema must give. */
export const upgradedV1 = {
  /** By name, as listScenarios sorts them; v1 had no createdAt: the last change stands in. */
  scenarios: [
    { id: 'walkthrough', source: 'library', createdAt: 10 },
    { id: 'mine', source: 'user', createdAt: 20 },
  ],
  run: {
    id: 'run-1',
    scenarioId: 'mine',
    seed: 7,
    policy: 'round-robin',
    inputs: [],
    summary: { served: 12 },
    status: 'done',
    createdAt: 30,
    updatedAt: 30,
    lastT: 0,
  },
};
