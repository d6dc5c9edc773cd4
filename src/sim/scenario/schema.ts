/**
 * The shape of a scenario file, format v1, as a valibot schema.
 *
 * This checks each field on its own (types, ranges, unknown keys). Checks that need several fields
 * at once (references between channels and operators, enabled languages, overlapping breaks) live in
 * validate.ts. Every message here is written for a person editing the file: it is shown after the
 * field's path, e.g. `operators[0].chatname: unknown field (did you mean "chatName"?)`.
 */
import * as v from 'valibot';
import { POLICY_NAMES, SCENARIO_FORMAT, WEEKDAYS } from './types.ts';
import { clockMinutes } from './week.ts';

/** How a value is named in a message: JSON terms, short, and never the whole value. */
export function describeValue(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  switch (typeof x) {
    case 'string':
      return JSON.stringify(x.length > 40 ? `${x.slice(0, 37)}...` : x);
    case 'number':
      return Number.isNaN(x) ? 'NaN' : String(x);
    case 'boolean':
      return String(x);
    case 'object':
      return 'an object';
    case 'undefined':
      return 'nothing';
    default:
      return `a ${typeof x}`;
  }
}

const quoteList = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(', ');

/** Edit distance with transpositions (optimal string alignment), for "did you mean". */
function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** The known name closest to `typo`, if it is close enough to be what the author meant. */
export function didYouMean(typo: string, known: readonly string[]): string | undefined {
  const lower = typo.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    // Case and separators are the commonest slips in hand-written JSON (chatname, chat_name).
    const distance =
      k.toLowerCase() === lower.replace(/[_-]/g, '') ? 0 : editDistance(lower, k.toLowerCase());
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(typo.length / 3)) ? best : undefined;
}

type Issue = v.BaseIssue<unknown>;
const lastKey = (issue: Issue) => {
  const path = issue.path;
  return path && path.length > 0 ? String(path[path.length - 1].key) : '';
};

/**
 * A JSON object with exactly these fields. valibot reports both a missing required field and an
 * unknown one as a `strict_object` issue; the message tells them apart.
 */
function obj<const E extends v.ObjectEntries>(entries: E) {
  const known = Object.keys(entries);
  return v.strictObject(entries, (issue: Issue) => {
    if (issue.expected === 'Object' || issue.path === undefined || issue.path.length === 0) {
      return `expected an object, got ${describeValue(issue.input)}`;
    }
    const key = lastKey(issue);
    if (Object.hasOwn(entries, key)) return 'required field is missing';
    const guess = didYouMean(key, known);
    return guess
      ? `unknown field (did you mean ${JSON.stringify(guess)}?)`
      : `unknown field (allowed: ${quoteList(known)})`;
  });
}

const expected = (what: string) => (issue: Issue) =>
  `expected ${what}, got ${describeValue(issue.input)}`;

/** A finite number, with a type message naming what is expected (e.g. "an integer or null"). */
function num(what = 'a number') {
  return v.pipe(
    v.number(expected(what)),
    v.finite((i: Issue) => `must be a finite number, got ${describeValue(i.input)}`),
  );
}
const gt0 = (what = 'a number') =>
  v.pipe(
    num(what),
    v.gtValue(0, (i: Issue) => `must be greater than 0, got ${describeValue(i.input)}`),
  );
const atLeast = (min: number, what = 'a number') =>
  v.pipe(
    num(what),
    v.minValue(min, (i: Issue) => `must be at least ${min}, got ${describeValue(i.input)}`),
  );
const integerMsg = (i: Issue) => `must be an integer, got ${describeValue(i.input)}`;

const text = () => v.string(expected('a string'));
/** Blank names and ids ("  ") are as unhelpful in a report as empty ones. */
const nonEmptyText = () =>
  v.pipe(
    text(),
    v.check((x) => x.trim() !== '', 'must not be empty'),
  );

function oneOf<const T extends readonly [string, ...string[]]>(options: T, what: string) {
  return v.picklist(options, (i: Issue) =>
    typeof i.input === 'string'
      ? `${JSON.stringify(i.input)} is not ${what} (valid: ${quoteList(options)})`
      : `expected one of ${quoteList(options)}, got ${describeValue(i.input)}`,
  );
}

/**
 * A tagged union on `key` (`dist`, `kind`). The message covers a missing or unknown tag; fields of a
 * known tag get their own messages from the option's schema.
 */
