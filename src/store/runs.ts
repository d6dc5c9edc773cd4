/**
 * Runs and their event logs.
 *
 * A run is its scenario snapshot, seed, policy and human inputs; the event log in runChunks is a
 * cache that replay can rebuild (DESIGN.md "A run is its scenario, its seed and the list of human
 * inputs"). The log streams in while the run plays: {@link appendRunEvents} buffers events and
 * writes each full chunk of {@link CHUNK_SIZE} with the run's counters in one transaction, so the
 * stored log is always a gap-free prefix of the run, whatever fails.
 */
import { liveQuery, type Observable } from 'dexie';
import type { SimEvent } from '../sim/events';
import type { HumanInput } from '../sim/engine';
import type { Scenario } from '../sim/scenario/types';
import { CHUNK_SIZE, decodeChunkInto, encodeChunk, type EncodedChunk } from './event-codec';
import { getDb, type RunChunkRecord, type RunRecord, type RunStatus, type SandboxDB } from './db';
import { guard, StorageError, toStorageError } from './errors';
import { newId } from './ids';
import { plain } from './plain';

const NOT_SAVED = 'the run was not saved';

/** The run's writer: the unwritten tail of its log and a queue that keeps its writes in order. */
interface Writer {
  db: SandboxDB;
  /** Loaded from the stored run on first use (after a reload, appending continues the log). */
  ready: boolean;
  /** Index of the chunk the tail will be written to. */
  nextIndex: number;
  tail: SimEvent[];
  lastT: number;
  queue: Promise<unknown>;
  /** Set when a write failed: appending more would leave a gap, so the log stops here. */
  failed: StorageError | null;
}

const writers = new Map<string, Writer>();

function writerOf(runId: string): Writer {
  const db = getDb();
  let w = writers.get(runId);
  if (!w || w.db !== db) {
    w = {
      db,
      ready: false,
      nextIndex: 0,
      tail: [],
      lastT: 0,
      queue: Promise.resolve(),
      failed: null,
    };
    writers.set(runId, w);
  }
  return w;
}

/** Runs `job` after the run's earlier writes, whether they succeeded or not. */
function enqueue<T>(w: Writer, job: () => Promise<T>): Promise<T> {
  const result = w.queue.then(job);
  w.queue = result.catch(() => undefined);
  return result;
}

function missing(runId: string): StorageError {
  return new StorageError(
    'missing',
    `The run "${runId}" no longer exists (deleted in another tab?).`,
  );
}

const chunkRange = (db: SandboxDB, runId: string, from = 0, to = Infinity) =>
  db.runChunks.where('[runId+index]').between([runId, from], [runId, to], true, false);

async function prepare(w: Writer, runId: string, growing = true): Promise<void> {
  if (w.ready) return;
  const { db } = w;
  await db.transaction('r', db.runs, db.runChunks, async () => {
    const run = await db.runs.get(runId);
    if (!run) throw missing(runId);
    if (growing && run.status !== 'running') {
      throw new StorageError('unknown', `This run has ended (${run.status}); its log cannot grow.`);
    }
    w.nextIndex = Math.floor(run.eventCount / CHUNK_SIZE);
    w.lastT = run.lastT;
    w.tail = [];
    if (run.eventCount % CHUNK_SIZE !== 0) {
      // A flushed partial chunk: keep filling it rather than leave a short chunk mid-log.
      const partial = await db.runChunks.get([runId, w.nextIndex]);
      if (partial) decodeChunkInto(partial, w.tail);
    }
  });
  w.ready = true;
}

function chunkRow(runId: string, index: number, chunk: EncodedChunk): RunChunkRecord {
  return { runId, index, ...chunk };
}

/**
 * Writes `rows` and the run's counters in one transaction. Encoding happens before: only Dexie
 * calls may be awaited inside a transaction, or IndexedDB commits it early.
 *
 * The chunks are put first, synchronously when the transaction starts, so the browser writes them
 * while the caller goes on (e.g. encoding the next group). `after` is the number of events that
 * must already be stored: a transaction queued behind one that failed aborts instead of writing
 * chunks past a hole.
 */
