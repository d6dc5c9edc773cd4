/** Version 3: practice attempts in progress; the library is read-only (no `edited`). */
import { exampleScenario } from '../../sim/fixtures';
import type { SchemaFixture } from './index';
import type { UnfinishedAttemptRecord } from '../../../src/store/db';
import { unchanged, V2_SCHEMA, v2Rows } from './v2';

/** A practice attempt in progress, as the console stores it. */
export function unfinishedAttempt(id = 'attempt-live-1', updatedAt = 61): UnfinishedAttemptRecord {
  return {
    id,
    traineeId: 'trainee-1',
    choice: 'first-shift',
    scenario: exampleScenario(),
    seat: 'op1',
    seed: 1,
    speed: { base: 1, quiet: 60 },
    alwaysFast: false,
    customQuestions: ['Where is my parcel?'],
    inputs: [
      { t: 5, type: 'operator.join', channel: 'website' },
      { t: 90, type: 'chat.message', visitor: 'v1', text: 'Hello!', lang: null },
    ],
    engineInputs: [{ t: 5, type: 'operator.join', operator: 'op1', channel: 'website' }],
    simT: 120,
    view: {
      app: 'discuss',
      windows: [{ visitor: 'v1', folded: false }],
      discussSelected: 'v1',
      answerLang: {},
      dismissedNotices: 0,
    },
    createdAt: 60,
    updatedAt,
  };
}

export function v3(): SchemaFixture {
  const r = v2Rows();
  const mine = { ...r.scenarios.mine, revision: 4 };
  const rows = {
    ...unchanged(r),
    scenarios: [r.scenarios.pristine, mine],
    unfinishedAttempts: [unfinishedAttempt()],
  };
  return {
    version: 3,
    schema: { ...V2_SCHEMA, unfinishedAttempts: 'id, updatedAt' },
    rows,
    expected: { ...rows, sweeps: [], sweepRuns: [] },
  };
}
