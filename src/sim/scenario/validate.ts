/**
 * Reading a scenario file: shape check (schema.ts), then the checks that span fields (references,
 * enabled languages, overlapping breaks), then the defaults (defaults.ts).
 *
 * Every problem is one `{path, message}`, printed as one line `path: message`, e.g.
 * `operators[2].lang: "de_DE" is not an enabled language`. All problems are reported, not just the
 * first, so an author can fix a file in one pass. Nothing here throws on bad input: a scenario may
 * be an untrusted file a trainer imported.
 */
import * as v from 'valibot';
import { SCENARIO_DEFAULTS } from './defaults.ts';
import { findJsonSyntaxError, lineColumn } from './json-syntax.ts';
import { ScenarioSchema, type ScenarioShape } from './schema.ts';
import {
  WEEKDAYS,
  type Activity,
  type ArrivalProfile,
  type Break,
  type Dist,
  type Operator,
  type Scenario,
  type TraceArrival,
  type VisitorStream,
} from './types.ts';
import { DEFAULT_STARTS_AT, overlappingShifts, shiftIntervals, shiftMinutes } from './week.ts';

export interface ScenarioError {
  /** Field path like `operators[2].lang`; `scenario` for the whole file; '' for a JSON syntax error. */
  path: string;
  message: string;
  /** Where a JSON syntax error is (1-based), when the input was text. */
  line?: number;
  column?: number;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** The path of the whole file, for problems that belong to no one field. */
export const ROOT_PATH = 'scenario';

type PathItem = string | number;

/** `['operators', 2, 'lang']` → `operators[2].lang`; odd keys are quoted: `languages["zh-CN x"]`. */
export function formatPath(items: readonly PathItem[]): string {
  let out = '';
  for (const item of items) {
    if (typeof item === 'number') out += `[${item}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(item)) out += out === '' ? item : `.${item}`;
    else out += `[${JSON.stringify(item)}]`;
  }
  return out === '' ? ROOT_PATH : out;
}

/** One line per problem: `path: message`. */
export function formatError(error: ScenarioError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

export function formatErrors(errors: readonly ScenarioError[]): string[] {
  return errors.map(formatError);
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  const items: PathItem[] = (issue.path ?? []).map((p) =>
    typeof p.key === 'number' ? p.key : String(p.key),
  );
  return formatPath(items);
}

/**
 * Checks `input` (a parsed JSON value) against scenario format v1 and returns the normalized
 * scenario, every default filled in, or every problem found.
 */
export function parseScenario(input: unknown): ParseResult {
  if (Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ path: ROOT_PATH, message: 'expected an object, got an array' }],
    };
  }
  // One problem per field: `1.5` is "not an integer", without also being "not a safe integer".
  const shape = v.safeParse(ScenarioSchema, input, { abortPipeEarly: true });
  const errors: ScenarioError[] = shape.success
    ? []
    : shape.issues.map((issue) => ({ path: issuePath(issue), message: issue.message }));
  // Cross-field checks read the raw input defensively, so a file with a type error somewhere still
  // gets its unknown references and overlapping breaks reported in the same pass.
  errors.push(...crossCheck(input));
  if (!shape.success || errors.length > 0) return { ok: false, errors: dedupe(errors) };
  return { ok: true, scenario: normalize(shape.output) };
}

/**
 * The same for the text of a file: invalid JSON gives one error with its line and column, e.g.
 * `invalid JSON at line 3, column 18: expected "," or "}" after a property value`.
 */
export function parseScenarioText(text: string): ParseResult {
  // A byte order mark is invisible in editors and JSON.parse rejects it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch (e) {
    const found = findJsonSyntaxError(body);
    if (found) {
      return {
        ok: false,
        errors: [
          {
            path: '',
            line: found.line,
            column: found.column,
            message: `invalid JSON at line ${found.line}, column ${found.column}: ${found.message}`,
          },
        ],
      };
    }
    // Our scanner and the platform disagree: fall back on the platform's words.
    const offset = /position (\d+)/.exec(String(e))?.[1];
    const where = offset === undefined ? undefined : lineColumn(body, Number(offset));
    return {
      ok: false,
      errors: [
        {
          path: '',
          ...where,
          message: `invalid JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${e instanceof Error ? e.message : String(e)}`,
        },
      ],
    };
  }
  return parseScenario(input);
}

function dedupe(errors: ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const line = formatError(e);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Cross-field checks, on raw input: each looks at a field only if it has the right type (the shape
// check reports the wrong ones).

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const isText = (x: unknown): x is string => typeof x === 'string' && x !== '';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const quote = (x: string) => JSON.stringify(x);

/** The mean of a distribution, when its parameters are readable. */
function distMean(d: unknown): number | undefined {
  if (!isObject(d)) return undefined;
  switch (d.dist) {
    case 'exponential':
    case 'lognormal':
      return isNum(d.mean) ? d.mean : undefined;
    case 'fixed':
      return isNum(d.value) ? d.value : undefined;
    case 'uniform':
      return isNum(d.min) && isNum(d.max) ? (d.min + d.max) / 2 : undefined;
    default:
      return undefined;
  }
}

function crossCheck(input: unknown): ScenarioError[] {
  const errors: ScenarioError[] = [];
  if (!isObject(input)) return errors;
  const err = (path: PathItem[], message: string) =>
    errors.push({ path: formatPath(path), message });

  /** Reports repeats in a list of strings; returns the distinct ones. */
  const distinct = (
    items: unknown[],
    path: (i: number) => PathItem[],
    what: (first: number) => string,
  ): Set<string> => {
    const firstAt = new Map<string, number>();
    items.forEach((x, i) => {
      if (!isText(x)) return;
      const first = firstAt.get(x);
      if (first === undefined) firstAt.set(x, i);
      else err(path(i), what(first));
    });
    return new Set(firstAt.keys());
  };

  // valibot takes an array where an object is due (and `[]` for `inactivity` would pass as {}).
  const notArray = (x: unknown, path: PathItem[]) => {
    if (Array.isArray(x)) err(path, 'expected an object, got an array');
  };
  notArray(input.inactivity, ['inactivity']);
  notArray(input.startsAt, ['startsAt']);
  list(input.channels).forEach((c, i) => notArray(c, ['channels', i]));
  list(input.operators).forEach((o, i) => {
    notArray(o, ['operators', i]);
    if (!isObject(o)) return;
    notArray(o.activity, ['operators', i, 'activity']);
    if (!isObject(o.activity)) return;
    for (const key of ['everyMinutes', 'minutes'])
      notArray(o.activity[key], ['operators', i, 'activity', key]);
    list(o.activity.breaks).forEach((b, j) =>
      notArray(b, ['operators', i, 'activity', 'breaks', j]),
    );
    list(o.activity.shifts).forEach((b, j) =>
      notArray(b, ['operators', i, 'activity', 'shifts', j]),
    );
  });
  list(input.visitors).forEach((w, i) => {
    notArray(w, ['visitors', i]);
    if (!isObject(w)) return;
    for (const key of ['languages', 'countries', 'chatMinutes', 'patienceMinutes', 'arrivals']) {
      notArray(w[key], ['visitors', i, key]);
    }
    if (isObject(w.arrivalsPerHour))
      notArray(w.arrivalsPerHour.byWeekday, ['visitors', i, 'arrivalsPerHour', 'byWeekday']);
    if (isObject(w.arrivals))
      list(w.arrivals.trace).forEach((x, j) =>
        notArray(x, ['visitors', i, 'arrivals', 'trace', j]),
      );
  });

  const languagesKnown = Array.isArray(input.languages);
  const enabled = distinct(
    list(input.languages),
    (i) => ['languages', i],
    (first) => `is listed twice (also languages[${first}])`,
  );
  const checkLanguage = (code: unknown, path: PathItem[]) => {
    if (languagesKnown && isText(code) && !enabled.has(code)) {
      err(path, `${quote(code)} is not an enabled language`);
    }
  };

  const channels = list(input.channels);
  const channelsKnown = Array.isArray(input.channels);
  const channelIds = distinct(
    channels.map((c) => (isObject(c) ? c.id : undefined)),
    (i) => ['channels', i, 'id'],
    (first) => `duplicate channel id (also channels[${first}])`,
  );
  const channelHint = () =>
    channelIds.size === 0
      ? 'no channel has a valid id'
      : `channels are ${[...channelIds].map(quote).join(', ')}`;
  const checkChannel = (id: unknown, path: PathItem[]) => {
    if (channelsKnown && isText(id) && !channelIds.has(id)) {
      err(path, `unknown channel ${quote(id)} (${channelHint()})`);
    }
  };

  const operators = list(input.operators);
  distinct(
    operators.map((o) => (isObject(o) ? o.id : undefined)),
    (i) => ['operators', i, 'id'],
    (first) => `duplicate operator id (also operators[${first}])`,
  );
  let trainee: number | undefined;
  operators.forEach((op, i) => {
    if (!isObject(op)) return;
    checkLanguage(op.lang, ['operators', i, 'lang']);
    const extra = list(op.extraLanguages);
    extra.forEach((code, j) => checkLanguage(code, ['operators', i, 'extraLanguages', j]));
    distinct(
      extra,
      (j) => ['operators', i, 'extraLanguages', j],
      (first) => `is listed twice (also extraLanguages[${first}])`,
    );
    const member = list(op.channels);
    member.forEach((id, j) => checkChannel(id, ['operators', i, 'channels', j]));
    distinct(
      member,
      (j) => ['operators', i, 'channels', j],
      (first) => `is listed twice (also channels[${first}])`,
    );
    const activity = op.activity;
    if (!isObject(activity)) return;
    if (activity.kind === 'trainee') {
      if (trainee === undefined) trainee = i;
      else {
        err(
          ['operators', i, 'activity', 'kind'],
          `only one trainee operator is allowed (operators[${trainee}] is the trainee)`,
        );
      }
    } else if (activity.kind === 'breaks') {
      checkBreaks(list(activity.breaks), ['operators', i, 'activity', 'breaks'], err);
    } else if (activity.kind === 'shifts') {
      checkShifts(activity, ['operators', i, 'activity'], err);
    } else if (activity.kind === 'random-breaks') {
      // A zero gap between breaks would schedule infinitely many breaks at one instant.
      const every = distMean(activity.everyMinutes);
      if (every !== undefined && every <= 0) {
        err(
          ['operators', i, 'activity', 'everyMinutes'],
          'the time between breaks must be more than 0 minutes on average',
        );
      }
    }
  });

  const horizon = isNum(input.durationMinutes) ? input.durationMinutes * 60 : undefined;
  list(input.visitors).forEach((stream, i) => {
    if (!isObject(stream)) return;
    checkChannel(stream.channel, ['visitors', i, 'channel']);
    const hasRate = stream.arrivalsPerHour !== undefined;
    const hasTrace = stream.arrivals !== undefined;
    if (hasRate && hasTrace) {
      err(
        ['visitors', i, 'arrivals'],
        'a stream has either arrivalsPerHour or arrivals.trace, not both',
      );
    } else if (!hasRate && !hasTrace) {
      err(['visitors', i, 'arrivalsPerHour'], 'required field is missing (or give arrivals.trace)');
    }
    if (!hasTrace && stream.chatMinutes === undefined) {
      err(['visitors', i, 'chatMinutes'], 'required field is missing');
    }
    if (isObject(stream.arrivals)) {
      list(stream.arrivals.trace).forEach((x, j) => {
        if (!isObject(x)) return;
        const path = ['visitors', i, 'arrivals', 'trace', j];
        checkLanguage(x.lang, [...path, 'lang']);
        if (horizon !== undefined && isNum(x.at) && x.at >= horizon) {
          err(
            [...path, 'at'],
            `${x.at} s is not before the end of the run (durationMinutes ${input.durationMinutes} = ${horizon} s)`,
          );
        }
      });
    }
    if (isObject(stream.languages)) {
      for (const code of Object.keys(stream.languages)) {
        checkLanguage(code, ['visitors', i, 'languages', code]);
      }
    }
  });
  return errors;
}

/** Breaks of one operator must not overlap; reported against the later one, in time order. */
function checkBreaks(
  breaks: unknown[],
  path: PathItem[],
  err: (path: PathItem[], message: string) => void,
) {
  const readable = breaks
    .map((b, index) => ({ b, index }))
    .filter(
      (x): x is { b: Break; index: number } =>
        isObject(x.b) && isNum(x.b.atMinute) && isNum(x.b.minutes) && x.b.minutes > 0,
    )
    .sort((x, y) => x.b.atMinute - y.b.atMinute || x.index - y.index);
  for (let k = 1; k < readable.length; k++) {
    const earlier = readable[k - 1];
    const later = readable[k];
    const end = earlier.b.atMinute + earlier.b.minutes;
    if (later.b.atMinute < end) {
      err(
        [...path, later.index, 'atMinute'],
        `overlaps breaks[${earlier.index}] (minutes ${earlier.b.atMinute} to ${end})`,
      );
    }
  }
}

/**
 * A shift's days must be distinct, no two stretches of one operator's week may overlap (the week
 * wraps: a Sunday night shift runs into Monday), and breaks must end within the shortest shift.
 */
function checkShifts(
  activity: Json,
  path: PathItem[],
  err: (path: PathItem[], message: string) => void,
) {
  const shifts = list(activity.shifts);
  const readable = shifts.filter(
    (x): x is { days: (typeof WEEKDAYS)[number][]; from: string; to: string } =>
      isObject(x) &&
      Array.isArray(x.days) &&
      x.days.every((d) => (WEEKDAYS as readonly unknown[]).includes(d)) &&
      typeof x.from === 'string' &&
      typeof x.to === 'string',
  );
  shifts.forEach((x, j) => {
    if (!isObject(x)) return;
    const seen = new Map<unknown, number>();
    list(x.days).forEach((d, k) => {
      const first = seen.get(d);
      if (first === undefined) seen.set(d, k);
      else err([...path, 'shifts', j, 'days', k], `is listed twice (also days[${first}])`);
    });
  });
  const index = (x: unknown) => shifts.indexOf(x);
  const intervals = shiftIntervals(readable).map((iv) => ({
    ...iv,
    shift: index(readable[iv.shift]),
  }));
  const reported = new Set<string>();
  for (const [a, b] of overlappingShifts(intervals)) {
    if (a.shift === b.shift && a.day === b.day) continue;
    const later = a.shift > b.shift || (a.shift === b.shift && a.start < b.start) ? a : b;
    const other = later === a ? b : a;
    const key = `${later.shift}:${other.shift}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const o = shifts[other.shift] as { from: string; to: string };
    err(
      [...path, 'shifts', later.shift],
      other.shift === later.shift
        ? `overlaps itself: on ${other.day} it runs into ${later.day} (${o.from} to ${o.to})`
        : `overlaps shifts[${other.shift}] on ${later.day} (shifts[${other.shift}] runs ${o.from} to ${o.to} from ${other.day})`,
    );
  }
  const breaks = list(activity.breaks);
  checkBreaks(breaks, [...path, 'breaks'], err);
  if (readable.length === 0) return;
  const shortest = Math.min(...readable.map((x) => shiftMinutes(x)));
  breaks.forEach((b, j) => {
    if (!isObject(b) || !isNum(b.atMinute) || !isNum(b.minutes)) return;
    if (b.atMinute + b.minutes > shortest) {
      err(
        [...path, 'breaks', j],
        `ends ${b.atMinute + b.minutes} minutes after the shift starts, after the end of the shortest shift (${shortest} minutes)`,
      );
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Defaults

const copyDist = (d: Dist): Dist => ({ ...d });

function normalizeActivity(a: ScenarioShape['operators'][number]['activity']): Activity {
  if (a === undefined) return { ...SCENARIO_DEFAULTS.operator.activity };
  switch (a.kind) {
    case 'breaks':
      return {
        kind: 'breaks',
        breaks: a.breaks
          .map((b) => ({ atMinute: b.atMinute, minutes: b.minutes }))
          .sort((x, y) => x.atMinute - y.atMinute),
      };
    case 'random-breaks':
      return {
        kind: 'random-breaks',
        everyMinutes: copyDist(a.everyMinutes),
        minutes: copyDist(a.minutes),
      };
    case 'shifts':
      return {
        kind: 'shifts',
        shifts: a.shifts.map((x) => ({ days: [...x.days], from: x.from, to: x.to })),
        breaks: (a.breaks ?? [])
          .map((b) => ({ atMinute: b.atMinute, minutes: b.minutes }))
          .sort((x, y) => x.atMinute - y.atMinute),
      };
    default:
      return { kind: a.kind };
  }
}

type StreamShape = ScenarioShape['visitors'][number];

function normalizeRate(r: NonNullable<StreamShape['arrivalsPerHour']>): number | ArrivalProfile {
  if (typeof r === 'number') return r;
  const byWeekday = Object.fromEntries(
    WEEKDAYS.map((d) => [d, r.byWeekday?.[d] ?? 1]),
  ) as ArrivalProfile['byWeekday'];
  return { byHour: [...r.byHour], byWeekday };
}

function normalizeTrace(trace: NonNullable<StreamShape['arrivals']>['trace']): TraceArrival[] {
  return trace
    .map((x) => {
      const out: TraceArrival = { at: x.at, chatSeconds: x.chatSeconds };
      if (x.lang !== undefined) out.lang = x.lang;
      if (x.country !== undefined) out.country = x.country;
      return out;
    })
    .sort((a, b) => a.at - b.at);
}

/** A trace stream without chatMinutes: the recorded lengths' mean, for staffing estimates. */
function traceChatMinutes(trace: readonly TraceArrival[]): Dist {
  const total = trace.reduce((sum, x) => sum + x.chatSeconds, 0);
  return { dist: 'fixed', value: trace.length > 0 ? total / trace.length / 60 : 0 };
}

function normalize(s: ScenarioShape): Scenario {
  const d = SCENARIO_DEFAULTS;
  const scenario: Scenario = {
    format: s.format,
    name: s.name,
    ...(s.description !== undefined && { description: s.description }),
    seed: s.seed ?? d.seed,
    durationMinutes: s.durationMinutes,
    ...(s.startsAt !== undefined && {
      startsAt: {
        weekday: s.startsAt.weekday ?? DEFAULT_STARTS_AT.weekday,
        time: s.startsAt.time ?? DEFAULT_STARTS_AT.time,
      },
    }),
    policy: s.policy ?? d.policy,
    whenNoOperator: s.whenNoOperator ?? d.whenNoOperator,
    inactivity: {
      timeoutMinutes: s.inactivity?.timeoutMinutes ?? d.inactivity.timeoutMinutes,
      effect: s.inactivity?.effect ?? d.inactivity.effect,
    },
    serviceLevelSeconds: s.serviceLevelSeconds ?? d.serviceLevelSeconds,
    languages: [...s.languages],
    channels: s.channels.map((c) => ({
      id: c.id,
      name: c.name ?? c.id,
      maxSessions: c.maxSessions ?? d.channel.maxSessions,
    })),
    operators: s.operators.map((o) => {
      const op: Operator = {
        id: o.id,
        name: o.name,
        lang: o.lang,
        extraLanguages: [...(o.extraLanguages ?? d.operator.extraLanguages)],
        expertises: [...(o.expertises ?? d.operator.expertises)],
        channels: [...o.channels],
        activity: normalizeActivity(o.activity),
      };
      if (o.chatName !== undefined) op.chatName = o.chatName;
      if (o.country !== undefined) op.country = o.country;
      return op;
    }),
    visitors: s.visitors.map((w) => {
      const trace = w.arrivals ? normalizeTrace(w.arrivals.trace) : undefined;
      const stream: VisitorStream = {
        channel: w.channel,
        ...(w.arrivalsPerHour !== undefined && {
          arrivalsPerHour: normalizeRate(w.arrivalsPerHour),
        }),
        ...(trace && { arrivals: { trace } }),
        languages: { ...w.languages },
        expertises: [...(w.expertises ?? d.visitors.expertises)],
        returningFraction: w.returningFraction ?? d.visitors.returningFraction,
        chatMinutes: w.chatMinutes ? copyDist(w.chatMinutes) : traceChatMinutes(trace ?? []),
      };
      if (w.countries !== undefined) stream.countries = { ...w.countries };
      if (w.patienceMinutes !== undefined) stream.patienceMinutes = copyDist(w.patienceMinutes);
      return stream;
    }),
  };
  return scenario;
}
