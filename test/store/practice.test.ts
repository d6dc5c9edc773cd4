// First: fake-indexeddb must be in place before Dexie loads.
import { freshDb, nextValue } from './fresh-db';
import { beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
  createTrainee,
  deleteAttempt,
  deleteCannedResponse,
  deleteTrainee,
  exportAttemptsCsv,
  listAttempts,
  listCannedResponses,
  listTrainees,
  liveAttempts,
  recordAttempt,
  renameCannedResponse,
  renameTrainee,
  saveCannedResponse,
  seedCannedResponses,
  saveUnfinishedAttempt,
  listUnfinishedAttempts,
  deleteUnfinishedAttempt,
} from '../../src/store/practice';
import { unfinishedAttempt } from './schema-versions/v3';
import { deleteSetting, getSetting, liveSetting, setSetting } from '../../src/store/settings';

beforeEach(() => {
  freshDb();
});

describe('settings', () => {
  it('returns the fallback until a setting is set, then the stored value', async () => {
    expect(await getSetting('trainer.speed', 1)).toBe(1);
    await setSetting('trainer.speed', 16);
    expect(await getSetting('trainer.speed', 1)).toBe(16);
    await setSetting('trainer.state', { tab: 'run', t: 90 });
    expect(await getSetting('trainer.state', null)).toEqual({ tab: 'run', t: 90 });
    await deleteSetting('trainer.speed');
    expect(await getSetting('trainer.speed', 1)).toBe(1);
  });

  it('updates a live setting', async () => {
    const live = liveSetting('console.speed', 1);
    await nextValue(live, (v) => v === 1);
    const changed = nextValue(live, (v) => v === 4);
    await setSetting('console.speed', 4);
    expect(await changed).toBe(4);
  });
});

