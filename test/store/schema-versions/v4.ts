/** Version 4: staffing and policy sweeps, their runs' figures a row each. */
import { exampleScenario } from '../../sim/fixtures';
import type { SchemaFixture } from './index';
import type { SweepRecord, SweepRunRecord } from '../../../src/store/db';
import { v3 } from './v3';

export function v4(): SchemaFixture {
  const old = v3();
  const sweep: SweepRecord = {
    id: 'sweep-1',
    scenarioId: 'scenario-mine',
    scenario: exampleScenario(),
    vary: [
      { name: 'operators', values: [1, 2] },
      { name: 'policy', values: ['odoo', 'balanced'] },
    ],
    reps: 2,
    seed: 1,
    target: 'answeredWithinTarget>=0.8',
    status: 'running',
    total: 8,
    createdAt: 70,
    updatedAt: 71,
  };
  const figures = {
    answeredWithinTarget: 0.75,
    answeredFraction: 0.9,
    serviceLevel: 0.8,
    meanWaitSeconds: 12.5,
    abandoned: 0.05,
    unavailable: 0.05,
    unanswered: 0,
    languageMatch: null,
    busyFraction: 0.6,
  };
  const sweepRuns: SweepRunRecord[] = [
    { sweepId: 'sweep-1', index: 0, figures },
    { sweepId: 'sweep-1', index: 3, figures: { ...figures, unanswered: 0.01 } },
  ];
  const rows = { ...old.rows, sweeps: [sweep], sweepRuns };
  return {
    version: 4,
    schema: {
      ...old.schema,
      sweeps: 'id, scenarioId, status, createdAt',
      sweepRuns: '[sweepId+index]',
    },
    rows,
    expected: rows,
  };
}
