/**
 * Odoo's Sessions report (Live Chat → Reporting → Sessions, model `im_livechat.report.channel`),
 * exported as a table, translated into a scenario. Pure: rows in, a scenario and the rows it could
 * not use (with why) out. Reading the file (CSV, XLSX) happens at the edges (page, CLI).
 *
 * Dates in an export carry no time zone: Odoo writes them in the exporting user's time zone. They
 * are kept as wall-clock readings (year, month, day, hour, minute, second) and never converted, so a
 * session recorded on Tuesday at 09:15 replays on Tuesday at 09:15 wherever the import runs.
 */
import {
  SCENARIO_FORMAT,
  WEEKDAYS,
  type Dist,
  type Scenario,
  type Shift,
  type TraceArrival,
  type VisitorStream,
} from '../scenario/types.ts';

/** A cell as a table reader gives it. Dates arrive as text ("2026-03-02 09:15:00") or as an Excel day number. */
export type Cell = string | number | boolean | null | undefined;

/** What a column means to the import. */
export const COLUMN_ROLES = [
  'start',
  'channel',
  'operator',
  'duration',
  'timeToAnswer',
  'country',
  'rating',
  'withoutAnswer',
  'language',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** The English titles each role goes by across Odoo versions, compared without case or punctuation. */
export const COLUMN_TITLES: Record<ColumnRole, readonly string[]> = {
  start: ['Start Date of session', 'Start Date', 'Session Start', 'Creation Date', 'Created on'],
  channel: ['Channel', 'Live Chat Channel', 'Livechat Channel'],
  operator: ['Operator', 'Livechat Operator', 'Agent'],
  duration: ['Duration', 'Average duration', 'Duration of Session (min)', 'Session Duration'],
  timeToAnswer: ['Time to answer (sec)', 'Time to answer'],
  country: ['Country of the visitor', 'Country'],
  rating: ['Satisfaction Rate', 'Rating', 'Rating Text'],
  withoutAnswer: ['Session(s) without answer', 'Sessions without answer', 'Without answer'],
  language: ['Language', 'Visitor Language', 'Lang'],
};

/** Roles an import cannot do without. */
export const REQUIRED_ROLES: readonly ColumnRole[] = ['start', 'duration'];

/** What each role is called in messages and on the page. */
export const ROLE_LABELS: Record<ColumnRole, string> = {
  start: 'start date',
  channel: 'channel',
  operator: 'operator',
  duration: 'duration',
  timeToAnswer: 'time to answer',
  country: 'country',
  rating: 'satisfaction',
  withoutAnswer: 'without answer',
  language: 'language',
};

const squash = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Column index per role (absent: the file has no such column). */
export type ColumnMapping = Partial<Record<ColumnRole, number>>;

/**
 * Finds each role's column by its English title. `overrides` names a column by its exact title
 * (case and spaces aside) for a role, or '' to ignore the role. Returns the mapping and a line per
 * override that names no column.
 */
export function detectColumns(
  header: readonly Cell[],
  overrides: Partial<Record<ColumnRole, string>> = {},
): { mapping: ColumnMapping; errors: string[] } {
  const titles = header.map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  const squashed = titles.map(squash);
  const mapping: ColumnMapping = {};
  const errors: string[] = [];
  for (const role of COLUMN_ROLES) {
    const wanted = overrides[role];
    if (wanted !== undefined) {
      if (wanted.trim() === '') continue;
      const at = titles.findIndex((t) => t.toLowerCase() === wanted.trim().toLowerCase());
      if (at < 0) {
        errors.push(
          `--column ${role}: no column titled ${JSON.stringify(wanted)} (columns are ${titles.map((t) => JSON.stringify(t)).join(', ')})`,
        );
      } else mapping[role] = at;
      continue;
    }
    for (const title of COLUMN_TITLES[role]) {
      const at = squashed.indexOf(squash(title));
      if (at >= 0 && !Object.values(mapping).includes(at)) {
        mapping[role] = at;
        break;
      }
    }
  }
  return { mapping, errors };
}

/** Whether a duration column is in minutes (Odoo 17+: "Duration of Session (min)"), by its title. */
export function durationInMinutes(title: string): boolean {
  return /\bmin(ute)?s?\b|\(min\)/i.test(title);
}

// ---------------------------------------------------------------------------------------------
// Wall-clock dates, without a calendar library and without the platform's time zone

/** Days from 1970-01-01 to a civil date (proleptic Gregorian; H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (inverse of daysFromCivil). */
export function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** Monday = 0 … Sunday = 6 of a day number (1970-01-01 was a Thursday). */
export const weekdayOfDay = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** Days between Excel's day 0 (1899-12-30, with its 1900 leap-year quirk folded in) and 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * A start date as wall-clock seconds since 1970-01-01 00:00 *in the exporter's own time*, or null.
 * Takes "YYYY-MM-DD HH:MM[:SS]" (Odoo's export format; "T" also accepted) or an Excel day number.
 */
export function wallClockSeconds(cell: Cell): number | null {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell <= 0) return null;
    return Math.round((cell - EXCEL_EPOCH_DAYS) * 86400);
  }
  if (typeof cell !== 'string') return null;
  const m = DATE_TIME.exec(cell.trim());
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const day = daysFromCivil(y, mo, d);
  if (civilFromDays(day).d !== d) return null; // 2026-02-30
  return day * 86400 + h * 3600 + mi * 60 + s;
}

