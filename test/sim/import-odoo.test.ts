/**
 * Importing Odoo's Sessions report (issue 8 §3): the pure translation (rows → scenario + rejected
 * rows), the file readers at the edge (CSV, XLSX), and the CLI `import-odoo`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/sim.ts';
import { csvTable, sessionsTable } from '../../src/io/sessions-table.ts';
import {
  detectColumns,
  formatWallClock,
  importOdooSessions,
  wallClockSeconds,
  type Cell,
  type ImportSuccess,
} from '../../src/sim/import/odoo-sessions.ts';
import { formatErrors, parseScenario } from '../../src/sim/scenario/validate.ts';

const SAMPLE = new URL('../../public/samples/', import.meta.url);
const csvText = readFileSync(new URL('odoo-sessions-week.csv', SAMPLE), 'utf8');
const xlsxBytes = new Uint8Array(readFileSync(new URL('odoo-sessions-week.xlsx', SAMPLE)));

function ok(table: Cell[][], mode: 'replay' | 'fit' = 'replay'): ImportSuccess {
  const r = importOdooSessions(table, { mode });
  if (!r.ok) throw new Error(r.error);
  return r;
}

const HEADER = ['Start Date of session', 'Channel', 'Operator', 'Duration', 'Time to answer (sec)'];

describe('columns', () => {
  it('are found by their English titles, whatever the case and punctuation', () => {
    const { mapping } = detectColumns([
      'start date of session',
      'Operator',
      'DURATION',
      'Channel',
      'Country of the visitor',
      'Session(s) without answer',
    ]);
    expect(mapping).toEqual({
      start: 0,
      operator: 1,
      duration: 2,
      channel: 3,
      country: 4,
      withoutAnswer: 5,
    });
  });
  it('can be chosen by title (--column role=TITLE), or a role ignored with an empty title', () => {
    const header = ['Date', 'Livechat', 'Length (s)', 'Channel'];
    const { mapping, errors } = detectColumns(header, {
      start: 'date',
      channel: 'Livechat',
      duration: 'Length (s)',
    });
    expect(errors).toEqual([]);
    expect(mapping).toEqual({ start: 0, channel: 1, duration: 2 });
    expect(detectColumns(['Channel'], { channel: '' }).mapping).toEqual({});
    expect(detectColumns(header, { start: 'When' }).errors).toEqual([
      '--column start: no column titled "When" (columns are "Date", "Livechat", "Length (s)", "Channel")',
    ]);
  });
});

describe('dates are the exporter’s wall-clock times', () => {
  it('read "YYYY-MM-DD HH:MM:SS" and Excel day numbers alike, without a time zone', () => {
    const a = wallClockSeconds('2026-03-03 09:15:00');
    expect(formatWallClock(a!)).toBe('2026-03-03 09:15:00');
    // Excel's day number for 2026-03-03 09:15 is 46084.385416…
    expect(wallClockSeconds(46084 + (9 * 3600 + 15 * 60) / 86400)).toBe(a);
    expect(wallClockSeconds('2026-03-03T09:15')).toBe(a);
    for (const bad of ['03/03/2026 09:15', '2026-02-30 10:00', '2026-03-03 25:00', 'yesterday', ''])
      expect(wallClockSeconds(bad)).toBeNull();
  });

  it('replay each session on its recorded weekday and time of day, in every time zone', async () => {
    const original = process.env.TZ;
    const results: string[] = [];
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham']) {
        process.env.TZ = tz;
        const fromXlsx = ok(await sessionsTable('week.xlsx', xlsxBytes));
        const fromCsv = ok(csvTable(csvText));
        expect(fromXlsx.scenario).toEqual(fromCsv.scenario);
        results.push(JSON.stringify(fromXlsx.scenario));
      }
    } finally {
      process.env.TZ = original;
    }
    expect(new Set(results).size).toBe(1);
    // The first data row is "2026-03-02 00:51:11" (a Monday): 51 min 11 s after time 0.
    const s = JSON.parse(results[0]);
    expect(s.startsAt).toEqual({ weekday: 'monday', time: '00:00' });
    expect(s.visitors[0].arrivals.trace[0]).toMatchObject({ at: 51 * 60 + 11, chatSeconds: 47 });
  });
});

describe('the sample export (public/samples)', () => {
  const replay = ok(csvTable(csvText));
  const fit = ok(csvTable(csvText), 'fit');

  it('is a synthetic week of about 3,000 sessions, with two broken rows reported by row and why', () => {
    expect(replay.sessions).toBeGreaterThan(2500);
    expect(replay.sessions).toBeLessThan(3500);
    expect(replay.rejected).toEqual([
      { row: 122, reason: 'no start date' },
      { row: 2002, reason: 'negative duration (-35)' },
    ]);
    expect(replay.report.days).toBe(7);
  });

  it('replays every session at its recorded second on its channel, with its recorded length', () => {
    const s = replay.scenario;
    expect(parseScenario(s)).toEqual({ ok: true, scenario: s });
    expect(s.durationMinutes).toBe(7 * 1440);
    expect(s.channels.map((c) => c.name)).toEqual(['Website', 'Customer Support']);
    const table = csvTable(csvText);
    const rows = table
      .slice(1)
      .filter((r) => r[0] !== '' && Number(r[3]) >= 0)
      .map((r) => ({
        at: wallClockSeconds(r[0] as string)! - wallClockSeconds('2026-03-02 00:00:00')!,
        channel: r[1],
        chatSeconds: Number(r[3]),
      }));
    const replayed = s.visitors.flatMap((v) =>
      v.arrivals!.trace.map((x) => ({
        at: x.at,
        channel: s.channels.find((c) => c.id === v.channel)!.name,
        chatSeconds: x.chatSeconds,
      })),
    );
    const key = (x: { at: number; channel: unknown; chatSeconds: number }) =>
      `${x.at}|${x.channel}|${x.chatSeconds}`;
    expect(replayed.map(key).sort()).toEqual(rows.map(key).sort());
  });

  it('names the operators of the file, with shifts from when they took sessions', () => {
    const ops = replay.scenario.operators;
    expect(ops.map((o) => o.name).sort()).toEqual([
      'Audrey Peterson',
      'Beth Evans',
      'Jeff Lawson',
      'Joel Willis',
      'Marc Demo',
      'Mitchell Admin',
    ]);
    const beth = ops.find((o) => o.name === 'Beth Evans')!;
    expect(beth.activity.kind).toBe('shifts');
    const days = beth.activity.kind === 'shifts' ? beth.activity.shifts.flatMap((x) => x.days) : [];
    expect(days.sort()).toEqual(['saturday', 'sunday']);
  });

  it('fits an hourly × weekday profile, a lognormal chat length and the country mix', () => {
    const s = fit.scenario;
    expect(parseScenario(s).ok).toBe(true);
    const web = s.visitors.find((v) => v.channel === 'website')!;
    const profile = web.arrivalsPerHour;
    if (typeof profile !== 'object') throw new Error('expected a profile');
    // Mean sessions per day in the profile = the website's sessions ÷ 7 days (rounding aside).
    const websiteSessions = replay.scenario.visitors.find((v) => v.channel === 'website')!.arrivals!
      .trace.length;
    const perDay = profile.byHour.reduce((a, b) => a + b, 0);
    expect(perDay).toBeCloseTo(websiteSessions / 7, 0);
    expect(profile.byWeekday.monday).toBeGreaterThan(1);
    expect(profile.byWeekday.sunday).toBeLessThan(0.5);
    expect(profile.byHour[10]).toBeGreaterThan(profile.byHour[3] * 5);
    expect(web.chatMinutes.dist).toBe('lognormal');
    const durations = web.arrivals?.trace ?? [];
    expect(durations).toEqual([]);
    expect(Object.keys(web.countries!).sort()).toEqual([
      'Belgium',
      'France',
      'Germany',
      'Netherlands',
      'United States',
    ]);
  });

  it('gives the same scenario from the CSV and the XLSX, in both modes', async () => {
    const table = await sessionsTable('odoo-sessions-week.xlsx', xlsxBytes);
    expect(ok(table).scenario).toEqual(replay.scenario);
    expect(ok(table, 'fit').scenario).toEqual(fit.scenario);
  });

  it('keeps the report’s own figures to set beside a replay', () => {
    expect(replay.report.meanTimeToAnswerSeconds).toBeGreaterThan(10);
    expect(replay.report.meanTimeToAnswerSeconds).toBeLessThan(60);
    expect(replay.report.withoutAnswerShare).toBeGreaterThan(0.01);
    expect(replay.report.withoutAnswerShare).toBeLessThan(0.1);
    expect(replay.report.sessionsPerHour.reduce((a, b) => a + b, 0) * 7).toBeCloseTo(
      replay.sessions,
      6,
    );
  });
});

describe('bad rows are skipped and counted, with why', () => {
  it('every kind', () => {
    const r = importOdooSessions(
      [
        HEADER,
        ['2026-03-02 09:00:00', 'Website', 'Marc', '300', '12'],
        ['', 'Website', 'Marc', '300', '12'],
        ['02/03/2026 09:00', 'Website', 'Marc', '300', '12'],
        ['2026-02-30 09:00:00', 'Website', 'Marc', '300', '12'],
        ['2026-03-02 10:00:00', 'Website', 'Marc', '', '12'],
        ['2026-03-02 10:00:00', 'Website', 'Marc', 'long', '12'],
        ['2026-03-02 10:00:00', 'Website', 'Marc', '-5', '12'],
        ['2026-03-02 10:00:00', '', 'Marc', '60', '12'],
        ['', '', '', '', ''],
        ['2026-03-02 11:00:00', 'Website', '', '60,5', ''],
      ],
      { mode: 'replay' },
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.sessions).toBe(2);
    expect(r.rejected).toEqual([
      { row: 3, reason: 'no start date' },
      {
        row: 4,
        reason:
          'start date "02/03/2026 09:00" is not a date and time (expected "YYYY-MM-DD HH:MM:SS")',
      },
      {
        row: 5,
        reason:
          'start date "2026-02-30 09:00:00" is not a date and time (expected "YYYY-MM-DD HH:MM:SS")',
      },
      { row: 6, reason: 'no duration' },
      { row: 7, reason: 'duration "long" is not a number' },
      { row: 8, reason: 'negative duration (-5)' },
      { row: 9, reason: 'no channel' },
    ]);
    // A decimal comma is read; a session without operator is still a visitor.
    expect(r.scenario.visitors[0].arrivals!.trace).toEqual([
      { at: 9 * 3600, chatSeconds: 300 },
      { at: 11 * 3600, chatSeconds: 60.5 },
    ]);
  });
  it('a duration column in minutes (Odoo 17+ "Duration of Session (min)") is read in minutes', () => {
    const r = ok([
      ['Start Date of session', 'Duration of Session (min)'],
      ['2026-03-02 09:00:00', '2.5'],
    ]);
    expect(r.scenario.visitors[0].arrivals!.trace).toEqual([{ at: 9 * 3600, chatSeconds: 150 }]);
    expect(r.scenario.channels).toEqual([{ id: 'website', name: 'Website', maxSessions: null }]);
  });
});

describe('a file with no usable row is refused with one line', () => {
  const refused = (table: Cell[][]) => {
    const r = importOdooSessions(table, { mode: 'replay' });
    return r.ok ? 'accepted' : r.error;
  };
  it('every kind', () => {
    expect(refused([])).toBe('the file is empty: no header row and no session');
    expect(refused([HEADER])).toBe('no usable row: the file has a header but no session');
    expect(
      refused([
        ['Channel', 'Duration'],
        ['Website', '3'],
      ]),
    ).toBe(
      'no start date column (looked for a title like "Start Date of session" or "Start Date"; choose it with --column start=TITLE)',
    );
    expect(
      refused([
        ['Start Date', 'Channel'],
        ['2026-03-02 09:00:00', 'Website'],
      ]),
    ).toBe(
      'no duration column (looked for a title like "Duration" or "Average duration"; choose it with --column duration=TITLE)',
    );
    expect(
      refused([
        HEADER,
        ['', 'Website', 'Marc', '1', '1'],
        ['2026-03-02 09:00:00', 'Website', 'Marc', '-1', '1'],
      ]),
    ).toBe('no usable row: all 2 rows were rejected (row 2: no start date)');
  });
});

describe('CLI import-odoo', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'import-odoo-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const o = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((c) => ((out += String(c)), true));
    const e = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((c) => ((err += String(c)), true));
    try {
      return { code: await main(['import-odoo', ...argv]), out, err };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }
  const sample = new URL('odoo-sessions-week.csv', SAMPLE).pathname;

  it('writes the scenario to --out and says what it read and skipped on stderr', async () => {
    const out = join(dir, 'replay.json');
    const r = await cli(sample, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written).toEqual(ok(csvTable(csvText)).scenario);
    expect(r.err.split('\n').slice(0, 3)).toEqual([
      `${written.visitors.reduce((n: number, v: { arrivals: { trace: unknown[] } }) => n + v.arrivals.trace.length, 0)} sessions read (replay), 2 rows skipped`,
      '  row 122: no start date',
      '  row 2002: negative duration (-35)',
    ]);
  });

  it('prints the fitted scenario on stdout with --mode fit, a valid scenario', async () => {
    const r = await cli(
      new URL('odoo-sessions-week.xlsx', SAMPLE).pathname,
      '--mode',
      'fit',
      '--languages',
      'en_US=3,fr_FR=1',
    );
    expect(r.code).toBe(0);
    const parsed = parseScenario(JSON.parse(r.out));
    if (!parsed.ok) throw new Error(formatErrors(parsed.errors).join('\n'));
    expect(parsed.scenario.languages).toEqual(['en_US', 'fr_FR']);
    expect(parsed.scenario.visitors[0].languages).toEqual({ en_US: 3, fr_FR: 1 });
  });

  it('refuses a bad file or flag with one line and exit 2, leaving --out as it was', async () => {
    const out = join(dir, 'kept.json');
    writeFileSync(out, 'what the user had');
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'Start Date of session,Duration\n');
    const garbage = join(dir, 'broken.xlsx');
    writeFileSync(garbage, 'PK not really a zip');
    const cases: [string[], RegExp][] = [
      [[empty, '--out', out], /empty\.csv: no usable row: the file has a header but no session$/],
      [[garbage, '--out', out], /broken\.xlsx: not a readable CSV or XLSX file \(.+\)$/],
      [[join(dir, 'missing.csv'), '--out', out], /missing\.csv: cannot read \(no such file\)$/],
      [[sample, '--mode', 'guess'], /^--mode: "guess" is not a mode \(valid: replay, fit\)$/m],
      [
        [sample, '--column', 'when=Date'],
        /^--column: expected ROLE=TITLE with ROLE one of start, /m,
      ],
      [[sample, '--column', 'start=When', '--out', out], /--column start: no column titled "When"/],
    ];
    for (const [argv, line] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim(), argv.join(' ')).toMatch(line);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(out, 'utf8')).toBe('what the user had');
    expect(existsSync(join(dir, 'missing.csv'))).toBe(false);
  });
});
