/**
 * The scenario library: the files shipped in public/scenarios/ plus the trainer's own scenarios.
 */
import { liveQuery, type Observable } from 'dexie';
import type { Scenario } from '../sim/scenario/types';
import { getDb, type ScenarioRecord } from './db';
import { guard, StorageError } from './errors';
import { newId } from './ids';
import { plain } from './plain';

/** Library files already offered once, so a scenario the user deleted is not brought back. */
const SEEDED_KEY = 'library.seeded';

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
}

/**
 * Creates or replaces a scenario and returns its id. Saving a library scenario marks it edited,
 * so a newer copy of its file never overwrites the trainer's changes.
 */
export function saveScenario(input: SaveScenarioInput): Promise<string> {
  return guard('the scenario was not saved', async () => {
    const db = getDb();
    const now = Date.now();
    return db.transaction('rw', db.scenarios, async () => {
      const existing = input.id === undefined ? undefined : await db.scenarios.get(input.id);
      const scenario = plain(input.scenario);
      const record: ScenarioRecord = {
        id: input.id ?? newId('scenario'),
        name: scenario.name,
        source: existing?.source ?? 'user',
        scenario,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      if (input.draft !== undefined) record.draft = input.draft;
      if (existing?.libraryFile !== undefined) record.libraryFile = existing.libraryFile;
      if (record.source === 'library') record.edited = true;
      await db.scenarios.put(record);
      return record.id;
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

/** Renames a scenario (its record and the `name` inside the scenario). */
export function renameScenario(id: string, name: string): Promise<void> {
  return guard('the scenario was not renamed', async () => {
    const db = getDb();
    const clean = cleanName(name);
    await db.transaction('rw', db.scenarios, async () => {
      const record = await mustGet(id);
      record.name = clean;
      record.scenario = { ...record.scenario, name: clean };
      record.updatedAt = Date.now();
      if (record.source === 'library') record.edited = true;
      await db.scenarios.put(record);
    });
  });
}

/** Copies a scenario into a new user scenario, named "<name> (copy)" unless `name` is given. */
export function duplicateScenario(id: string, name?: string): Promise<string> {
  return guard('the copy was not saved', async () => {
    const db = getDb();
    return db.transaction('rw', db.scenarios, async () => {
      const source = await mustGet(id);
      const copyName = name === undefined ? `${source.name} (copy)` : cleanName(name);
      const now = Date.now();
      const copy: ScenarioRecord = {
        id: newId('scenario'),
        name: copyName,
        source: 'user',
        scenario: { ...source.scenario, name: copyName },
        createdAt: now,
        updatedAt: now,
      };
      if (source.draft !== undefined) copy.draft = source.draft;
      await db.scenarios.add(copy);
      return copy.id;
    });
  });
}

/** Deletes a scenario. Its runs stay: each keeps a snapshot of the scenario it ran. */
export function deleteScenario(id: string): Promise<void> {
  return guard('the scenario was not deleted', () => getDb().scenarios.delete(id));
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
 * Brings the shipped library into the database; call on every start. A file is added once; a
 * newer copy replaces the stored one only if the trainer never edited or renamed it; a library
 * scenario the trainer deleted stays deleted. Returns the ids added and updated.
 */
export function seedLibrary(entries: readonly LibraryEntry[]): Promise<SeedResult> {
  return guard('the scenario library was not loaded', async () => {
    const db = getDb();
    const result: SeedResult = { added: [], updated: [] };
    await db.transaction('rw', db.scenarios, db.settings, async () => {
      const seededRow = await db.settings.get(SEEDED_KEY);
      const seeded = { ...((seededRow?.value as Record<string, boolean> | undefined) ?? {}) };
      const now = Date.now();
      for (const entry of entries) {
        const { file } = entry;
        const scenario = plain(entry.scenario);
        const id = `library:${file}`;
        const existing = await db.scenarios.get(id);
        if (!existing) {
          if (!seeded[file]) {
            await db.scenarios.add({
              id,
              name: scenario.name,
              source: 'library',
              scenario,
              libraryFile: file,
              createdAt: now,
              updatedAt: now,
            });
            result.added.push(id);
          }
        } else if (
          existing.source === 'library' &&
          !existing.edited &&
          existing.draft === undefined &&
          JSON.stringify(existing.scenario) !== JSON.stringify(scenario)
        ) {
          await db.scenarios.put({ ...existing, name: scenario.name, scenario, updatedAt: now });
          result.updated.push(id);
        }
        seeded[file] = true;
      }
      await db.settings.put({ key: SEEDED_KEY, value: seeded });
    });
    return result;
  });
}
