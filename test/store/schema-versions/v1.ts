/** The first release: scenarios marked `builtIn`, runs without policy or human inputs. */
import { encodeEvents } from '../../../src/store/event-codec';
import { exampleScenario } from '../../sim/fixtures';
import { syntheticLog } from '../synthetic-log';
import type { SchemaFixture } from './index';

/** The event log of run-1 (two chunks and a partial one). */
export const V1_EVENTS = syntheticLog(9000);

export function v1(): SchemaFixture {
  const scenario = exampleScenario();
  const chunks = encodeEvents(V1_EVENTS).map((c, index) => ({ runId: 'run-1', index, ...c }));
  const run = {
    id: 'run-1',
    scenarioId: 'mine',
    scenario: { ...scenario, policy: 'round-robin' },
    seed: 7,
    summary: { served: 12 },
    status: 'done',
    createdAt: 30,
    eventCount: V1_EVENTS.length,
    chunkCount: chunks.length,
  };
  const mine = { ...scenario, name: 'My busy Monday' };
  return {
    version: 1,
    schema: {
      scenarios: 'id, name, updatedAt',
      runs: 'id, scenarioId, createdAt',
      runChunks: '[runId+index]',
      settings: 'key',
    },
    rows: {
      scenarios: [
        { id: 'walkthrough', name: 'Guide walkthrough', builtIn: true, scenario, updatedAt: 10 },
        { id: 'mine', name: 'My busy Monday', scenario: mine, updatedAt: 20 },
      ],
      runs: [run],
      runChunks: chunks,
      settings: [{ key: 'trainer.speed', value: 8 }],
    },
    expected: {
      scenarios: [
        // v1 had no createdAt: the last change stands in.
        {
          id: 'mine',
          name: 'My busy Monday',
          source: 'user',
          scenario: mine,
          createdAt: 20,
          updatedAt: 20,
        },
        {
          id: 'walkthrough',
          name: 'Guide walkthrough',
          source: 'library',
          scenario,
          createdAt: 10,
          updatedAt: 10,
        },
      ],
      // v1 runs had no human inputs and always used the scenario's policy.
      runs: [{ ...run, policy: 'round-robin', inputs: [], updatedAt: 30, lastT: 0 }],
      runChunks: chunks,
      settings: [{ key: 'trainer.speed', value: 8 }],
      trainees: [],
      attempts: [],
      cannedResponses: [],
      unfinishedAttempts: [],
      sweeps: [],
      sweepRuns: [],
    },
  };
}