function commit(
  w: Writer,
  runId: string,
  rows: RunChunkRecord[],
  changes: Partial<RunRecord>,
  after = 0,
): Promise<void> {
  const { db } = w;
  return db.transaction('rw', db.runs, db.runChunks, async () => {
    const written = rows.length > 0 ? db.runChunks.bulkPut(rows) : undefined;
    const run = await db.runs.get(runId);
    if (!run) throw missing(runId);
    if (run.eventCount < after) throw new StorageError('unknown', 'An earlier write failed.');
    await db.runs.put({ ...run, ...changes, updatedAt: Date.now() });
    await written;
  });
}

/**
 * Chunks per transaction when a large batch is appended: IndexedDB writes one group while the
 * next is encoded, instead of encoding everything first and then writing.
 */
const CHUNKS_PER_TRANSACTION = 8;

export interface CreateRunInput {
  scenario: Scenario;
  /** The stored scenario it came from, if any. */
  scenarioId?: string | null;
  /** Defaults to the scenario's seed. */
  seed?: number;
  /** Defaults to the scenario's policy. */
  policy?: string;
  inputs?: HumanInput[];
  label?: string;
}

/** Stores a new run in status `running` and returns its id. */
export function createRun(input: CreateRunInput): Promise<string> {
  return guard(NOT_SAVED, async () => {
    const now = Date.now();
    const run: RunRecord = {
      id: newId('run'),
      scenarioId: input.scenarioId ?? null,
      scenario: plain(input.scenario),
      seed: input.seed ?? input.scenario.seed,
      policy: input.policy ?? input.scenario.policy,
      inputs: plain(input.inputs ?? []),
      summary: null,
      status: 'running',
      createdAt: now,
      updatedAt: now,
      eventCount: 0,
      chunkCount: 0,
      lastT: 0,
    };
    if (input.label !== undefined) run.label = input.label;
    await getDb().runs.add(run);
    return run.id;
  });
}

/**
 * Appends one human input (with its simulated time) to the run: with the seed, the inputs are
 * what a resume after a reload replays.
 */
export function recordRunInput(runId: string, input: HumanInput): Promise<void> {
  const w = writerOf(runId);
  input = plain(input);
  return enqueue(w, () =>
    guard('the trainee input was not saved', async () => {
      const changed = await w.db.runs
        .where('id')
        .equals(runId)
        .modify((r) => {
          r.inputs.push(input);
          r.updatedAt = Date.now();
        });
      if (changed === 0) throw missing(runId);
    }),
  );
}

/**
 * Appends events (in log order) to a running run. Full chunks are written at once; the rest waits
 * in memory for more events, {@link flushRunEvents} or {@link finishRun}. Calls may overlap: writes
 * happen in call order. After a failed write the run's log stops growing (every later append
 * rejects with the same error) so the stored log never has a gap; {@link restartRunEvents} clears it.
 */
export function appendRunEvents(runId: string, events: readonly SimEvent[]): Promise<void> {
  const w = writerOf(runId);
  // Copy now: the caller may reuse its batch array once this returns.
  const batch = events.slice();
  return enqueue(w, () =>
    guard(NOT_SAVED, async () => {
      if (w.failed) throw w.failed;
      await prepare(w, runId);
      const all = w.tail.length === 0 ? batch : w.tail.concat(batch);
      const full = Math.floor(all.length / CHUNK_SIZE);
      if (full === 0) {
        w.tail = all;
        return;
      }
      const writes: Promise<void>[] = [];
      for (let g = 0; g < full; g += CHUNKS_PER_TRANSACTION) {
        const end = Math.min(full, g + CHUNKS_PER_TRANSACTION);
        const rows: RunChunkRecord[] = [];
        for (let k = g; k < end; k++) {
          const start = k * CHUNK_SIZE;
          rows.push(chunkRow(runId, w.nextIndex + k, encodeChunk(all, start, start + CHUNK_SIZE)));
        }
        const index = w.nextIndex + end;
        const changes = {
          eventCount: index * CHUNK_SIZE,
          chunkCount: index,
          lastT: all[end * CHUNK_SIZE - 1].t,
        };
        writes.push(commit(w, runId, rows, changes, (w.nextIndex + g) * CHUNK_SIZE));
        // Let the transaction start (and its puts go out) before encoding the next group.
        await Promise.resolve();
      }
      const outcomes = await Promise.allSettled(writes);
      const failure = outcomes.find((o) => o.status === 'rejected');
      if (failure) {
        w.failed = toStorageError(failure.reason, NOT_SAVED);
        throw w.failed;
      }
      const stored = full * CHUNK_SIZE;
      w.nextIndex += full;
      w.lastT = all[stored - 1].t;
      w.tail = all.slice(stored);
    }),
  );
}

