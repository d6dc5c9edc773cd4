/**
 * The operator practice console's records: trainees, their scored attempts, and the canned
 * responses (`:shortcut` in the composer) the trainer edits.
 */
import { liveQuery, type Observable } from 'dexie';
import Papa from 'papaparse';
import {
  getDb,
  type AttemptRecord,
  type CannedResponseRecord,
  type TraineeRecord,
  type UnfinishedAttemptRecord,
} from './db';
import { guard, StorageError } from './errors';
import { newId } from './ids';
import { plain } from './plain';

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new StorageError('unknown', 'A trainee needs a name.');
  return trimmed;
}

// ── Trainees ────────────────────────────────────────────────────────────────

export function listTrainees(): Promise<TraineeRecord[]> {
  return guard('the trainees could not be listed', async () =>
    (await getDb().trainees.toArray()).sort((a, b) =>
      a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
    ),
  );
}

export function liveTrainees(): Observable<TraineeRecord[]> {
  return liveQuery(listTrainees);
}

/** Adds a trainee and returns their id. */
export function createTrainee(name: string): Promise<string> {
  return guard('the trainee was not saved', async () => {
    const record: TraineeRecord = {
      id: newId('trainee'),
      name: cleanName(name),
      createdAt: Date.now(),
    };
    await getDb().trainees.add(record);
    return record.id;
  });
}

export function renameTrainee(id: string, name: string): Promise<void> {
  return guard('the trainee was not renamed', async () => {
    const clean = cleanName(name);
    if ((await getDb().trainees.update(id, { name: clean })) === 0) {
      throw new StorageError('missing', 'This trainee no longer exists.');
    }
  });
}

/** Deletes a trainee with all their attempts. */
export function deleteTrainee(id: string): Promise<void> {
  return guard('the trainee was not deleted', async () => {
    const db = getDb();
    await db.transaction('rw', db.trainees, db.attempts, async () => {
      await db.attempts.where('traineeId').equals(id).delete();
      await db.trainees.delete(id);
    });
  });
}

// ── Attempts ────────────────────────────────────────────────────────────────

export type NewAttempt = Omit<AttemptRecord, 'id' | 'createdAt'> & { createdAt?: number };

/** Saves a scored attempt and returns its id. */
export function recordAttempt(attempt: NewAttempt): Promise<string> {
  return guard('the attempt was not saved', async () => {
    const db = getDb();
    const record: AttemptRecord = {
      ...plain(attempt),
      id: newId('attempt'),
      createdAt: attempt.createdAt ?? Date.now(),
    };
    await db.transaction('rw', db.trainees, db.attempts, async () => {
      if (!(await db.trainees.get(attempt.traineeId))) {
        throw new StorageError('missing', 'This trainee no longer exists.');
      }
      await db.attempts.add(record);
    });
    return record.id;
  });
}

/** Attempts oldest first (progress reads left to right); one trainee's when `traineeId` is given. */
export function listAttempts(traineeId?: string): Promise<AttemptRecord[]> {
  return guard('the attempts could not be listed', async () => {
    const attempts = getDb().attempts;
    return traineeId === undefined
      ? attempts.orderBy('createdAt').toArray()
      : attempts.where('traineeId').equals(traineeId).sortBy('createdAt');
  });
}

export function liveAttempts(traineeId?: string): Observable<AttemptRecord[]> {
  return liveQuery(() => listAttempts(traineeId));
}

export function deleteAttempt(id: string): Promise<void> {
  return guard('the attempt was not deleted', () => getDb().attempts.delete(id));
}

/**
 * The attempts as CSV (one row per attempt, oldest first): trainee, date (ISO 8601 UTC),
 * scenario, score, then one column per metric. Cells that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`...) are escaped: names are typed by people.
 */
export function exportAttemptsCsv(traineeId?: string): Promise<string> {
  return guard('the attempts could not be exported', async () => {
    const db = getDb();
    const [attempts, trainees] = await Promise.all([
      listAttempts(traineeId),
      db.trainees.toArray(),
    ]);
    const names = new Map(trainees.map((t) => [t.id, t.name]));
    const metricKeys = [...new Set(attempts.flatMap((a) => Object.keys(a.metrics)))].sort();
    const fields = ['trainee', 'date', 'scenario', 'score', ...metricKeys];
    const data = attempts.map((a) => [
      names.get(a.traineeId) ?? '(deleted trainee)',
      new Date(a.createdAt).toISOString(),
      a.scenarioName,
      a.score,
      ...metricKeys.map((k) => a.metrics[k] ?? ''),
    ]);
    return Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\r\n' });
  });
}