describe('trainees and attempts', () => {
  it('adds, renames and lists trainees by name', async () => {
    const zoe = await createTrainee(' Zoë ');
    await createTrainee('adam');
    await renameTrainee(zoe, 'Zoë Martin');
    expect((await listTrainees()).map((t) => t.name)).toEqual(['adam', 'Zoë Martin']);
    await expect(createTrainee('  ')).rejects.toThrow('A trainee needs a name.');
  });

  it('lists a trainee’s attempts oldest first, to show progress', async () => {
    const ada = await createTrainee('Ada');
    const bob = await createTrainee('Bob');
    await recordAttempt({
      traineeId: ada,
      runId: 'run-2',
      scenarioName: 'Rush',
      score: 80,
      metrics: {},
      createdAt: 2000,
    });
    await recordAttempt({
      traineeId: bob,
      runId: null,
      scenarioName: 'Rush',
      score: 50,
      metrics: {},
      createdAt: 1500,
    });
    await recordAttempt({
      traineeId: ada,
      runId: 'run-1',
      scenarioName: 'Quiet',
      score: 60,
      metrics: {},
      createdAt: 1000,
    });
    expect((await listAttempts(ada)).map((a) => a.score)).toEqual([60, 80]);
    expect((await listAttempts()).map((a) => a.score)).toEqual([60, 50, 80]);
  });

  it('refuses an attempt for a trainee who no longer exists', async () => {
    const err = await recordAttempt({
      traineeId: 'trainee-gone',
      runId: null,
      scenarioName: 'x',
      score: 1,
      metrics: {},
    }).catch((e) => e);
    expect(err).toMatchObject({ name: 'StorageError', kind: 'missing' });
    expect(await listAttempts()).toEqual([]);
  });

  it('deletes a trainee with their attempts, and a single attempt', async () => {
    const ada = await createTrainee('Ada');
    const bob = await createTrainee('Bob');
    await recordAttempt({ traineeId: ada, runId: null, scenarioName: 'x', score: 1, metrics: {} });
    const bobs = await recordAttempt({
      traineeId: bob,
      runId: null,
      scenarioName: 'x',
      score: 2,
      metrics: {},
    });
    await recordAttempt({ traineeId: bob, runId: null, scenarioName: 'x', score: 3, metrics: {} });
    await deleteTrainee(ada);
    await deleteAttempt(bobs);
    expect((await listTrainees()).map((t) => t.name)).toEqual(['Bob']);
    expect((await listAttempts()).map((a) => a.score)).toEqual([3]);
  });

  it('updates the live attempts of a trainee', async () => {
    const ada = await createTrainee('Ada');
    const live = liveAttempts(ada);
    await nextValue(live, (list) => list.length === 0);
    const added = nextValue(live, (list) => list.length === 1);
    await recordAttempt({ traineeId: ada, runId: null, scenarioName: 'x', score: 9, metrics: {} });
    expect((await added)[0].score).toBe(9);
  });

  it('exports attempts as CSV with a column per metric, one trainee or all', async () => {
    const ada = await createTrainee('Ada');
    const bob = await createTrainee('Bob');
    await recordAttempt({
      traineeId: ada,
      runId: 'run-1',
      scenarioName: 'Rush hour, FR',
      score: 72,
      metrics: { firstResponseSeconds: 14.5, unanswered: 1 },
      createdAt: Date.UTC(2025, 0, 2, 9, 30),
    });
    await recordAttempt({
      traineeId: bob,
      runId: null,
      scenarioName: 'Quiet',
      score: 90,
      metrics: { chatsHandled: 4, firstResponseSeconds: null },
      createdAt: Date.UTC(2025, 0, 3),
    });
    const all = Papa.parse<string[]>((await exportAttemptsCsv()).trim()).data;
    expect(all).toEqual([
      [
        'trainee',
        'date',
        'scenario',
        'score',
        'chatsHandled',
        'firstResponseSeconds',
        'unanswered',
      ],
      ['Ada', '2025-01-02T09:30:00.000Z', 'Rush hour, FR', '72', '', '14.5', '1'],
      ['Bob', '2025-01-03T00:00:00.000Z', 'Quiet', '90', '4', '', ''],
    ]);
    const adas = Papa.parse<string[]>((await exportAttemptsCsv(ada)).trim()).data;
    expect(adas).toEqual([
      ['trainee', 'date', 'scenario', 'score', 'firstResponseSeconds', 'unanswered'],
      ['Ada', '2025-01-02T09:30:00.000Z', 'Rush hour, FR', '72', '14.5', '1'],
    ]);
  });

  it('escapes a trainee name that a spreadsheet would run as a formula', async () => {
    const id = await createTrainee('=HYPERLINK("http://evil","x")');
    await recordAttempt({
      traineeId: id,
      runId: null,
      scenarioName: '+cmd',
      score: 1,
      metrics: {},
    });
    const [, row] = Papa.parse<string[]>((await exportAttemptsCsv()).trim()).data;
    expect(row[0]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(row[2]).toBe(`'+cmd`);
  });
});

describe('canned responses', () => {
  it('saves, replaces and lists canned responses by shortcut, with or without the colon', async () => {
    await saveCannedResponse('thanks', 'Thank you!');
    await saveCannedResponse(':hello', 'Hello, how may I help you?');
    await saveCannedResponse('thanks', 'Thanks a lot!');
    expect((await listCannedResponses()).map(({ shortcut, text }) => ({ shortcut, text }))).toEqual(
      [
        { shortcut: 'hello', text: 'Hello, how may I help you?' },
        { shortcut: 'thanks', text: 'Thanks a lot!' },
      ],
    );
  });

  it('refuses a shortcut with spaces or an empty text, saying why', async () => {
    await expect(saveCannedResponse('good bye', 'Bye')).rejects.toThrow(
      '"good bye" is not a valid shortcut: use one word of letters, digits, "_" or "-", e.g. "hello".',
    );
    await expect(saveCannedResponse('bye', '  ')).rejects.toThrow(
      'The canned response ":bye" needs a text.',
    );
    expect(await listCannedResponses()).toEqual([]);
  });

  it('renames a shortcut keeping its text, and refuses a shortcut already used', async () => {
    await saveCannedResponse('hi', 'Hi!');
    await saveCannedResponse('bye', 'Bye!');
    await renameCannedResponse('hi', 'hello');
    await expect(renameCannedResponse('hello', 'bye')).rejects.toThrow(
      'The shortcut ":bye" is already used.',
    );
    expect((await listCannedResponses()).map((r) => [r.shortcut, r.text])).toEqual([
      ['bye', 'Bye!'],
      ['hello', 'Hi!'],
    ]);
  });

  it('seeds the defaults on first start only, so deleting them all does not bring them back', async () => {
    const defaults = [{ shortcut: 'hello', text: 'Hello!' }];
    expect(await seedCannedResponses(defaults)).toBe(true);
    await deleteCannedResponse('hello');
    expect(await seedCannedResponses(defaults)).toBe(false);
    expect(await listCannedResponses()).toEqual([]);
  });
});

describe('attempts in progress', () => {
  const attempt = unfinishedAttempt;

  it('keeps the latest inputs of each attempt, most recently played first, until it is removed', async () => {
    await saveUnfinishedAttempt(attempt('a', 10));
    await saveUnfinishedAttempt(attempt('b', 20));
    const later = { ...attempt('a', 30), simT: 95 };
    later.inputs = [
      ...later.inputs,
      { t: 90, type: 'chat.message', visitor: 'v1', text: 'Hi', lang: null },
    ];
    await saveUnfinishedAttempt(later);
    const list = await listUnfinishedAttempts();
    expect(list.map((a) => a.id)).toEqual(['a', 'b']);
    expect(list[0]).toEqual(later);
    await deleteUnfinishedAttempt('a');
    expect((await listUnfinishedAttempts()).map((a) => a.id)).toEqual(['b']);
  });
});