/** The tail as a partial chunk, plus the counters that describe it. */
function tailWrite(w: Writer, runId: string) {
  const rows = w.tail.length === 0 ? [] : [chunkRow(runId, w.nextIndex, encodeChunk(w.tail))];
  return {
    rows,
    changes: {
      eventCount: w.nextIndex * CHUNK_SIZE + w.tail.length,
      chunkCount: w.nextIndex + rows.length,
      lastT: w.tail.length === 0 ? w.lastT : w.tail[w.tail.length - 1].t,
    },
  };
}

/**
 * Appends chunks encoded elsewhere (e.g. by the simulation worker with `encodeEvents`, then
 * transferred with `chunkTransferables`: no copy, and the main thread never clones 200k objects).
 * Every chunk but the last must hold {@link CHUNK_SIZE} events, and nothing may be buffered by
 * {@link appendRunEvents} before them. A short last chunk is stored as a flushed partial chunk:
 * later appends continue it.
 */
export function appendRunChunks(runId: string, chunks: readonly EncodedChunk[]): Promise<void> {
  const w = writerOf(runId);
  return enqueue(w, () =>
    guard(NOT_SAVED, async () => {
      if (w.failed) throw w.failed;
      await prepare(w, runId);
      if (w.tail.length > 0) {
        throw new StorageError('unknown', 'Encoded chunks cannot follow events still buffered.');
      }
      if (chunks.length === 0) return;
      const last = chunks[chunks.length - 1];
      if (
        chunks.some((c, i) => c.count !== CHUNK_SIZE && i < chunks.length - 1) ||
        last.count < 1
      ) {
        throw new StorageError(
          'unknown',
          `Only the last chunk may hold fewer than ${CHUNK_SIZE} events.`,
        );
      }
      const rows = chunks.map((c, k) => chunkRow(runId, w.nextIndex + k, c));
      const lastT = chunkLastT(last);
      const full = last.count === CHUNK_SIZE ? chunks.length : chunks.length - 1;
      try {
        await commit(w, runId, rows, {
          eventCount: (w.nextIndex + chunks.length - 1) * CHUNK_SIZE + last.count,
          chunkCount: w.nextIndex + chunks.length,
          lastT,
        });
      } catch (err) {
        w.failed = toStorageError(err, NOT_SAVED);
        throw w.failed;
      }
      w.nextIndex += full;
      w.lastT = lastT;
      // A partial last chunk becomes the tail, so the next append fills it in place.
      if (full < chunks.length) decodeChunkInto(last, w.tail);
    }),
  );
}

/** The time of a chunk's last event, from its time column. */
function chunkLastT(chunk: EncodedChunk): number {
  const t = chunk.t[chunk.count - 1];
  return chunk.t instanceof Uint32Array ? t / 1000 : t;
}

/**
 * Writes the buffered events as a partial chunk (later appends overwrite it as it fills), e.g. on
 * pause or when the page is hidden.
 */
export function flushRunEvents(runId: string): Promise<void> {
  const w = writerOf(runId);
  return enqueue(w, () =>
    guard(NOT_SAVED, async () => {
      if (w.failed) throw w.failed;
      await prepare(w, runId);
      if (w.tail.length === 0) return;
      const { rows, changes } = tailWrite(w, runId);
      try {
        await commit(w, runId, rows, changes);
      } catch (err) {
        w.failed = toStorageError(err, NOT_SAVED);
        throw w.failed;
      }
    }),
  );
}

/**
 * Ends a run: writes the rest of its log, its summary and status in one transaction. If the log
 * could not be stored completely, the run is still closed with `logIncomplete` set (replay
 * rebuilds it) and this rejects with the storage error.
 */
