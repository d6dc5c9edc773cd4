// First: fake-indexeddb must be in place before Dexie loads.
import { fakeIndexedDB, freshDb } from './fresh-db';
import { beforeEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { SCHEMA_V2, SandboxDB, useDatabase } from '../../src/store/db';
import { CHUNK_SIZE } from '../../src/store/event-codec';
import { StorageError, toStorageError } from '../../src/store/errors';
import { appendRunEvents, createRun, finishRun, getRun, loadRunEvents } from '../../src/store/runs';
import { getScenario, listScenarios, saveScenario } from '../../src/store/scenarios';
import { exampleScenario } from '../sim/fixtures';
import { syntheticLog } from './synthetic-log';
import { fillableDisk, quotaExceeded } from './fillable-disk';

let db: SandboxDB;
let full: ReturnType<typeof fillableDisk>;
beforeEach(() => {
  db = freshDb();
  full = fillableDisk(db);
});

describe('storage full', () => {
  it('rejects with "Storage is full" and keeps the run’s stored log and counters as they were', async () => {
    const events = syntheticLog(3 * CHUNK_SIZE);
    const id = await createRun({ scenario: exampleScenario() });
    await appendRunEvents(id, events.slice(0, CHUNK_SIZE));
    full.add('runChunks');
    const err = await appendRunEvents(id, events.slice(CHUNK_SIZE)).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe('full');
    expect(err.message).toMatch(/^Storage is full: the run was not saved\. Delete old runs/);
    full.clear();
    expect(await loadRunEvents(id)).toStrictEqual(events.slice(0, CHUNK_SIZE));
    expect(await getRun(id)).toMatchObject({
      eventCount: CHUNK_SIZE,
      chunkCount: 1,
      status: 'running',
    });
  });

  it('keeps the groups written before a write failed in the middle of a large save, and none after', async () => {
    const events = syntheticLog(20 * CHUNK_SIZE);
    const id = await createRun({ scenario: exampleScenario() });
    // A large batch is written in groups of 8 chunks, one transaction each. Only the second group
    // fails: the third, already queued, must not be stored after the hole.
    full.failWrite('runChunks', 1);
    await expect(appendRunEvents(id, events)).rejects.toThrow(/^Storage is full/);
    expect(await getRun(id)).toMatchObject({ eventCount: 8 * CHUNK_SIZE, chunkCount: 8 });
    expect(await db.runChunks.count()).toBe(8);
    expect(await loadRunEvents(id)).toStrictEqual(events.slice(0, 8 * CHUNK_SIZE));
  });

  it('stops the log after a failed write, so it never has a gap', async () => {
    const events = syntheticLog(3 * CHUNK_SIZE);
    const id = await createRun({ scenario: exampleScenario() });
    full.add('runChunks');
    await expect(appendRunEvents(id, events.slice(0, CHUNK_SIZE))).rejects.toThrow(
      /Storage is full/,
    );
    full.clear();
    // Space is back, but the first chunk is missing: later chunks must not be stored after a hole.
    await expect(appendRunEvents(id, events.slice(CHUNK_SIZE))).rejects.toThrow(/Storage is full/);
    expect(await loadRunEvents(id)).toEqual([]);
  });

  it('still closes the run with its summary, marked as having an incomplete log', async () => {
    const id = await createRun({ scenario: exampleScenario() });
    await appendRunEvents(id, syntheticLog(10));
    full.add('runChunks');
    await expect(finishRun(id, { served: 3 })).rejects.toMatchObject({ kind: 'full' });
    expect(await getRun(id)).toMatchObject({
      status: 'done',
      summary: { served: 3 },
      logIncomplete: true,
      eventCount: 0,
    });
  });

  it('keeps the saved version of a scenario when saving a change fails', async () => {
    const { id } = await saveScenario({ scenario: exampleScenario() });
    full.add('scenarios');
    const err = await saveScenario({
      id,
      scenario: { ...exampleScenario(), name: 'Changed' },
    }).catch((e) => e);
    expect(err).toMatchObject({
      kind: 'full',
      message: expect.stringMatching(/^Storage is full: the scenario was not saved/),
    });
    expect((await getScenario(id))!.name).toBe('Example');
  });
});

describe('storage blocked or out of date', () => {
  it('explains that the browser blocks storage when IndexedDB refuses to open', async () => {
    const refusing = {
      ...fakeIndexedDB,
      indexedDB: {
        open: () => {
          throw new DOMException('Access to storage is not allowed', 'SecurityError');
        },
        deleteDatabase: () => {
          throw new DOMException('Access to storage is not allowed', 'SecurityError');
        },
        cmp: fakeIndexedDB.indexedDB.cmp.bind(fakeIndexedDB.indexedDB),
        databases: async () => [],
      } as unknown as IDBFactory,
    };
    useDatabase('blocked', refusing);
    const err = await listScenarios().catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe('blocked');
    expect(err.message).toMatch(/^The browser blocks storage for this page/);
  });

  it('opens a database written by a newer version of the app (an extra table) and reads its data', async () => {
    // Dexie 4 opens at the installed version instead of failing with VersionError, so a newer
    // tab's upgrade does not lock an older tab out of what it knows.
    const name = `newer-${Date.now()}`;
    const newer = new Dexie(name, fakeIndexedDB);
    newer.version(90).stores({ ...SCHEMA_V2, somethingNew: 'id' });
    await newer.open();
    const record = {
      id: 's1',
      name: 'Kept',
      source: 'user',
      scenario: exampleScenario(),
      createdAt: 1,
      updatedAt: 1,
    };
    await newer.table('scenarios').add(record);
    newer.close();
    useDatabase(name, fakeIndexedDB);
    expect(await listScenarios()).toEqual([record]);
  });
});

describe('toStorageError', () => {
  it.each([
    ['QuotaExceededError', 'full'],
    ['SecurityError', 'blocked'],
    ['InvalidStateError', 'blocked'],
    ['VersionError', 'version'],
    ['DatabaseClosedError', 'busy'],
    ['DataCloneError', 'unknown'],
  ])('reads a %s as %s', (name, kind) => {
    expect(toStorageError(new DOMException('x', name), 'it was not saved').kind).toBe(kind);
  });

  it('finds the quota error inside Dexie’s AbortError wrapper', () => {
    const wrapped = new Dexie.AbortError('Transaction aborted', quotaExceeded());
    expect(toStorageError(wrapped, 'the run was not saved').kind).toBe('full');
  });

  it('finds the quota error inside a BulkError’s failures', () => {
    const bulk = new Dexie.BulkError('1 of 2 failed', [quotaExceeded()]);
    expect(toStorageError(bulk, 'the run was not saved').kind).toBe('full');
  });

  it('passes a StorageError through unchanged', () => {
    const e = new StorageError('missing', 'gone');
    expect(toStorageError(e, 'x')).toBe(e);
  });
});
