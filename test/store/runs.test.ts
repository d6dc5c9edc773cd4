// First: fake-indexeddb must be in place before Dexie loads.
import { freshDb, nextValue } from './fresh-db';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeDb, useDatabase, type SandboxDB } from '../../src/store/db';
import { CHUNK_SIZE, chunkTransferables, encodeEvents } from '../../src/store/event-codec';
import { StorageError } from '../../src/store/errors';
import {
  appendRunChunks,
  appendRunEvents,
  cancelRun,
  createRun,
  deleteRun,
  finishRun,
  flushRunEvents,
  getRun,
  listRuns,
  listUnfinishedRuns,
  liveRuns,
  loadRunEvents,
  recordRunInput,
  restartRunEvents,
} from '../../src/store/runs';
import { exampleScenario } from '../sim/fixtures';
import { syntheticLog } from './synthetic-log';
import { fakeIndexedDB } from './fresh-db';

let db: SandboxDB;
beforeEach(() => {
  db = freshDb();
});

const scenario = exampleScenario();

describe('runs', () => {
  it('creates a running run with the scenario’s seed and policy unless told otherwise', async () => {
    const a = await getRun(await createRun({ scenario, scenarioId: 'scenario-1' }));
    expect(a).toMatchObject({
      scenarioId: 'scenario-1',
      scenario,
      seed: scenario.seed,
      policy: 'odoo',
      inputs: [],
      status: 'running',
      eventCount: 0,
      summary: null,
    });
    const b = await getRun(
      await createRun({ scenario, seed: 7, policy: 'round-robin', label: 'rr' }),
    );
    expect(b).toMatchObject({ scenarioId: null, seed: 7, policy: 'round-robin', label: 'rr' });
  });

  it('stores a whole log at once and loads it back identical', async () => {
    const events = syntheticLog(3 * CHUNK_SIZE + 123);
    const id = await createRun({ scenario });
    await appendRunEvents(id, events);
    await finishRun(id, { served: 42 });
    const back = await loadRunEvents(id);
    expect(back).toStrictEqual(events);
    expect(await getRun(id)).toMatchObject({
      status: 'done',
      summary: { served: 42 },
      eventCount: events.length,
      chunkCount: 4,
      lastT: events[events.length - 1].t,
    });
  });

  it('streams a log in small batches (as a run plays) into the same stored log', async () => {
    const events = syntheticLog(2 * CHUNK_SIZE + 500);
    const id = await createRun({ scenario });
    const writes: Promise<void>[] = [];
    for (let i = 0; i < events.length; i += 37)
      writes.push(appendRunEvents(id, events.slice(i, i + 37)));
    await Promise.all(writes);
    await finishRun(id, null);
    expect(await loadRunEvents(id)).toStrictEqual(events);
  });

  it('copies each batch, so a caller may reuse its array', async () => {
    const events = syntheticLog(10);
    const id = await createRun({ scenario });
    const batch = events.slice();
    const write = appendRunEvents(id, batch);
    batch.length = 0;
    await write;
    await finishRun(id, null);
    expect(await loadRunEvents(id)).toStrictEqual(events);
  });

  it('writes full chunks right away and keeps less than a chunk in memory until flushed', async () => {
    const events = syntheticLog(CHUNK_SIZE + 10);
    const id = await createRun({ scenario });
    await appendRunEvents(id, events);
    expect(await loadRunEvents(id)).toHaveLength(CHUNK_SIZE);
    await flushRunEvents(id);
    expect(await loadRunEvents(id)).toStrictEqual(events);
    expect((await getRun(id))!.status).toBe('running');
  });

  it('fills a flushed partial chunk in place as more events come', async () => {
    const events = syntheticLog(CHUNK_SIZE + 20);
    const id = await createRun({ scenario });
    await appendRunEvents(id, events.slice(0, 10));
    await flushRunEvents(id);
    await appendRunEvents(id, events.slice(10));
    await finishRun(id, null);
    expect(await loadRunEvents(id)).toStrictEqual(events);
    expect((await getRun(id))!.chunkCount).toBe(2);
  });

  it('after a reload, continues a running run’s log where the stored part ends', async () => {
    const events = syntheticLog(CHUNK_SIZE + 100);
    const id = await createRun({ scenario });
    await appendRunEvents(id, events.slice(0, 50));
    await flushRunEvents(id);
    // A reload: a new connection, and no in-memory state for the run.
    closeDb();
    useDatabase(db.name, fakeIndexedDB);
    const [unfinished] = await listUnfinishedRuns();
    expect(unfinished).toMatchObject({ id, eventCount: 50, lastT: events[49].t });
    await appendRunEvents(id, events.slice(unfinished.eventCount));
    await finishRun(id, null);
    expect(await loadRunEvents(id)).toStrictEqual(events);
  });

  it('restarts a run’s log for a resume by replay, keeping the run and its inputs', async () => {
    const id = await createRun({ scenario });
    await recordRunInput(id, {
      t: 60,
      type: 'operator.leave',
      operator: 'marc',
      channel: 'website',
    });
    await appendRunEvents(id, syntheticLog(CHUNK_SIZE + 5));
    await flushRunEvents(id);
    await restartRunEvents(id);
    expect(await loadRunEvents(id)).toEqual([]);
    const replayed = syntheticLog(20, 2);
    await appendRunEvents(id, replayed);
    await finishRun(id, null);
    expect(await loadRunEvents(id)).toStrictEqual(replayed);
    expect((await getRun(id))!.inputs).toHaveLength(1);
  });

  it('records the trainee’s inputs in order', async () => {
    const id = await createRun({ scenario });
    await Promise.all([
      recordRunInput(id, { t: 5, type: 'operator.activity', operator: 'marc' }),
      recordRunInput(id, {
        t: 9,
        type: 'operator.languages',
        operator: 'marc',
        languages: ['fr_FR'],
      }),
    ]);
    expect((await getRun(id))!.inputs.map((i) => i.t)).toEqual([5, 9]);
  });

  it('stores a summary held in a proxy (Svelte $state)', async () => {
    const id = await createRun({ scenario: new Proxy(exampleScenario(), {}) });
    await finishRun(id, new Proxy({ served: 2, waits: [1, 2] }, {}));
    expect((await getRun(id))!.summary).toEqual({ served: 2, waits: [1, 2] });
  });

  it('stores chunks encoded in a worker and moved over without a copy, then continues with events', async () => {
    const events = syntheticLog(2 * CHUNK_SIZE + 300);
    const encoded = encodeEvents(events.slice(0, CHUNK_SIZE + 100));
    // What postMessage with a transfer list does: the buffers move, the sender's copies detach.
    const moved = structuredClone(encoded, { transfer: chunkTransferables(encoded) });
    expect(encoded[0].t.byteLength).toBe(0);
    const id = await createRun({ scenario });
    await appendRunChunks(id, moved);
    expect(await getRun(id)).toMatchObject({ eventCount: CHUNK_SIZE + 100, chunkCount: 2 });
    await appendRunEvents(id, events.slice(CHUNK_SIZE + 100));
    await finishRun(id, null);
    expect(await loadRunEvents(id)).toStrictEqual(events);
  });

  it('refuses encoded chunks with a short chunk before the last, storing none of them', async () => {
    const [a, b] = encodeEvents(syntheticLog(CHUNK_SIZE + 10));
    const id = await createRun({ scenario });
    await expect(appendRunChunks(id, [b, a])).rejects.toThrow(/Only the last chunk may hold fewer/);
    expect(await getRun(id)).toMatchObject({ eventCount: 0, chunkCount: 0 });
  });

  it('keeps what was played when a run is cancelled', async () => {
    const events = syntheticLog(30);
    const id = await createRun({ scenario });
    await appendRunEvents(id, events);
    await cancelRun(id);
    expect((await getRun(id))!.status).toBe('cancelled');
    expect(await loadRunEvents(id)).toStrictEqual(events);
  });

  it('refuses to grow the log of a finished run, keeping the stored one', async () => {
    const events = syntheticLog(5);
    const id = await createRun({ scenario });
    await appendRunEvents(id, events);
    await finishRun(id, null);
    const err = await appendRunEvents(id, syntheticLog(CHUNK_SIZE)).catch((e) => e);
    expect(err).toMatchObject({
      name: 'StorageError',
      message: 'This run has ended (done); its log cannot grow.',
    });
    expect(await loadRunEvents(id)).toStrictEqual(events);
  });

  it('lists runs newest first, all or one scenario’s, and live', async () => {
    const live = liveRuns('s1');
    await nextValue(live, (runs) => runs.length === 0);
    const first = await createRun({ scenario, scenarioId: 's1' });
    await new Promise((r) => setTimeout(r, 2));
    const other = await createRun({ scenario, scenarioId: 's2' });
    await new Promise((r) => setTimeout(r, 2));
    const second = await createRun({ scenario, scenarioId: 's1' });
    expect((await listRuns()).map((r) => r.id)).toEqual([second, other, first]);
    expect((await listRuns('s1')).map((r) => r.id)).toEqual([second, first]);
    expect((await nextValue(live, (runs) => runs.length === 2)).map((r) => r.id)).toEqual([
      second,
      first,
    ]);
  });

  it('deletes a run together with its stored log', async () => {
    const id = await createRun({ scenario });
    await appendRunEvents(id, syntheticLog(2 * CHUNK_SIZE));
    await deleteRun(id);
    expect(await getRun(id)).toBeUndefined();
    expect(await db.runChunks.count()).toBe(0);
  });

  it('says the run no longer exists when loading a deleted run', async () => {
    const err = await loadRunEvents('run-gone').catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe('missing');
    expect(err.message).toMatch(/no longer exists/);
  });

  it('says the run no longer exists when appending to a deleted run, and writes no chunk', async () => {
    const id = await createRun({ scenario });
    await deleteRun(id);
    const err = await appendRunEvents(id, syntheticLog(CHUNK_SIZE)).catch((e) => e);
    expect(err).toMatchObject({ name: 'StorageError', kind: 'missing' });
    expect(await db.runChunks.count()).toBe(0);
  });
});
