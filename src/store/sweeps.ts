/**
 * Sweeps (issue 9 §3) and their runs' figures. A sweep is stored before its first run and each
 * finished run as it comes, so a reload shows what was done and resumes the rest.
 */
import type { Scenario } from '../sim/scenario/types';
import type { RunFigures } from '../sim/sweep/figures';
import type { Vary } from '../sim/sweep/params';
import { getDb, type SweepRecord, type SweepStatus } from './db';
import { guard, StorageError } from './errors';
import { newId } from './ids';
import { plain } from './plain';

export interface NewSweep {
  scenarioId: string | null;
  scenario: Scenario;
  vary: Vary[];
  reps: number;
  seed: number;
  target: string | null;
  total: number;
}

export function createSweep(sweep: NewSweep): Promise<SweepRecord> {
  return guard('the sweep was not saved', async () => {
    const now = Date.now();
    const record: SweepRecord = {
      ...plain(sweep),
      scenarioId: sweep.scenarioId ?? '',
      id: newId('sweep'),
      status: 'running',
      createdAt: now,
      updatedAt: now,
    };
    await getDb().sweeps.add(record);
    return record;
  });
}

/** The sweeps of a scenario, newest first. */
export function listSweeps(scenarioId: string | null): Promise<SweepRecord[]> {
  return guard('the sweeps could not be read', async () => {
    const all = await getDb()
      .sweeps.where('scenarioId')
      .equals(scenarioId ?? '')
      .toArray();
    return all.sort((a, b) => b.createdAt - a.createdAt);
  });
}

/** One stored sweep, as it is now (another tab may have finished or deleted it), or null. */
export function loadSweep(id: string): Promise<SweepRecord | null> {
  return guard('the sweep could not be read', async () => (await getDb().sweeps.get(id)) ?? null);
}

/**
 * Stores finished runs' figures (several at once: one transaction), only while the sweep itself is
 * stored: runs of a sweep deleted meanwhile (here or in another tab) are refused with a `missing`
 * error, never left behind without it.
 */
export function addSweepRuns(
  sweepId: string,
  runs: { index: number; figures: RunFigures }[],
): Promise<void> {
  return guard('the sweep’s runs were not saved', async () => {
    const db = getDb();
    await db.transaction('rw', db.sweeps, db.sweepRuns, async () => {
      if (!(await db.sweeps.get(sweepId)))
        throw new StorageError('missing', `The sweep "${sweepId}" no longer exists.`);
      await db.sweepRuns.bulkPut(runs.map((r) => ({ sweepId, ...plain(r) })));
    });
  });
}

/** Every stored run of a sweep, by index (holes for runs not done yet). */
export function loadSweepRuns(sweepId: string, total: number): Promise<(RunFigures | undefined)[]> {
  return guard('the sweep’s runs could not be read', async () => {
    const rows = await getDb()
      .sweepRuns.where('[sweepId+index]')
      .between([sweepId, 0], [sweepId, Infinity])
      .toArray();
    const runs: (RunFigures | undefined)[] = new Array(total);
    for (const r of rows) runs[r.index] = r.figures;
    return runs;
  });
}

export function setSweepStatus(id: string, status: SweepStatus): Promise<void> {
  return guard('the sweep was not saved', async () => {
    const n = await getDb().sweeps.update(id, { status, updatedAt: Date.now() });
    if (n === 0) throw new StorageError('missing', `The sweep "${id}" no longer exists.`);
  });
}

export function deleteSweep(id: string): Promise<void> {
  return guard('the sweep was not deleted', async () => {
    const db = getDb();
    await db.transaction('rw', db.sweeps, db.sweepRuns, async () => {
      await db.sweepRuns.where('[sweepId+index]').between([id, 0], [id, Infinity]).delete();
      await db.sweeps.delete(id);
    });
  });
}
