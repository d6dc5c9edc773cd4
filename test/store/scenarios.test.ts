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
  saveScenario,
  seedLibrary,
} from '../../src/store/scenarios';
import { StorageError } from '../../src/store/errors';
import { exampleScenario } from '../sim/fixtures';

const named = (name: string) => ({ ...exampleScenario(), name });

beforeEach(() => {
  freshDb();
});

describe('user scenarios', () => {
  it('saves a new scenario as the user’s and lists it by name', async () => {
    const b = await saveScenario({ scenario: named('Busy Monday') });
    const a = await saveScenario({ scenario: named('after hours') });
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
    const id = await saveScenario({ scenario: named('One') });
    const created = (await getScenario(id))!.createdAt;
    await saveScenario({ id, scenario: { ...named('One'), durationMinutes: 90 } });
    const stored = await getScenario(id);
    expect(stored!.scenario.durationMinutes).toBe(90);
    expect(stored!.createdAt).toBe(created);
    expect(await listScenarios()).toHaveLength(1);
  });

  it('keeps the editor’s invalid text as a draft beside the last valid scenario, and clears it on a valid save', async () => {
    const id = await saveScenario({
      scenario: named('Draft'),
      draft: '{"name": "Draft", "seed": ',
    });
    expect((await getScenario(id))!.draft).toBe('{"name": "Draft", "seed": ');
    await saveScenario({ id, scenario: named('Draft') });
    expect((await getScenario(id))!.draft).toBeUndefined();
  });

  it('renames a scenario in its record and inside the scenario', async () => {
    const id = await saveScenario({ scenario: named('Old') });
    await renameScenario(id, '  New name  ');
    const s = await getScenario(id);
    expect(s!.name).toBe('New name');
    expect(s!.scenario.name).toBe('New name');
  });

  it('refuses an empty name and changes nothing', async () => {
    const id = await saveScenario({ scenario: named('Keep') });
    await expect(renameScenario(id, '   ')).rejects.toThrow('A scenario needs a name.');
    expect((await getScenario(id))!.name).toBe('Keep');
  });

  it('duplicates a scenario as "<name> (copy)", leaving the original as it was', async () => {
    const id = await saveScenario({ scenario: named('Base') });
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
    const id = await saveScenario({ scenario: proxied });
    expect((await getScenario(id))!.scenario).toEqual(named('Reactive'));
  });

  it('deletes a scenario', async () => {
    const id = await saveScenario({ scenario: named('Gone') });
    await deleteScenario(id);
    expect(await getScenario(id)).toBeUndefined();
    expect(await listScenarios()).toEqual([]);
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

  it('never overwrites a library scenario the trainer edited', async () => {
    await seedLibrary([walkthrough]);
    const id = 'library:guide-walkthrough.json';
    await saveScenario({ id, scenario: { ...walkthrough.scenario, seed: 99 } });
    const newer = { ...walkthrough, scenario: { ...walkthrough.scenario, durationMinutes: 120 } };
    expect(await seedLibrary([newer])).toEqual({ added: [], updated: [] });
    const stored = await getScenario(id);
    expect(stored!.scenario.seed).toBe(99);
    expect(stored!.scenario.durationMinutes).toBe(60);
    expect(stored!.edited).toBe(true);
  });

  it('never overwrites a library scenario the trainer renamed', async () => {
    await seedLibrary([walkthrough]);
    await renameScenario('library:guide-walkthrough.json', 'Our walkthrough');
    await seedLibrary([{ ...walkthrough, scenario: { ...walkthrough.scenario, seed: 5 } }]);
    expect((await getScenario('library:guide-walkthrough.json'))!.name).toBe('Our walkthrough');
  });

  it('does not bring back a library scenario the trainer deleted', async () => {
    await seedLibrary([walkthrough]);
    await deleteScenario('library:guide-walkthrough.json');
    expect(await seedLibrary([walkthrough])).toEqual({ added: [], updated: [] });
    expect(await listScenarios()).toEqual([]);
  });

  it('adds a file that is new in the library next to the existing ones', async () => {
    await seedLibrary([walkthrough]);
    const erlang = { file: 'erlang-c.json', scenario: named('Erlang C') };
    expect((await seedLibrary([walkthrough, erlang])).added).toEqual(['library:erlang-c.json']);
    expect((await listScenarios()).map((s) => s.name)).toEqual(['Erlang C', 'Guide walkthrough']);
  });
});
