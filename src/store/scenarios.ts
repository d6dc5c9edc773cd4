/**
 * The scenario library: the files shipped in public/scenarios/ plus the trainer's own scenarios.
 */
import { liveQuery, type Observable } from 'dexie';
import type { Scenario } from '../sim/scenario/types';
import { getDb, type ScenarioRecord } from './db';
import { guard, StorageError } from './errors';
import { newId } from './ids';
import { plain } from './plain';

/** Library scenarios are stored as `library:<file>`. */
export const LIBRARY_PREFIX = 'library:';

const byName = (a: ScenarioRecord, b: ScenarioRecord) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);

/** Every scenario, library and user's, sorted by name. */
export function listScenarios(): Promise<ScenarioRecord[]> {
  return guard('the scenarios could not be listed', async () =>
    (await getDb().scenarios.toArray()).sort(byName),
  );
}

/** {@link listScenarios} as a live list: emits again whenever any tab changes a scenario. */
export function liveScenarios(): Observable<ScenarioRecord[]> {
  return liveQuery(listScenarios);
}

export function getScenario(id: string): Promise<ScenarioRecord | undefined> {
  return guard('the scenario could not be read', () => getDb().scenarios.get(id));
}

export interface SaveScenarioInput {
  /** Omit to create a new user scenario. */
  id?: string;
  /** The last valid version; its `name` names the record. */
  scenario: Scenario;
  /** The editor's text when it does not validate; omit to clear a previous draft. */
  draft?: string;
  /**
   * The stored revision this edit started from. When another tab saved since (the stored revision
   * differs), the stale whole-scenario save would undo that tab's work: it is kept as a copy
   * instead. Omit to overwrite whatever is stored.
   */
  revision?: number;
}

export interface SavedScenario {
  /** Where the scenario now is: `input.id`, or a new copy's id when `copied` is set. */
  id: string;
  name: string;
  revision: number;
  /**
   * Set when the save went to a new user scenario instead of `input.id`: `library` (the shipped
   * library is read-only), `stale` (another tab saved a newer revision in between).
   */
  copied?: 'library' | 'stale';
}

/** `wanted`, or `wanted (2)`, `(3)`…: the first name no other scenario has. */
export function uniqueName(wanted: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!names.has(`${wanted} (${i})`)) return `${wanted} (${i})`;
}

