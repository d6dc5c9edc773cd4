// First: fake-indexeddb must be in place before Dexie loads.
import { freshDb, nextValue } from './fresh-db';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  deleteScenario,
  duplicateScenario,
  getScenario,
  listScenarios,
  liveScenarios,
  renameScenario,
  restoreScenario,
  saveScenario,
  seedLibrary,
} from '../../src/store/scenarios';
import { StorageError } from '../../src/store/errors';
import { exampleScenario } from '../sim/fixtures';

const named = (name: string) => ({ ...exampleScenario(), name });
const saveId = async (input: Parameters<typeof saveScenario>[0]) => (await saveScenario(input)).id;

beforeEach(() => {
  freshDb();
});

describe('user scenarios', () => {
  it('saves a new scenario as the user’s and lists it by name', async () => {
    const b = await saveId({ scenario: named('Busy Monday') });
    const a = await saveId({ scenario: named('after hours') });
    const list = await listScenarios();
    expect(list.map((s) => s.id)).toEqual([a, b]);
    expect(list[1]).toMatchObject({
      name: 'Busy Monday',
      source: 'user',
      scenario: named('Busy Monday'),
    });
    expect(list[1].draft).toBeUndefined();
  });

  it('replaces a scenario under the same id and keeps its creation time', async () => {
    const id = await saveId({ scenario: named('One') });
    const created = (await getScenario(id))!.createdAt;
    await saveScenario({ id, scenario: { ...named('One'), durationMinutes: 90 } });
    const stored = await getScenario(id);
    expect(stored!.scenario.durationMinutes).toBe(90);
    expect(stored!.createdAt).toBe(created);
    expect(await listScenarios()).toHaveLength(1);
  });

  it('keeps the editor’s invalid text as a draft beside the last valid scenario, and clears it on a valid save', async () => {
    const id = await saveId({
      scenario: named('Draft'),
      draft: '{"name": "Draft", "seed": ',
    });
    expect((await getScenario(id))!.draft).toBe('{"name": "Draft", "seed": ');
    await saveScenario({ id, scenario: named('Draft') });
    expect((await getScenario(id))!.draft).toBeUndefined();
  });

  it('renames a scenario in its record and inside the scenario', async () => {
    const id = await saveId({ scenario: named('Old') });
    await renameScenario(id, '  New name  ');
    const s = await getScenario(id);
    expect(s!.name).toBe('New name');
    expect(s!.scenario.name).toBe('New name');
  });

  it('refuses an empty name and changes nothing', async () => {
    const id = await saveId({ scenario: named('Keep') });
    await expect(renameScenario(id, '   ')).rejects.toThrow('A scenario needs a name.');
    expect((await getScenario(id))!.name).toBe('Keep');
  });

  it('duplicates a scenario as "<name> (copy)", leaving the original as it was', async () => {
    const id = await saveId({ scenario: named('Base') });
    const copy = await duplicateScenario(id);
    expect(copy).not.toBe(id);
    expect(await getScenario(copy)).toMatchObject({
      name: 'Base (copy)',
      source: 'user',
      scenario: named('Base (copy)'),
    });
    expect((await getScenario(id))!.name).toBe('Base');
  });

  it('saves a scenario held in a proxy (Svelte $state), which IndexedDB cannot clone as is', async () => {
    const proxied = new Proxy(named('Reactive'), {});
    expect(() => structuredClone(proxied)).toThrow();
    const id = await saveId({ scenario: proxied });
    expect((await getScenario(id))!.scenario).toEqual(named('Reactive'));
  });

  it('deletes a scenario and puts it back, as it was, on Undo', async () => {
    const id = await saveId({ scenario: named('Gone'), draft: '{"name": "Gone", "seed": ' });
    const before = await getScenario(id);
    const deleted = await deleteScenario(id);
    expect(await getScenario(id)).toBeUndefined();
    expect(await listScenarios()).toEqual([]);
    expect(await restoreScenario(deleted!)).toBe(id);
    expect(await getScenario(id)).toEqual(before);
  });

  it('gives a new scenario a name no other has: an imported "Busy Monday" next to one becomes "Busy Monday (2)"', async () => {
    await saveId({ scenario: named('Busy Monday') });
    const second = await saveScenario({ scenario: named('Busy Monday') });
    expect(second.name).toBe('Busy Monday (2)');
    const third = await saveScenario({
      scenario: named('Busy Monday'),
      draft: '{"name":"Busy Monday"}',
    });
    expect(await getScenario(third.id)).toMatchObject({
      name: 'Busy Monday (3)',
      scenario: { name: 'Busy Monday (3)' },
      draft: '{"name":"Busy Monday (3)"}',
    });
  });

  it('names a second copy "<name> (copy 2)"', async () => {
    const id = await saveId({ scenario: named('Base') });
    await duplicateScenario(id);
    expect((await getScenario(await duplicateScenario(id)))!.name).toBe('Base (copy 2)');
  });

  it('says so when renaming a scenario that no longer exists', async () => {
    const err = await renameScenario('scenario-nope', 'x').catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe('missing');
  });

  it('updates a live list when a scenario is added', async () => {
    const live = liveScenarios();
    await nextValue(live, (list) => list.length === 0);
    const added = nextValue(live, (list) => list.length === 1);
    await saveScenario({ scenario: named('Live') });
    expect((await added)[0].name).toBe('Live');
  });
});