export function finishRun(
  runId: string,
  summary: unknown,
  status: Exclude<RunStatus, 'running'> = 'done',
): Promise<void> {
  const w = writerOf(runId);
  const closing = { summary: plain(summary), status };
  return enqueue(w, () =>
    guard(NOT_SAVED, async () => {
      await prepare(w, runId, false);
      try {
        if (w.failed) throw w.failed;
        const { rows, changes } = tailWrite(w, runId);
        await commit(w, runId, rows, { ...changes, ...closing });
      } catch (err) {
        if (err instanceof StorageError && err.kind === 'missing') throw err;
        const failure = toStorageError(err, NOT_SAVED);
        // The summary is small: try to keep it even when the log did not fit.
        await commit(w, runId, [], { ...closing, logIncomplete: true }).catch(() => undefined);
        writers.delete(runId);
        throw failure;
      }
      writers.delete(runId);
    }),
  );
}

/** {@link finishRun} with status `cancelled`: what was played so far stays. */
export function cancelRun(runId: string, summary: unknown = null): Promise<void> {
  return finishRun(runId, summary, 'cancelled');
}

/**
 * Forgets the stored log of a run (keeping the run) so a replay can append it again from the
 * first event, e.g. when resuming after a reload or after a failed write.
 */
export function restartRunEvents(runId: string): Promise<void> {
  const w = writerOf(runId);
  return enqueue(w, () =>
    guard('the run could not be restarted', async () => {
      const { db } = w;
      await db.transaction('rw', db.runs, db.runChunks, async () => {
        await chunkRange(db, runId).delete();
        const changed = await db.runs.update(runId, {
          eventCount: 0,
          chunkCount: 0,
          lastT: 0,
          updatedAt: Date.now(),
        });
        if (changed === 0) throw missing(runId);
      });
      Object.assign(w, { ready: true, nextIndex: 0, tail: [], lastT: 0, failed: null });
    }),
  );
}

/**
 * The run's stored event log, in order. Waits for this tab's pending writes of the run; events
 * still buffered in memory (less than a chunk) are not included until flushed.
 */
export function loadRunEvents(runId: string): Promise<SimEvent[]> {
  return guard('the run could not be read', async () => {
    const pending = writers.get(runId)?.queue;
    if (pending) await pending;
    const db = getDb();
    const { run, chunks } = await db.transaction('r', db.runs, db.runChunks, async () => {
      const run = await db.runs.get(runId);
      if (!run) throw missing(runId);
      return { run, chunks: await chunkRange(db, runId, 0, run.chunkCount).toArray() };
    });
    const out = new Array<SimEvent>(run.eventCount);
    let at = 0;
    for (const chunk of chunks) at = decodeChunkInto(chunk, out, at);
    if (at !== run.eventCount) {
      throw new StorageError(
        'unknown',
        `The stored log of this run is damaged (${at} of ${run.eventCount} events); replay the run to rebuild it.`,
      );
    }
    return out;
  });
}

export function getRun(runId: string): Promise<RunRecord | undefined> {
  return guard('the run could not be read', () => getDb().runs.get(runId));
}

/** Runs, newest first; only those of one scenario when `scenarioId` is given. */
export function listRuns(scenarioId?: string): Promise<RunRecord[]> {
  return guard('the runs could not be listed', async () => {
    const runs = getDb().runs;
    const rows =
      scenarioId === undefined
        ? await runs.orderBy('createdAt').reverse().toArray()
        : (await runs.where('scenarioId').equals(scenarioId).toArray()).sort(
            (a, b) => b.createdAt - a.createdAt,
          );
    return rows;
  });
}

/** {@link listRuns} as a live list. */
export function liveRuns(scenarioId?: string): Observable<RunRecord[]> {
  return liveQuery(() => listRuns(scenarioId));
}

/** Runs left in status `running` (the page was closed mid-run): to offer a resume by replay. */
export function listUnfinishedRuns(): Promise<RunRecord[]> {
  return guard('the runs could not be listed', () =>
    getDb().runs.where('status').equals('running').sortBy('createdAt'),
  );
}

/** Deletes a run and its event log together. */
export function deleteRun(runId: string): Promise<void> {
  const w = writerOf(runId);
  return enqueue(w, () =>
    guard('the run was not deleted', async () => {
      const { db } = w;
      await db.transaction('rw', db.runs, db.runChunks, async () => {
        await chunkRange(db, runId).delete();
        await db.runs.delete(runId);
      });
      writers.delete(runId);
    }),
  );
}