/** `<name> (copy)`, `<name> (copy 2)`…: the first copy name no other scenario has. */
export function copyName(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  const base = `${name} (copy)`;
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${name} (copy ${i})`)) return `${name} (copy ${i})`;
}

/** The editor's draft text renamed too (drafts are JSON of the form); unreadable text stays. */
function renamedDraft(draft: string | undefined, name: string): string | undefined {
  if (draft === undefined) return undefined;
  try {
    const value = JSON.parse(draft) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return JSON.stringify({ ...value, name });
    }
  } catch {
    // Not JSON: keep the text as typed.
  }
  return draft;
}

const readOnly = (name: string, doing: string) =>
  new StorageError(
    'readonly',
    `“${name}” is in the shipped library, which is read-only, so it cannot be ${doing}. Duplicate it to make your own copy.`,
  );

/**
 * Saves a scenario and says where it went. A new scenario gets a name no other scenario has
 * (an imported "Rush hour" next to an existing one becomes "Rush hour (2)"). Saving over a library
 * scenario, or over a revision another tab replaced, creates the user's own copy instead
 * ({@link SavedScenario.copied}): the library stays as shipped and no tab's work is lost.
 */
export function saveScenario(input: SaveScenarioInput): Promise<SavedScenario> {
  return guard('the scenario was not saved', async () => {
    const db = getDb();
    const now = Date.now();
    return db.transaction('rw', db.scenarios, async () => {
      const existing = input.id === undefined ? undefined : await db.scenarios.get(input.id);
      const scenario = plain(input.scenario);
      let copied: SavedScenario['copied'];
      // Before the first start has stored the library, its scenarios are shown from the files.
      if (existing?.source === 'library' || (!existing && input.id?.startsWith(LIBRARY_PREFIX)))
        copied = 'library';
      else if (
        existing &&
        input.revision !== undefined &&
        (existing.revision ?? 0) !== input.revision
      ) {
        copied = 'stale';
      }
      let draft = input.draft;
      if (copied || existing === undefined) {
        const taken = (await db.scenarios.toArray()).map((r) => r.name);
        let name = scenario.name;
        if (copied) {
          // An edit that kept the library's name is named after it; a renamed one keeps its name.
          name =
            copied === 'stale' || scenario.name === (existing?.name ?? scenario.name)
              ? copyName(scenario.name, taken)
              : uniqueName(scenario.name, taken);
        } else if (input.id === undefined) name = uniqueName(scenario.name, taken);
        if (name !== scenario.name) {
          scenario.name = name;
          draft = renamedDraft(draft, name);
        }
      }
      const keep = existing && !copied ? existing : undefined;
      const record: ScenarioRecord = {
        id: copied ? newId('scenario') : (input.id ?? newId('scenario')),
        name: scenario.name,
        source: 'user',
        scenario,
        revision: (keep?.revision ?? 0) + 1,
        createdAt: keep?.createdAt ?? now,
        updatedAt: now,
      };
      if (draft !== undefined) record.draft = draft;
      await db.scenarios.put(record);
      const saved: SavedScenario = { id: record.id, name: record.name, revision: record.revision! };
      if (copied) saved.copied = copied;
      return saved;
    });
  });
}

async function mustGet(id: string): Promise<ScenarioRecord> {
  const record = await getDb().scenarios.get(id);
  if (!record) throw new StorageError('missing', `The scenario "${id}" no longer exists.`);
  return record;
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new StorageError('unknown', 'A scenario needs a name.');
  return trimmed;
}

/**
 * Renames one of the user's scenarios (its record and the `name` inside the scenario) and returns
 * its new revision.
 */
export function renameScenario(id: string, name: string): Promise<number> {
  return guard('the scenario was not renamed', async () => {
    const db = getDb();
    const clean = cleanName(name);
    return db.transaction('rw', db.scenarios, async () => {
      const record = await mustGet(id);
      if (record.source === 'library') throw readOnly(record.name, 'renamed');
      record.name = clean;
      record.scenario = { ...record.scenario, name: clean };
      record.draft = renamedDraft(record.draft, clean);
      if (record.draft === undefined) delete record.draft;
      record.revision = (record.revision ?? 0) + 1;
      record.updatedAt = Date.now();
      await db.scenarios.put(record);
      return record.revision;
    });
  });
}

/**
 * Copies a scenario (library or user's) into a new user scenario, named "<name> (copy)" (or
 * "(copy 2)"… when taken) unless `name` is given.
 */
export function duplicateScenario(id: string, name?: string): Promise<string> {
  return guard('the copy was not saved', async () => {
    const db = getDb();
    return db.transaction('rw', db.scenarios, async () => {
      const source = await mustGet(id);
      const taken = (await db.scenarios.toArray()).map((r) => r.name);
      const copyAs = name === undefined ? copyName(source.name, taken) : cleanName(name);
      const now = Date.now();
      const copy: ScenarioRecord = {
        id: newId('scenario'),
        name: copyAs,
        source: 'user',
        scenario: { ...source.scenario, name: copyAs },
        revision: 1,
        createdAt: now,
        updatedAt: now,
      };
      const draft = renamedDraft(source.draft, copyAs);
      if (draft !== undefined) copy.draft = draft;
      await db.scenarios.add(copy);
      return copy.id;
    });
  });
}

/**
 * Deletes one of the user's scenarios and returns it, for {@link restoreScenario} (Undo). Its runs
 * stay: each keeps a snapshot of the scenario it ran. Library scenarios cannot be deleted.
 */
export function deleteScenario(id: string): Promise<ScenarioRecord | undefined> {
  return guard('the scenario was not deleted', async () => {
    const db = getDb();
    return db.transaction('rw', db.scenarios, async () => {
      const record = await db.scenarios.get(id);
      if (record?.source === 'library') throw readOnly(record.name, 'deleted');
      await db.scenarios.delete(id);
      return record;
    });
  });
}

/** Puts back a scenario {@link deleteScenario} returned (Undo), under its id and name. */
export function restoreScenario(record: ScenarioRecord): Promise<string> {
  return guard('the scenario was not restored', async () => {
    const db = getDb();
    const restored = plain(record);
    await db.transaction('rw', db.scenarios, async () => {
      // Another tab may have saved over the id since (a stale save re-creating it): keep both.
      if (await db.scenarios.get(restored.id)) restored.id = newId('scenario');
      await db.scenarios.add(restored);
    });
    return restored.id;
  });
}

export interface LibraryEntry {
  /** File name in public/scenarios/, e.g. `walkthrough.json`: the stable identity. */
  file: string;
  scenario: Scenario;
}

export interface SeedResult {
  added: string[];
  updated: string[];
}

/**
 * Brings the shipped library into the database; call on every start. The library is read-only:
 * every shipped file is there as shipped (added if missing, replaced when the file changed); the
 * user's edits live in their own copies. Returns the ids added and updated.
 */
export function seedLibrary(entries: readonly LibraryEntry[]): Promise<SeedResult> {
  return guard('the scenario library was not loaded', async () => {
    const db = getDb();
    const result: SeedResult = { added: [], updated: [] };
    await db.transaction('rw', db.scenarios, async () => {
      const now = Date.now();
      for (const entry of entries) {
        const { file } = entry;
        const scenario = plain(entry.scenario);
        const id = `${LIBRARY_PREFIX}${file}`;
        const existing = await db.scenarios.get(id);
        const shipped: ScenarioRecord = {
          id,
          name: scenario.name,
          source: 'library',
          scenario,
          libraryFile: file,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
        if (existing && existing.source !== 'library') {
          // Never overwrite the user's own work (no release stored one under a library id).
          await db.scenarios.add({ ...existing, id: newId('scenario') });
        }
        if (!existing) {
          await db.scenarios.add(shipped);
          result.added.push(id);
        } else if (
          existing.source !== 'library' ||
          existing.draft !== undefined ||
          existing.name !== scenario.name ||
          JSON.stringify(existing.scenario) !== JSON.stringify(scenario)
        ) {
          await db.scenarios.put(shipped);
          result.updated.push(id);
        }
      }
    });
    return result;
  });
}
