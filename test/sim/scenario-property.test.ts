import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatError, parseScenario, parseScenarioText } from '../../src/sim/scenario/validate.ts';
import {
  POLICY_NAMES,
  SCENARIO_FORMAT,
  type Activity,
  type Dist,
  type Operator,
  type Scenario,
  type VisitorStream,
} from '../../src/sim/scenario/types.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- mutations break the types on purpose */

// -0 would not survive a JSON round trip, and toEqual tells -0 from 0.
const positive = fc.double({ min: 0.001, max: 1e4, noNaN: true }).map((x) => x + 0);
const nonNegative = fc.double({ min: 0, max: 1e4, noNaN: true }).map((x) => x + 0);
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const dist: fc.Arbitrary<Dist> = fc.oneof(
  positive.map((mean) => ({ dist: 'exponential' as const, mean })),
  nonNegative.map((value) => ({ dist: 'fixed' as const, value })),
  fc.tuple(positive, nonNegative).map(([mean, sd]) => ({ dist: 'lognormal' as const, mean, sd })),
  fc
    .tuple(nonNegative, nonNegative)
    .map(([a, b]) => ({ dist: 'uniform' as const, min: Math.min(a, b), max: Math.max(a, b) })),
);

/** Breaks in time order, never overlapping: each starts after the previous one ends. */
const breaks = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 90 })), {
    maxLength: 4,
  })
  .map((pairs) => {
    let at = 0;
    return pairs.map(([gap, minutes]) => {
      const b = { atMinute: at + gap, minutes };
      at = b.atMinute + minutes;
      return b;
    });
  });

const activity = (mayBeTrainee: boolean): fc.Arbitrary<Activity> =>
  fc.oneof(
    fc.constant({ kind: 'always' as const }),
    breaks.map((b) => ({ kind: 'breaks' as const, breaks: b })),
    fc.tuple(positive, dist).map(([mean, minutes]) => ({
      kind: 'random-breaks' as const,
      everyMinutes: { dist: 'exponential' as const, mean },
      minutes,
    })),
    ...(mayBeTrainee ? [fc.constant({ kind: 'trainee' as const })] : []),
  );

const weights = (codes: string[]) =>
  fc
    .tuple(fc.subarray(codes, { minLength: 1 }), fc.array(nonNegative, { minLength: codes.length }))
    .map(([chosen, ws]) => {
      const out: Record<string, number> = {};
      chosen.forEach((c, i) => (out[c] = ws[i]));
      out[chosen[0]] += 1; // not all zero
      return out;
    });

