/**
 * Version 2: scenario `source` (library or user), runs with policy and human inputs, the practice
 * tables. Library scenarios could still be edited in place (`edited`) or hold a draft.
 */
import { encodeEvents } from '../../../src/store/event-codec';
import { exampleScenario } from '../../sim/fixtures';
import { syntheticLog } from '../synthetic-log';
import type { SchemaFixture } from './index';

export const V2_SCHEMA = {
  scenarios: 'id, name, source, updatedAt',
  runs: 'id, scenarioId, status, createdAt',
  runChunks: '[runId+index]',
  settings: 'key',
  trainees: 'id, name',
  attempts: 'id, traineeId, runId, createdAt',
  cannedResponses: 'shortcut',
};

/** Rows written by version 2 that version 3 keeps as they are. */
export function v2Rows() {
  const scenario = exampleScenario();
  const events = syntheticLog(5000, 2);
  const chunks = encodeEvents(events).map((c, index) => ({ runId: 'run-2', index, ...c }));
  return {
    scenarios: {
      pristine: {
        id: 'library:erlang-c.json',
        name: 'Erlang C',
        source: 'library',
        scenario: { ...scenario, name: 'Erlang C' },
        libraryFile: 'erlang-c.json',
        createdAt: 1,
        updatedAt: 1,
      },
      mine: {
        id: 'scenario-aaa',
        name: 'Night shift',
        source: 'user',
        scenario: { ...scenario, name: 'Night shift' },
        draft: '{"name": "Night shift", "seed": ',
        createdAt: 2,
        updatedAt: 3,
      },
    },
    runs: [
      {
        id: 'run-2',
        scenarioId: 'scenario-aaa',
        scenario,
        seed: 4,
        policy: 'balanced',
        inputs: [{ t: 60, type: 'operator.join', operator: 'op1', channel: 'website' }],
        label: 'balanced, seed 4',
        summary: { served: 3 },
        status: 'done',
        createdAt: 40,
        updatedAt: 41,
        eventCount: events.length,
        chunkCount: chunks.length,
        lastT: events[events.length - 1].t,
      },
    ],
    runChunks: chunks,
    settings: [
      { key: 'library.seeded', value: { 'erlang-c.json': true, 'guide-walkthrough.json': true } },
      {
        key: 'trainer.state',
        value: { currentId: 'scenario-aaa', tab: 'design', seed: 4, t: 0, speedIndex: 2 },
      },
    ],
    trainees: [{ id: 'trainee-1', name: 'Ada', createdAt: 50 }],
    attempts: [
      {
        id: 'attempt-1',
        traineeId: 'trainee-1',
        runId: 'run-2',
        scenarioName: 'First shift',
        score: 72,
        metrics: { firstResponseSeconds: 31.5, chatsHandled: 3, unanswered: null },
        createdAt: 51,
      },
    ],
    cannedResponses: [{ shortcut: 'hello', text: 'Hello, how may I help you?', updatedAt: 52 }],
  };
}

/** Every table but scenarios, as version 2 wrote them. */
export function unchanged(r: ReturnType<typeof v2Rows>) {
  const { scenarios, ...rest } = r;
  void scenarios;
  return rest;
}

export function v2(): SchemaFixture {
  const r = v2Rows();
  const scenario = exampleScenario();
  const edited = {
    id: 'library:guide-walkthrough.json',
    name: 'Guide walkthrough',
    source: 'library',
    scenario: { ...scenario, name: 'Guide walkthrough', seed: 99 },
    libraryFile: 'guide-walkthrough.json',
    edited: true,
    createdAt: 5,
    updatedAt: 6,
  };
  const withDraft = {
    id: 'library:rush.json',
    name: 'Rush hour',
    source: 'library',
    scenario: { ...scenario, name: 'Rush hour' },
    draft: '{"name": "Rush hour", "durationMinutes": -',
    libraryFile: 'rush.json',
    createdAt: 7,
    updatedAt: 8,
  };
  return {
    version: 2,
    schema: V2_SCHEMA,
    rows: {
      ...unchanged(r),
      scenarios: [r.scenarios.pristine, edited, withDraft, r.scenarios.mine],
    },
    expected: {
      scenarios: [
        r.scenarios.pristine,
        r.scenarios.mine,
        // The library became read-only: the user's edits of library scenarios are their copies.
        {
          id: 'scenario-edited-guide-walkthrough.json',
          name: 'Guide walkthrough (copy)',
          source: 'user',
          scenario: { ...edited.scenario, name: 'Guide walkthrough (copy)' },
          createdAt: 5,
          updatedAt: 6,
        },
        {
          id: 'scenario-edited-rush.json',
          name: 'Rush hour (copy)',
          source: 'user',
          scenario: { ...withDraft.scenario, name: 'Rush hour (copy)' },
          draft: withDraft.draft,
          createdAt: 7,
          updatedAt: 8,
        },
      ],
      ...unchanged(r),
      unfinishedAttempts: [],
      sweeps: [],
      sweepRuns: [],
    },
  };
}
