// First: fake-indexeddb must be in place before Dexie loads.
import { freshDb } from './fresh-db';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addSweepRuns,
  createSweep,
  deleteSweep,
  listSweeps,
  loadSweep,
  loadSweepRuns,
  setSweepStatus,
} from '../../src/store/sweeps';
import { StorageError } from '../../src/store/errors';
import { runOnce } from '../../src/sim/sweep/figures';
import { exampleScenario } from '../sim/fixtures';

const newSweep = (scenarioId: string | null) => ({
  scenarioId,
  scenario: exampleScenario(),
  vary: [{ name: 'operators' as const, values: [1, 2, 3] }],
  reps: 2,
  seed: 1,
  target: 'answeredWithinTarget>=0.8',
  total: 6,
});

beforeEach(() => {
  freshDb();
});

describe('stored sweeps', () => {
  it('keeps the runs done so far by index, with holes where runs are still to do', async () => {
    const sweep = await createSweep(newSweep('scenario-1'));
    expect(sweep.status).toBe('running');
    const a = runOnce(exampleScenario(), 1);
    const b = runOnce(exampleScenario(), 2);
    await addSweepRuns(sweep.id, [
      { index: 4, figures: b },
      { index: 0, figures: a },
    ]);
    const runs = await loadSweepRuns(sweep.id, 6);
    expect(runs).toHaveLength(6);
    expect(runs[0]).toEqual(a);
    expect(runs[4]).toEqual(b);
    expect([1, 2, 3, 5].map((i) => runs[i])).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('lists a scenario’s sweeps newest first, a scratch scenario’s too, and their status', async () => {
    const first = await createSweep(newSweep('scenario-1'));
    await new Promise((r) => setTimeout(r, 2));
    const second = await createSweep(newSweep('scenario-1'));
    await createSweep(newSweep('scenario-2'));
    const scratch = await createSweep(newSweep(null));
    await setSweepStatus(first.id, 'done');
    const list = await listSweeps('scenario-1');
    expect(list.map((s) => [s.id, s.status])).toEqual([
      [second.id, 'running'],
      [first.id, 'done'],
    ]);
    expect((await listSweeps(null)).map((s) => s.id)).toEqual([scratch.id]);
  });

  it('deletes a sweep with its runs; a status change of a deleted sweep says so', async () => {
    const sweep = await createSweep(newSweep('scenario-1'));
    await addSweepRuns(sweep.id, [{ index: 1, figures: runOnce(exampleScenario(), 1) }]);
    await deleteSweep(sweep.id);
    expect(await listSweeps('scenario-1')).toEqual([]);
    expect((await loadSweepRuns(sweep.id, 6)).filter(Boolean)).toEqual([]);
    await expect(setSweepStatus(sweep.id, 'done')).rejects.toBeInstanceOf(StorageError);
  });

  it('refuses runs of a sweep deleted meanwhile (another tab): no rows without their sweep', async () => {
    const sweep = await createSweep(newSweep('scenario-1'));
    expect((await loadSweep(sweep.id))?.status).toBe('running');
    await deleteSweep(sweep.id);
    expect(await loadSweep(sweep.id)).toBeNull();
    const late = addSweepRuns(sweep.id, [{ index: 2, figures: runOnce(exampleScenario(), 3) }]);
    await expect(late).rejects.toMatchObject({ name: 'StorageError', kind: 'missing' });
    expect((await loadSweepRuns(sweep.id, 6)).filter(Boolean)).toEqual([]);
  });
});