function tagged<const K extends string, const O extends v.VariantOptions<K>>(
  key: K,
  options: O,
  tags: readonly string[],
  what: string,
) {
  return v.variant(key, options, (issue: Issue) => {
    const input = issue.input;
    if (lastKey(issue) === key && issue.path && issue.path.length > 0) {
      if (input === undefined) return `required field is missing (one of ${quoteList(tags)})`;
      return typeof input === 'string'
        ? `${JSON.stringify(input)} is not ${what} (valid: ${quoteList(tags)})`
        : `expected one of ${quoteList(tags)}, got ${describeValue(input)}`;
    }
    return `expected an object, got ${describeValue(input)}`;
  });
}

export const DIST_KINDS = ['exponential', 'fixed', 'lognormal', 'uniform'] as const;

/** A random duration in minutes. Every kind yields values >= 0. */
export const DistSchema = tagged(
  'dist',
  [
    obj({ dist: v.literal('exponential'), mean: gt0() }),
    obj({ dist: v.literal('fixed'), value: atLeast(0) }),
    obj({ dist: v.literal('lognormal'), mean: gt0(), sd: atLeast(0) }),
    v.pipe(
      obj({ dist: v.literal('uniform'), min: atLeast(0), max: atLeast(0) }),
      v.forward(
        v.partialCheck(
          [['min'], ['max']],
          (d) => d.min <= d.max,
          (i: Issue) => {
            const d = i.input as { min: number; max: number };
            return `must be at least min (${d.min}), got ${d.max}`;
          },
        ),
        ['max'],
      ),
    ),
  ],
  DIST_KINDS,
  'a distribution',
);

export const BreakSchema = obj({ atMinute: atLeast(0), minutes: gt0() });

export const WeekdaySchema = oneOf(WEEKDAYS, 'a weekday');

/** "HH:MM" on a 24-hour clock; `endOfDay` also takes "24:00" (a shift ending at midnight). */
const clockTime = (endOfDay = false) =>
  v.pipe(
    text(),
    v.check(
      (x) => clockMinutes(x, endOfDay) !== null,
      (i: Issue) =>
        `${describeValue(i.input)} is not a time of day (expected "HH:MM", "00:00" to "${endOfDay ? '24:00' : '23:59'}")`,
    ),
  );

export const StartsAtSchema = obj({
  weekday: v.optional(WeekdaySchema),
  time: v.optional(clockTime()),
});

export const ShiftSchema = obj({
  days: v.pipe(
    v.array(WeekdaySchema, expected('an array of weekdays')),
    v.minLength(1, 'must list at least one day (e.g. ["monday"])'),
  ),
  from: clockTime(),
  to: clockTime(true),
});

export const ACTIVITY_KINDS = ['always', 'breaks', 'random-breaks', 'trainee', 'shifts'] as const;

export const ActivitySchema = tagged(
  'kind',
  [
    obj({ kind: v.literal('always') }),
    obj({ kind: v.literal('breaks'), breaks: v.array(BreakSchema, expected('an array')) }),
    obj({ kind: v.literal('random-breaks'), everyMinutes: DistSchema, minutes: DistSchema }),
    obj({ kind: v.literal('trainee') }),
    obj({
      kind: v.literal('shifts'),
      shifts: v.pipe(
        v.array(ShiftSchema, expected('an array')),
        v.minLength(1, 'must have at least one shift'),
      ),
      breaks: v.optional(v.array(BreakSchema, expected('an array'))),
    }),
  ],
  ACTIVITY_KINDS,
  'an activity kind',
);

const strings = () => v.array(nonEmptyText(), expected('an array of strings'));

/** Code → weight. Weights are relative; they need not sum to 1, but must not all be 0. */
const weights = (what: string, example: string) =>
  v.pipe(
    v.record(text(), atLeast(0), expected(`an object of ${what} codes and weights`)),
    v.check(
      (r) => Object.keys(r).length > 0,
      `must list at least one ${what} (e.g. {${JSON.stringify(example)}: 1})`,
    ),
    v.check((r) => Object.values(r).some((w) => w > 0), 'weights must not all be 0'),
  );

export const ChannelSchema = obj({
  id: nonEmptyText(),
  name: v.optional(text()),
  maxSessions: v.optional(
    v.nullable(
      v.pipe(
        num('an integer or null'),
        v.integer(integerMsg),
        v.minValue(1, (i: Issue) => `must be at least 1 (or null for unlimited), got ${i.input}`),
      ),
    ),
  ),
});