// ── Attempts in progress ────────────────────────────────────────────────────

/**
 * Stores (or replaces) the attempt being played: its scenario, seed and inputs so far, so a
 * reload, a closed tab or a crash can resume it by replay. Callers throttle; each call is one put.
 */
export function saveUnfinishedAttempt(record: UnfinishedAttemptRecord): Promise<void> {
  return guard('the attempt in progress was not saved', async () => {
    await getDb().unfinishedAttempts.put(plain(record));
  });
}

/** Attempts interrupted (or still playing in another tab), the most recently played first. */
export function listUnfinishedAttempts(): Promise<UnfinishedAttemptRecord[]> {
  return guard('the attempts in progress could not be listed', async () =>
    (await getDb().unfinishedAttempts.orderBy('updatedAt').toArray()).reverse(),
  );
}

/** Forgets an attempt in progress (it was scored and saved, or abandoned). */
export function deleteUnfinishedAttempt(id: string): Promise<void> {
  return guard('the attempt in progress was not removed', () =>
    getDb().unfinishedAttempts.delete(id),
  );
}

// ── Canned responses ────────────────────────────────────────────────────────

const SHORTCUT = /^[\p{L}\p{N}_-]+$/u;

/** Canned responses sorted by shortcut. */
export function listCannedResponses(): Promise<CannedResponseRecord[]> {
  return guard('the canned responses could not be listed', () =>
    getDb().cannedResponses.orderBy('shortcut').toArray(),
  );
}

export function liveCannedResponses(): Observable<CannedResponseRecord[]> {
  return liveQuery(listCannedResponses);
}

/**
 * Creates or replaces the canned response typed as `:shortcut`. A shortcut is one word (letters,
 * digits, `_` or `-`), without the colon.
 */
export function saveCannedResponse(shortcut: string, text: string): Promise<void> {
  return guard('the canned response was not saved', async () => {
    const key = shortcut.trim().replace(/^:/, '');
    if (!SHORTCUT.test(key)) {
      throw new StorageError(
        'unknown',
        `"${shortcut}" is not a valid shortcut: use one word of letters, digits, "_" or "-", e.g. "hello".`,
      );
    }
    if (text.trim() === '') {
      throw new StorageError('unknown', `The canned response ":${key}" needs a text.`);
    }
    await getDb().cannedResponses.put({ shortcut: key, text, updatedAt: Date.now() });
  });
}

/** Renames a shortcut, keeping its text (one transaction: the response is never lost). */
export function renameCannedResponse(from: string, to: string): Promise<void> {
  return guard('the canned response was not renamed', async () => {
    const db = getDb();
    const key = to.trim().replace(/^:/, '');
    if (!SHORTCUT.test(key)) {
      throw new StorageError(
        'unknown',
        `"${to}" is not a valid shortcut: use one word, e.g. "hello".`,
      );
    }
    await db.transaction('rw', db.cannedResponses, async () => {
      const old = await db.cannedResponses.get(from);
      if (!old)
        throw new StorageError('missing', `The canned response ":${from}" no longer exists.`);
      if (key !== from && (await db.cannedResponses.get(key))) {
        throw new StorageError('unknown', `The shortcut ":${key}" is already used.`);
      }
      await db.cannedResponses.delete(from);
      await db.cannedResponses.put({ ...old, shortcut: key, updatedAt: Date.now() });
    });
  });
}

export function deleteCannedResponse(shortcut: string): Promise<void> {
  return guard('the canned response was not deleted', () =>
    getDb().cannedResponses.delete(shortcut),
  );
}

const CANNED_SEEDED_KEY = 'canned.seeded';

/**
 * Stores the default canned responses on first start only: after that the list is the trainer's,
 * and deleting every response must not bring the defaults back.
 */
export function seedCannedResponses(
  defaults: readonly { shortcut: string; text: string }[],
): Promise<boolean> {
  return guard('the canned responses were not loaded', async () => {
    const db = getDb();
    return db.transaction('rw', db.cannedResponses, db.settings, async () => {
      if (await db.settings.get(CANNED_SEEDED_KEY)) return false;
      const now = Date.now();
      for (const d of defaults) {
        if (!(await db.cannedResponses.get(d.shortcut))) {
          await db.cannedResponses.add({ shortcut: d.shortcut, text: d.text, updatedAt: now });
        }
      }
      await db.settings.put({ key: CANNED_SEEDED_KEY, value: true });
      return true;
    });
  });
}