describe('several tabs', () => {
  it('counts revisions: each save of a scenario bumps it', async () => {
    const first = await saveScenario({ scenario: named('Shared') });
    expect(first.revision).toBe(1);
    const second = await saveScenario({ id: first.id, scenario: named('Shared'), revision: 1 });
    expect(second).toEqual({ id: first.id, name: 'Shared', revision: 2 });
  });

  it('keeps a stale tab’s whole-scenario save as a copy instead of overwriting the newer edit', async () => {
    const { id } = await saveScenario({ scenario: named('Shared') });
    // Tab A and tab B both loaded revision 1; A saves first.
    await saveScenario({ id, scenario: { ...named('Shared'), seed: 10 }, revision: 1 });
    const stale = await saveScenario({
      id,
      scenario: { ...named('Shared'), durationMinutes: 90 },
      revision: 1,
    });
    expect(stale).toMatchObject({ copied: 'stale', name: 'Shared (copy)', revision: 1 });
    expect(stale.id).not.toBe(id);
    expect((await getScenario(id))!.scenario).toMatchObject({ seed: 10, durationMinutes: 60 });
    expect((await getScenario(stale.id))!.scenario).toMatchObject({
      name: 'Shared (copy)',
      seed: 1,
      durationMinutes: 90,
    });
  });
});

describe('the shipped library is read-only', () => {
  const walkthrough = { file: 'guide-walkthrough.json', scenario: named('Guide walkthrough') };
  const id = 'library:guide-walkthrough.json';

  it('saves an edit of a library scenario as the user’s own copy, leaving the library as shipped', async () => {
    await seedLibrary([walkthrough]);
    const saved = await saveScenario({
      id,
      scenario: { ...walkthrough.scenario, seed: 99 },
      revision: 0,
    });
    expect(saved).toMatchObject({ copied: 'library', name: 'Guide walkthrough (copy)' });
    expect(await getScenario(id)).toMatchObject({
      source: 'library',
      scenario: walkthrough.scenario,
    });
    expect(await getScenario(saved.id)).toMatchObject({
      source: 'user',
      scenario: { ...walkthrough.scenario, name: 'Guide walkthrough (copy)', seed: 99 },
    });
  });

  it('keeps the name the user gave while editing a library scenario', async () => {
    await seedLibrary([walkthrough]);
    const saved = await saveScenario({ id, scenario: named('Our walkthrough') });
    expect(saved).toMatchObject({ copied: 'library', name: 'Our walkthrough' });
    expect((await getScenario(id))!.name).toBe('Guide walkthrough');
  });

  it('saves an edit made before the library was stored (first visit) as a copy too', async () => {
    const saved = await saveScenario({ id, scenario: named('Guide walkthrough') });
    expect(saved.copied).toBe('library');
    await seedLibrary([walkthrough]);
    expect((await listScenarios()).map((s) => [s.name, s.source])).toEqual([
      ['Guide walkthrough', 'library'],
      ['Guide walkthrough (copy)', 'user'],
    ]);
  });

  it('refuses to rename or delete a library scenario, and changes nothing', async () => {
    await seedLibrary([walkthrough]);
    for (const attempt of [renameScenario(id, 'Mine'), deleteScenario(id)]) {
      const err = await attempt.catch((e) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect(err.kind).toBe('readonly');
      expect(err.message).toMatch(/read-only.*Duplicate it/);
    }
    expect(await getScenario(id)).toMatchObject({ name: 'Guide walkthrough', source: 'library' });
  });

  it('duplicates a library scenario into My scenarios', async () => {
    await seedLibrary([walkthrough]);
    const copy = await duplicateScenario(id);
    expect(await getScenario(copy)).toMatchObject({
      name: 'Guide walkthrough (copy)',
      source: 'user',
    });
  });

  it('brings back a library scenario lost before the library was read-only', async () => {
    await seedLibrary([walkthrough]);
    await freshDb().scenarios.clear();
    expect(await seedLibrary([walkthrough])).toEqual({ added: [id], updated: [] });
  });
});

describe('seedLibrary', () => {
  const walkthrough = { file: 'guide-walkthrough.json', scenario: named('Guide walkthrough') };

  it('adds the library scenarios on first start, marked as library', async () => {
    expect(await seedLibrary([walkthrough])).toEqual({
      added: ['library:guide-walkthrough.json'],
      updated: [],
    });
    expect(await getScenario('library:guide-walkthrough.json')).toMatchObject({
      source: 'library',
      libraryFile: 'guide-walkthrough.json',
      scenario: walkthrough.scenario,
    });
  });

  it('changes nothing when started again with the same library', async () => {
    await seedLibrary([walkthrough]);
    expect(await seedLibrary([walkthrough])).toEqual({ added: [], updated: [] });
    expect(await listScenarios()).toHaveLength(1);
  });

  it('brings a newer copy of an untouched library file', async () => {
    await seedLibrary([walkthrough]);
    const newer = { ...walkthrough, scenario: { ...walkthrough.scenario, durationMinutes: 120 } };
    expect((await seedLibrary([newer])).updated).toEqual(['library:guide-walkthrough.json']);
    expect((await getScenario('library:guide-walkthrough.json'))!.scenario.durationMinutes).toBe(
      120,
    );
  });

  it('adds a file that is new in the library next to the existing ones', async () => {
    await seedLibrary([walkthrough]);
    const erlang = { file: 'erlang-c.json', scenario: named('Erlang C') };
    expect((await seedLibrary([walkthrough, erlang])).added).toEqual(['library:erlang-c.json']);
    expect((await listScenarios()).map((s) => s.name)).toEqual(['Erlang C', 'Guide walkthrough']);
  });
});