/** A valid, normalized scenario (every default filled in), so parsing it must give it back. */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    languages: fc.uniqueArray(
      fc.constantFrom('en_US', 'fr_FR', 'de_DE', 'es_ES', 'nl_BE', 'ar_001'),
      {
        minLength: 1,
      },
    ),
    channels: fc.integer({ min: 1, max: 3 }),
    operators: fc.integer({ min: 1, max: 5 }),
    visitors: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ languages, channels, operators, visitors }) => {
    const channelIds = ids('ch', channels);
    const operator = (id: string, index: number): fc.Arbitrary<Operator> =>
      fc
        .record({
          name: fc.string({ minLength: 1, maxLength: 20 }).filter((x) => x.trim() !== ''),
          chatName: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
          lang: fc.constantFrom(...languages),
          extraLanguages: fc.subarray(languages),
          country: fc.option(fc.constantFrom('BE', 'FR', 'US'), { nil: undefined }),
          expertises: fc.uniqueArray(fc.constantFrom('billing', 'sales', 'tech')),
          channels: fc.subarray(channelIds),
          activity: activity(index === 0),
        })
        .map(({ chatName, country, ...rest }) => ({
          id,
          ...rest,
          ...(chatName !== undefined && { chatName }),
          ...(country !== undefined && { country }),
        }));
    const stream: fc.Arbitrary<VisitorStream> = fc
      .record({
        channel: fc.constantFrom(...channelIds),
        arrivalsPerHour: nonNegative,
        languages: weights(languages),
        countries: fc.option(weights(['BE', 'FR', 'US']), { nil: undefined }),
        expertises: fc.uniqueArray(fc.constantFrom('billing', 'sales', 'tech')),
        returningFraction: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x + 0),
        chatMinutes: dist,
        patienceMinutes: fc.option(dist, { nil: undefined }),
      })
      .map(({ countries, patienceMinutes, ...rest }) => ({
        ...rest,
        ...(countries !== undefined && { countries }),
        ...(patienceMinutes !== undefined && { patienceMinutes }),
      }));
    return fc.record({
      format: fc.constant(SCENARIO_FORMAT),
      name: fc.string({ minLength: 1, maxLength: 30 }).filter((x) => x.trim() !== ''),
      seed: fc.integer(),
      durationMinutes: positive,
      policy: fc.constantFrom(...POLICY_NAMES),
      whenNoOperator: fc.constantFrom('unavailable' as const, 'queue' as const),
      inactivity: fc.record({
        timeoutMinutes: positive,
        effect: fc.constantFrom('remove' as const, 'away' as const),
      }),
      serviceLevelSeconds: nonNegative,
      languages: fc.constant(languages),
      channels: fc.tuple(
        ...channelIds.map((id) =>
          fc.record({
            id: fc.constant(id),
            name: fc.string({ maxLength: 20 }),
            maxSessions: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
          }),
        ),
      ),
      operators: fc.tuple(...ids('op', operators).map((id, i) => operator(id, i))),
      visitors: fc.array(stream, { minLength: visitors, maxLength: visitors }),
    });
  });

type Mutation = { name: string; apply: (s: any, n: number) => string };
/** Each mutation makes a valid scenario invalid, and returns the path its error must name. */
const MUTATIONS: Mutation[] = [
  {
    name: 'drops a required field',
    apply: (s, n) => {
      const key = [
        'format',
        'name',
        'durationMinutes',
        'languages',
        'channels',
        'operators',
        'visitors',
      ][n % 7];
      delete s[key];
      return key;
    },
  },
  {
    name: 'changes the format',
    apply: (s) => ((s.format = 'livechat-sandbox/scenario@0'), 'format'),
  },
  { name: 'makes the seed fractional', apply: (s) => ((s.seed = 0.5), 'seed') },
  { name: 'zeroes the duration', apply: (s) => ((s.durationMinutes = 0), 'durationMinutes') },
  { name: 'names an unknown policy', apply: (s) => ((s.policy = 'nope'), 'policy') },
  {
    name: 'adds an unknown field',
    apply: (s, n) => {
      const targets: [any, string][] = [
        [s, ''],
        [s.channels[n % s.channels.length], `channels[${n % s.channels.length}].`],
        [s.operators[n % s.operators.length], `operators[${n % s.operators.length}].`],
        [s.visitors[n % s.visitors.length], `visitors[${n % s.visitors.length}].`],
      ];
      const [target, prefix] = targets[n % targets.length];
      target.zzzUnknown = 1;
      return `${prefix}zzzUnknown`;
    },
  },
  {
    name: 'gives an operator a language that is not enabled',
    apply: (s, n) => {
      const i = n % s.operators.length;
      s.operators[i].lang = 'xx_XX';
      return `operators[${i}].lang`;
    },
  },
  {
    name: 'puts an operator in an unknown channel',
    apply: (s, n) => {
      const i = n % s.operators.length;
      s.operators[i].channels.push('nowhere');
      return `operators[${i}].channels[${s.operators[i].channels.length - 1}]`;
    },
  },
  {
    name: 'sends visitors to an unknown channel',
    apply: (s, n) => {
      const i = n % s.visitors.length;
      s.visitors[i].channel = 'nowhere';
      return `visitors[${i}].channel`;
    },
  },
  {
    name: 'gives visitors a language that is not enabled',
    apply: (s, n) => {
      const i = n % s.visitors.length;
      s.visitors[i].languages.xx_XX = 1;
      return `visitors[${i}].languages.xx_XX`;
    },
  },
  {
    name: 'duplicates a channel id',
    apply: (s) => {
      s.channels.push({ ...s.channels[0] });
      return `channels[${s.channels.length - 1}].id`;
    },
  },
  {
    name: 'sets maxSessions to 0',
    apply: (s, n) => {
      const i = n % s.channels.length;
      s.channels[i].maxSessions = 0;
      return `channels[${i}].maxSessions`;
    },
  },
  {
    name: 'makes arrivals negative',
    apply: (s, n) => {
      const i = n % s.visitors.length;
      s.visitors[i].arrivalsPerHour = -1;
      return `visitors[${i}].arrivalsPerHour`;
    },
  },
  {
    name: 'uses an unknown distribution',
    apply: (s, n) => {
      const i = n % s.visitors.length;
      s.visitors[i].chatMinutes = { dist: 'normal', mean: 1 };
      return `visitors[${i}].chatMinutes.dist`;
    },
  },
  {
    name: 'overlaps two breaks',
    apply: (s, n) => {
      const i = n % s.operators.length;
      s.operators[i].activity = {
        kind: 'breaks',
        breaks: [
          { atMinute: 10, minutes: 30 },
          { atMinute: 20, minutes: 5 },
        ],
      };
      return `operators[${i}].activity.breaks[1].atMinute`;
    },
  },
];