/** "2026-03-02 09:15:00" for wall-clock seconds (the form the import reads back). */
export function formatWallClock(seconds: number): string {
  const day = Math.floor(seconds / 86400);
  const { y, m, d } = civilFromDays(day);
  const rest = seconds - day * 86400;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${y}-${p(m)}-${p(d)} ${p(Math.floor(rest / 3600))}:${p(Math.floor((rest % 3600) / 60))}:${p(rest % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Rows

/** One session read from the report. */
export interface SessionRow {
  /** 1-based row of the table, the header being row 1 (as a spreadsheet numbers them). */
  row: number;
  /** Wall-clock seconds since 1970-01-01, exporter's time. */
  start: number;
  channel: string;
  operator?: string;
  durationSeconds: number;
  timeToAnswerSeconds?: number;
  country?: string;
  lang?: string;
  rating?: string;
  withoutAnswer: boolean;
}

export interface RejectedRow {
  row: number;
  reason: string;
}

const isBlank = (c: Cell) =>
  c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
const textOf = (c: Cell) => (isBlank(c) ? undefined : String(c).trim());

function numberOf(c: Cell): number | null {
  if (typeof c === 'number') return Number.isFinite(c) ? c : null;
  if (typeof c !== 'string') return null;
  const t = c.trim().replace(/,(\d+)$/, '.$1');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

function truthy(c: Cell): boolean {
  if (typeof c === 'boolean') return c;
  if (typeof c === 'number') return c > 0;
  const t = (textOf(c) ?? '').toLowerCase();
  return t === 'true' || t === 'yes' || t === '1' || (numberOf(t) ?? 0) > 0;
}

/** The channel of a file with no Channel column. */
export const DEFAULT_CHANNEL_NAME = 'Website';

/**
 * Reads every data row (the header is row 1); blank rows are passed over. A row without a usable
 * start date or duration, with a negative duration or without a channel is rejected, with why.
 */
export function readSessionRows(
  table: readonly (readonly Cell[])[],
  mapping: ColumnMapping,
  durationUnitSeconds = 1,
): { sessions: SessionRow[]; rejected: RejectedRow[] } {
  const sessions: SessionRow[] = [];
  const rejected: RejectedRow[] = [];
  const cell = (r: readonly Cell[], role: ColumnRole): Cell =>
    mapping[role] === undefined ? undefined : r[mapping[role]!];
  for (let i = 1; i < table.length; i++) {
    const r = table[i];
    const row = i + 1;
    if (r.every(isBlank)) continue;
    const reject = (reason: string) => rejected.push({ row, reason });
    const rawStart = cell(r, 'start');
    if (isBlank(rawStart)) {
      reject('no start date');
      continue;
    }
    const start = wallClockSeconds(rawStart);
    if (start === null) {
      reject(
        `start date ${JSON.stringify(String(rawStart))} is not a date and time (expected "YYYY-MM-DD HH:MM:SS")`,
      );
      continue;
    }
    const rawDuration = cell(r, 'duration');
    if (isBlank(rawDuration)) {
      reject('no duration');
      continue;
    }
    const duration = numberOf(rawDuration);
    if (duration === null) {
      reject(`duration ${JSON.stringify(String(rawDuration))} is not a number`);
      continue;
    }
    if (duration < 0) {
      reject(`negative duration (${duration})`);
      continue;
    }
    let channel: string = DEFAULT_CHANNEL_NAME;
    if (mapping.channel !== undefined) {
      const c = textOf(cell(r, 'channel'));
      if (c === undefined) {
        reject('no channel');
        continue;
      }
      channel = c;
    }
    const session: SessionRow = {
      row,
      start,
      channel,
      durationSeconds: duration * durationUnitSeconds,
      withoutAnswer: truthy(cell(r, 'withoutAnswer')),
    };
    const operator = textOf(cell(r, 'operator'));
    if (operator !== undefined) session.operator = operator;
    const answer = numberOf(cell(r, 'timeToAnswer'));
    if (answer !== null && answer >= 0) session.timeToAnswerSeconds = answer;
    const country = textOf(cell(r, 'country'));
    if (country !== undefined) session.country = country;
    const lang = textOf(cell(r, 'language'));
    if (lang !== undefined) session.lang = lang;
    const rating = textOf(cell(r, 'rating'));
    if (rating !== undefined) session.rating = rating;
    sessions.push(session);
  }
  return { sessions, rejected };
}

// ---------------------------------------------------------------------------------------------
// The report's own figures, to set beside a replay's

export interface ReportFigures {
  sessions: number;
  /** Sessions per hour of the day (0–23), averaged over the days the file covers. */
  sessionsPerHour: number[];
  /** Sessions per weekday (Monday first) and hour: [7][24] counts. */
  byWeekdayHour: number[][];
  /** Mean "Time to answer (sec)" over the answered sessions that have one; null without the column. */
  meanTimeToAnswerSeconds: number | null;
  /** Share of sessions without answer; null without the column. */
  withoutAnswerShare: number | null;
  days: number;
}

export function reportFigures(
  sessions: readonly SessionRow[],
  mapping: ColumnMapping,
): ReportFigures {
  const byWeekdayHour = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  let first = Infinity;
  let last = -Infinity;
  for (const s of sessions) {
    const day = Math.floor(s.start / 86400);
    byWeekdayHour[weekdayOfDay(day)][Math.floor((s.start % 86400) / 3600)]++;
    first = Math.min(first, day);
    last = Math.max(last, day);
  }
  const days = sessions.length > 0 ? last - first + 1 : 0;
  const sessionsPerHour = Array.from({ length: 24 }, (_, h) =>
    days > 0 ? byWeekdayHour.reduce((sum, d) => sum + d[h], 0) / days : 0,
  );
  const answered = sessions.filter((s) => !s.withoutAnswer && s.timeToAnswerSeconds !== undefined);
  return {
    sessions: sessions.length,
    sessionsPerHour,
    byWeekdayHour,
    meanTimeToAnswerSeconds:
      mapping.timeToAnswer === undefined || answered.length === 0
        ? null
        : answered.reduce((sum, s) => sum + s.timeToAnswerSeconds!, 0) / answered.length,
    withoutAnswerShare:
      mapping.withoutAnswer === undefined || sessions.length === 0
        ? null
        : sessions.filter((s) => s.withoutAnswer).length / sessions.length,
    days,
  };
}

// ---------------------------------------------------------------------------------------------
// Sessions → scenario

export type ImportMode = 'replay' | 'fit';

export interface ImportOptions {
  mode: ImportMode;
  /** Column titles chosen by the user, per role ('' = ignore that column). */
  columns?: Partial<Record<ColumnRole, string>>;
  /** Language mix for sessions the file gives no language (Odoo codes → weights). Default en_US. */
  languages?: Record<string, number>;
  /** The scenario's name. */
  name?: string;
}

export interface ImportSuccess {
  ok: true;
  scenario: Scenario;
  mapping: ColumnMapping;
  /** The titles of the table's header, for the mapping step. */
  header: string[];
  sessions: number;
  rejected: RejectedRow[];
  report: ReportFigures;
}

export type ImportResult =
  ImportSuccess | { ok: false; error: string; header?: string[]; mapping?: ColumnMapping };

/** `"Customer Support"` → `"customer-support"`, unique among `taken`. */
function slug(name: string, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  if (xs.length === 0) return { mean: 0, sd: 0 };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance =
    xs.length > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance) };
}

/** A lognormal with the durations' mean and sd (minutes), or fixed when they are all alike. */
export function fitChatMinutes(seconds: readonly number[]): Dist {
  const { mean, sd } = meanSd(seconds);
  const round = (x: number) => Math.round((x / 60) * 1000) / 1000;
  if (mean <= 0 || round(mean) <= 0) return { dist: 'fixed', value: round(mean) };
  return { dist: 'lognormal', mean: round(mean), sd: round(sd) };
}

const count = <T extends string>(xs: readonly (T | undefined)[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) if (x !== undefined) out[x] = (out[x] ?? 0) + 1;
  return out;
};

const hhmm = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * Each operator's shifts, from when they took sessions: per weekday, from the hour of their first
 * session to the hour after their last one ended (at most midnight); weekdays with the same hours
 * share one shift.
 */
export function shiftsFromSessions(sessions: readonly SessionRow[]): Shift[] {
  const span = new Map<number, { from: number; to: number }>();
  for (const s of sessions) {
    const day = Math.floor(s.start / 86400);
    const second = s.start - day * 86400;
    const from = Math.floor(second / 3600);
    const to = Math.min(24, Math.ceil((second + Math.max(1, s.durationSeconds)) / 3600));
    const wd = weekdayOfDay(day);
    const cur = span.get(wd);
    span.set(wd, cur ? { from: Math.min(cur.from, from), to: Math.max(cur.to, to) } : { from, to });
  }
  const byHours = new Map<string, Shift>();
  for (let wd = 0; wd < 7; wd++) {
    const s = span.get(wd);
    if (!s) continue;
    const key = `${s.from}-${s.to}`;
    const shift = byHours.get(key);
    if (shift) shift.days.push(WEEKDAYS[wd]);
    else byHours.set(key, { days: [WEEKDAYS[wd]], from: hhmm(s.from), to: hhmm(s.to) });
  }
  return [...byHours.values()];
}

/**
 * The file's arrivals as an hourly × weekday profile: byHour is the mean sessions per hour of the
 * day over the days covered; byWeekday scales each weekday by its share of the traffic (1 = an
 * average day). Days the file does not cover keep factor 1.
 */
export function fitProfile(
  sessions: readonly SessionRow[],
  firstDay: number,
  days: number,
): { byHour: number[]; byWeekday: Record<(typeof WEEKDAYS)[number], number> } {
  const occurrences = new Array<number>(7).fill(0);
  for (let d = firstDay; d < firstDay + days; d++) occurrences[weekdayOfDay(d)]++;
  const perDayHour = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  for (const s of sessions) {
    const day = Math.floor(s.start / 86400);
    perDayHour[weekdayOfDay(day)][Math.floor((s.start - day * 86400) / 3600)]++;
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const byHour = Array.from({ length: 24 }, (_, h) =>
    round(perDayHour.reduce((sum, d) => sum + d[h], 0) / days),
  );
  const meanDaily = sessions.length / days;
  const byWeekday = Object.fromEntries(
    WEEKDAYS.map((name, wd) => {
      const total = perDayHour[wd].reduce((a, b) => a + b, 0);
      return [
        name,
        occurrences[wd] > 0 && meanDaily > 0 ? round(total / occurrences[wd] / meanDaily) : 1,
      ];
    }),
  ) as Record<(typeof WEEKDAYS)[number], number>;
  return { byHour, byWeekday };
}

/**
 * The whole import: finds the columns, reads the rows, and builds a replay (one trace stream per
 * channel) or a fitted scenario (a profile per channel, a lognormal chat length). Operators are the
 * ones named in the file, on the channels they served, with shifts from when they took sessions.
 * A file with no usable row is refused with one line.
 */
export function importOdooSessions(
  table: readonly (readonly Cell[])[],
  options: ImportOptions,
): ImportResult {
  if (table.length === 0 || table[0].every(isBlank))
    return { ok: false, error: 'the file is empty: no header row and no session' };
  const header = table[0].map((h) => (isBlank(h) ? '' : String(h).trim()));
  const { mapping, errors } = detectColumns(header, options.columns);
  if (errors.length > 0) return { ok: false, error: errors[0], header, mapping };
  for (const role of REQUIRED_ROLES) {
    if (mapping[role] === undefined) {
      return {
        ok: false,
        error: `no ${ROLE_LABELS[role]} column (looked for a title like ${COLUMN_TITLES[role]
          .map((t) => JSON.stringify(t))
          .slice(0, 2)
          .join(' or ')}; choose it with --column ${role}=TITLE)`,
        header,
        mapping,
      };
    }
  }
  const unit = durationInMinutes(header[mapping.duration!]) ? 60 : 1;
  const { sessions, rejected } = readSessionRows(table, mapping, unit);
  if (sessions.length === 0) {
    const rows = rejected.length;
    return {
      ok: false,
      error:
        rows === 0
          ? 'no usable row: the file has a header but no session'
          : `no usable row: all ${rows} row${rows === 1 ? ' was' : 's were'} rejected (row ${rejected[0].row}: ${rejected[0].reason})`,
      header,
      mapping,
    };
  }
  sessions.sort((a, b) => a.start - b.start || a.row - b.row);
  const firstDay = Math.floor(sessions[0].start / 86400);
  const lastSecond = Math.max(...sessions.map((s) => s.start));
  const days = Math.floor(lastSecond / 86400) - firstDay + 1;
  const origin = firstDay * 86400;

  const fileLangs = count(sessions.map((s) => s.lang));
  const mix =
    options.languages && Object.keys(options.languages).length > 0
      ? options.languages
      : { en_US: 1 };
  const languages = [...new Set([...Object.keys(mix), ...Object.keys(fileLangs)])];
  const channelIds = new Set<string>();
  const channelNames = [...new Set(sessions.map((s) => s.channel))];
  const channels = channelNames.map((name) => ({
    id: slug(name, channelIds),
    name,
    maxSessions: null,
  }));
  const channelOf = new Map(channelNames.map((n, i) => [n, channels[i].id]));

  const operatorIds = new Set<string>();
  const operatorNames = [...new Set(sessions.flatMap((s) => (s.operator ? [s.operator] : [])))];
  const operators: Scenario['operators'] = operatorNames.map((name) => {
    const own = sessions.filter((s) => s.operator === name);
    return {
      id: slug(name, operatorIds),
      name,
      // The report does not say what operators speak: they take every language, so the replay
      // measures staffing and routing, not a language gap the file cannot show.
      lang: languages[0],
      extraLanguages: languages.slice(1),
      expertises: [],
      channels: [...new Set(own.map((s) => channelOf.get(s.channel)!))],
      activity: { kind: 'shifts', shifts: shiftsFromSessions(own), breaks: [] },
    };
  });

  const visitors: VisitorStream[] = channels.map((ch) => {
    const own = sessions.filter((s) => channelOf.get(s.channel) === ch.id);
    const countries = count(own.map((s) => s.country));
    const stream: VisitorStream = {
      channel: ch.id,
      languages: { ...mix },
      expertises: [],
      returningFraction: 0,
      chatMinutes: fitChatMinutes(own.map((s) => s.durationSeconds)),
    };
    if (Object.keys(countries).length > 0) stream.countries = countries;
    if (options.mode === 'replay') {
      stream.arrivals = {
        trace: own.map((s) => {
          const x: TraceArrival = { at: s.start - origin, chatSeconds: s.durationSeconds };
          if (s.lang !== undefined) x.lang = s.lang;
          if (s.country !== undefined) x.country = s.country;
          return x;
        }),
      };
    } else {
      stream.arrivalsPerHour = fitProfile(own, firstDay, days);
      const langs = count(own.map((s) => s.lang));
      if (Object.keys(langs).length > 0) stream.languages = langs;
    }
    // Key order as the format documents it.
    const { channel, arrivalsPerHour, arrivals, ...rest } = stream;
    return {
      channel,
      ...(arrivalsPerHour !== undefined && { arrivalsPerHour }),
      ...(arrivals && { arrivals }),
      ...rest,
    };
  });

  const first = sessions[0].start;
  const last = sessions[sessions.length - 1].start;
  const name =
    options.name ??
    `Odoo sessions ${formatWallClock(first).slice(0, 10)} to ${formatWallClock(last).slice(0, 10)} (${options.mode})`;
  const scenario: Scenario = {
    format: SCENARIO_FORMAT,
    name,
    description: `${options.mode === 'replay' ? 'Replays' : 'Fitted to'} ${sessions.length} sessions of an Odoo Sessions report${rejected.length > 0 ? ` (${rejected.length} rows skipped)` : ''}. Times are the exporter's wall-clock times.`,
    seed: 1,
    durationMinutes: days * 1440,
    startsAt: { weekday: WEEKDAYS[weekdayOfDay(firstDay)], time: '00:00' },
    policy: 'odoo',
    whenNoOperator: 'unavailable',
    inactivity: { timeoutMinutes: 30, effect: 'remove' },
    serviceLevelSeconds: 20,
    languages,
    channels,
    operators,
    visitors,
  };
  return {
    ok: true,
    scenario,
    mapping,
    header,
    sessions: sessions.length,
    rejected,
    report: reportFigures(sessions, mapping),
  };
}