export const OperatorSchema = obj({
  id: nonEmptyText(),
  name: nonEmptyText(),
  chatName: v.optional(text()),
  lang: nonEmptyText(),
  extraLanguages: v.optional(strings()),
  country: v.optional(nonEmptyText()),
  expertises: v.optional(strings()),
  channels: strings(),
  activity: v.optional(ActivitySchema),
});

/** One weekday factor per day; a day left out keeps factor 1. */
const byWeekday = obj(
  Object.fromEntries(WEEKDAYS.map((d) => [d, v.optional(atLeast(0))])) as Record<
    (typeof WEEKDAYS)[number],
    v.OptionalSchema<ReturnType<typeof atLeast>, undefined>
  >,
);

export const ArrivalProfileSchema = obj({
  byHour: v.pipe(
    v.array(atLeast(0), expected('an array of 24 numbers')),
    v.check(
      (xs) => xs.length === 24,
      (i: Issue) =>
        `must have 24 numbers, one per hour from 00:00 to 23:00, got ${(i.input as unknown[]).length}`,
    ),
  ),
  byWeekday: v.optional(byWeekday),
});

/** A number (a constant rate) or an hourly profile; each gets its own messages. */
const arrivalRate = v.lazy((input) =>
  typeof input === 'object' && input !== null && !Array.isArray(input)
    ? ArrivalProfileSchema
    : v.pipe(
        num('a number or an object {"byHour": [24 numbers]}'),
        v.minValue(0, (i: Issue) => `must be at least 0, got ${describeValue(i.input)}`),
      ),
);

export const TraceArrivalSchema = obj({
  at: atLeast(0),
  chatSeconds: atLeast(0),
  lang: v.optional(nonEmptyText()),
  country: v.optional(nonEmptyText()),
});

export const VisitorStreamSchema = obj({
  channel: nonEmptyText(),
  // One of the two is required (validate.ts says so, naming both).
  arrivalsPerHour: v.optional(arrivalRate),
  arrivals: v.optional(obj({ trace: v.array(TraceArrivalSchema, expected('an array')) })),
  languages: weights('language', 'en_US'),
  countries: v.optional(weights('country', 'BE')),
  expertises: v.optional(strings()),
  returningFraction: v.optional(
    v.pipe(
      num(),
      v.minValue(0, (i: Issue) => `must be between 0 and 1, got ${i.input}`),
      v.maxValue(1, (i: Issue) => `must be between 0 and 1, got ${i.input}`),
    ),
  ),
  // Required unless the stream replays a trace (validate.ts).
  chatMinutes: v.optional(DistSchema),
  patienceMinutes: v.optional(DistSchema),
});

export const WHEN_NO_OPERATOR = ['unavailable', 'queue'] as const;
export const INACTIVITY_EFFECTS = ['remove', 'away'] as const;

/** A whole scenario file, format v1. Optional fields are filled in by validate.ts. */
export const ScenarioSchema = obj({
  format: v.literal(
    SCENARIO_FORMAT,
    (i: Issue) => `expected ${JSON.stringify(SCENARIO_FORMAT)}, got ${describeValue(i.input)}`,
  ),
  name: nonEmptyText(),
  description: v.optional(text()),
  seed: v.optional(
    v.pipe(
      num('an integer'),
      v.integer(integerMsg),
      v.safeInteger((i: Issue) => `must be a safe integer (at most 2^53 - 1), got ${i.input}`),
    ),
  ),
  durationMinutes: gt0(),
  startsAt: v.optional(StartsAtSchema),
  policy: v.optional(oneOf(POLICY_NAMES, 'a known policy')),
  whenNoOperator: v.optional(oneOf(WHEN_NO_OPERATOR, 'a valid choice')),
  inactivity: v.optional(
    obj({
      timeoutMinutes: v.optional(gt0()),
      effect: v.optional(oneOf(INACTIVITY_EFFECTS, 'a valid effect')),
    }),
  ),
  serviceLevelSeconds: v.optional(atLeast(0)),
  languages: v.pipe(
    strings(),
    v.minLength(1, 'must enable at least one language (e.g. ["en_US"])'),
  ),
  channels: v.pipe(
    v.array(ChannelSchema, expected('an array')),
    v.minLength(1, 'must have at least one channel'),
  ),
  operators: v.array(OperatorSchema, expected('an array')),
  visitors: v.array(VisitorStreamSchema, expected('an array')),
});

/** What a scenario file may contain (optional fields may be left out). */
export type ScenarioInput = v.InferInput<typeof ScenarioSchema>;
/** The same, once the shape is checked: still without defaults. */
export type ScenarioShape = v.InferOutput<typeof ScenarioSchema>;