/** Every path in a JSON value, as lists of keys. */
function paths(x: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(x)) x.forEach((item, i) => out.push(...paths(item, [...prefix, i])));
  else if (typeof x === 'object' && x !== null) {
    for (const [k, item] of Object.entries(x)) out.push(...paths(item, [...prefix, k]));
  }
  return out;
}

describe('scenario format: properties', () => {
  it('random valid scenarios validate, unchanged, from objects and from JSON text', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = parseScenario(s);
        if (!result.ok) expect(result.errors.map(formatError)).toEqual([]);
        expect(result).toEqual({ ok: true, scenario: s });
        expect(parseScenarioText(JSON.stringify(s))).toEqual({ ok: true, scenario: s });
      }),
      { numRuns: 300 },
    );
  });

  it('each kind of mutation gives an error naming the mutated path', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(...MUTATIONS), fc.nat(), (s, mutation, n) => {
        const broken: any = structuredClone(s);
        const path = mutation.apply(broken, n);
        const result = parseScenario(broken);
        expect(result.ok, mutation.name).toBe(false);
        if (result.ok) return;
        expect(
          result.errors.map((e) => e.path),
          mutation.name,
        ).toContain(path);
        for (const e of result.errors) {
          expect(e.path).not.toBe('');
          expect(formatError(e)).toMatch(/^\S.*: \S/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('replacing or deleting any one value never throws, and errors always name a path', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.nat(),
        fc.option(fc.jsonValue(), { nil: undefined }),
        (s, n, value) => {
          const broken: any = structuredClone(s);
          const all = paths(broken).slice(1);
          const path = all[n % all.length];
          let parent = broken;
          for (const key of path.slice(0, -1)) parent = parent[key];
          const last = path[path.length - 1];
          if (value === undefined && !Array.isArray(parent)) delete parent[last];
          else parent[last] = value ?? null;
          const result = parseScenario(broken);
          if (result.ok) {
            // Whatever was accepted is a scenario that validates as itself.
            expect(parseScenario(result.scenario)).toEqual(result);
          } else {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const e of result.errors) {
              expect(e.path).not.toBe('');
              expect(e.message).not.toBe('');
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('arbitrary JSON values never make it throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        const result = parseScenario(x);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
