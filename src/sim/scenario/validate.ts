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
import type { Activity, Break, Dist, Operator, Scenario, VisitorStream } from './types.ts';

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
  });
  list(input.visitors).forEach((w, i) => {
    notArray(w, ['visitors', i]);
    if (!isObject(w)) return;
    for (const key of ['languages', 'countries', 'chatMinutes', 'patienceMinutes']) {
      notArray(w[key], ['visitors', i, key]);
    }
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

  list(input.visitors).forEach((stream, i) => {
    if (!isObject(stream)) return;
    checkChannel(stream.channel, ['visitors', i, 'channel']);
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
    default:
      return { kind: a.kind };
  }
}

function normalize(s: ScenarioShape): Scenario {
  const d = SCENARIO_DEFAULTS;
  const scenario: Scenario = {
    format: s.format,
    name: s.name,
    ...(s.description !== undefined && { description: s.description }),
    seed: s.seed ?? d.seed,
    durationMinutes: s.durationMinutes,
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
      const stream: VisitorStream = {
        channel: w.channel,
        arrivalsPerHour: w.arrivalsPerHour,
        languages: { ...w.languages },
        expertises: [...(w.expertises ?? d.visitors.expertises)],
        returningFraction: w.returningFraction ?? d.visitors.returningFraction,
        chatMinutes: copyDist(w.chatMinutes),
      };
      if (w.countries !== undefined) stream.countries = { ...w.countries };
      if (w.patienceMinutes !== undefined) stream.patienceMinutes = copyDist(w.patienceMinutes);
      return stream;
    }),
  };
  return scenario;
}
