/**
 * fast-check arbitraries of random, VALID, normalized scenarios (every default filled in) for the
 * engine-level properties: runtime equivalence, nothing lost, determinism.
 *
 * The ranges are chosen to hit the engine's corners quickly rather than to look realistic: small
 * inactivity timeouts with breaks both shorter and longer than them, zero-length chats and zero
 * patience, operators in no channel, channels nobody staffs, every policy, both `whenNoOperator`
 * modes and both inactivity effects. Rates keep runs small (tens to a few hundred visitors).
 */
import fc from 'fast-check';
import type { HumanInput } from '../sim/engine.ts';
import {
  POLICY_NAMES,
  SCENARIO_FORMAT,
  WEEKDAYS,
  type Activity,
  type StartsAt,
  type Break,
  type Dist,
  type ArrivalProfile,
  type Operator,
  type Scenario,
  type TraceArrival,
  type VisitorStream,
} from '../sim/scenario/types.ts';

export interface GenOptions {
  /** Upper bound of each stream's arrivals per hour (default 30). */
  maxArrivalsPerHour?: number;
  /** Upper bound of `durationMinutes` (default 240; the lower bound is 10). */
  maxDurationMinutes?: number;
  /** Make the first operator a trainee (activity `trainee`), as in the practice console. */
  trainee?: boolean;
  /**
   * Give some scenarios a clock (issue 8): a `startsAt`, operators on shifts, streams with hourly
   * profiles or recorded traces. Off by default so that generators seeded elsewhere keep drawing
   * the scenarios they did.
   */
  clock?: boolean;
}

const LANGUAGES = ['en_US', 'fr_FR', 'de_DE', 'nl_BE'];
const COUNTRIES = ['BE', 'FR', 'US'];
const EXPERTISES = ['sales', 'tech', 'billing'];

/** A finite double in [min, max], rounded to 1/100 so scenarios print readably when a run fails. */
const num = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((x) => x / 100);

/** Every Dist kind, in minutes; `fixed` 0 (instant chats, no patience at all) is a corner we want. */
export const dist = (maxMean: number): fc.Arbitrary<Dist> =>
  fc.oneof(
    num(0.1, maxMean).map((mean) => ({ dist: 'exponential' as const, mean })),
    fc.oneof(fc.constant(0), num(0, maxMean)).map((value) => ({ dist: 'fixed' as const, value })),
    fc
      .tuple(num(0.1, maxMean), num(0, maxMean))
      .map(([mean, sd]) => ({ dist: 'lognormal' as const, mean, sd })),
    fc
      .tuple(num(0, maxMean), num(0, maxMean))
      .map(([a, b]) => ({ dist: 'uniform' as const, min: Math.min(a, b), max: Math.max(a, b) })),
  );

/**
 * Breaks in time order, never overlapping (back-to-back allowed); some longer than any timeout.
 * Quarter minutes are exact in binary, so a back-to-back break never "overlaps" by a rounding error.
 */
const breaks = (maxMinute: number): fc.Arbitrary<Break[]> =>
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: maxMinute * 2 })),
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 40, max: 240 })),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((pairs) => {
      let at = 0;
      return pairs.map(([gap, quarters]) => {
        const b = { atMinute: (at + gap) / 4, minutes: quarters / 4 };
        at += gap + quarters;
        return b;
      });
    });

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Shifts near the run's start (time 0 = `start`), so that they begin, end and cross midnight within
 * short runs: one shift on one day or every day, or two on one day each, one after the other; some
 * already in progress at time 0; an optional break that ends within the shortest shift.
 */
const shifts = (start: StartsAt, maxMinute: number): fc.Arbitrary<Activity> => {
  const t0 =
    WEEKDAYS.indexOf(start.weekday) * 1440 +
    Number(start.time.slice(0, 2)) * 60 +
    Number(start.time.slice(3));
  const at = (m: number) => {
    const w = ((m % 10080) + 10080) % 10080;
    return { day: WEEKDAYS[Math.floor(w / 1440)], minute: w % 1440 };
  };
  const quarters = (min: number, max: number) => fc.integer({ min, max }).map((q) => q * 15);
  return fc
    .record({
      delta: quarters(-8, Math.max(1, Math.floor(maxMinute / 15))),
      length: quarters(1, 40),
      everyDay: fc.boolean(),
      second: fc.option(fc.tuple(quarters(0, 8), quarters(1, 20)), { nil: undefined }),
      breakAt: fc.option(
        fc.tuple(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
        { nil: undefined },
      ),
    })
    .map((r) => {
      const first = at(t0 + r.delta);
      const list = [
        {
          days: r.everyDay && !r.second ? [...WEEKDAYS] : [first.day],
          from: hhmm(first.minute),
          to: hhmm((first.minute + r.length) % 1440),
        },
      ];
      let shortest = r.length;
      if (r.second) {
        const [gap, length] = r.second;
        const next = at(t0 + r.delta + r.length + gap);
        list.push({
          days: [next.day],
          from: hhmm(next.minute),
          to: hhmm((next.minute + length) % 1440),
        });
        shortest = Math.min(shortest, length);
      }
      const b: Break[] = [];
      if (r.breakAt) {
        // Quarter minutes, ending within the shortest shift.
        const atMinute = Math.floor(r.breakAt[0] * (shortest - 0.25) * 4) / 4;
        const minutes = Math.max(0.25, Math.floor(r.breakAt[1] * (shortest - atMinute) * 4) / 4);
        b.push({ atMinute, minutes });
      }
      return { kind: 'shifts' as const, shifts: list, breaks: b };
    });
};

const activity = (maxMinute: number, start?: StartsAt): fc.Arbitrary<Activity> =>
  fc.oneof(
    ...(start ? [shifts(start, maxMinute), shifts(start, maxMinute)] : []),
    fc.constant({ kind: 'always' as const }),
    breaks(maxMinute).map((b) => ({ kind: 'breaks' as const, breaks: b })),
    fc.tuple(num(5, 60), dist(40)).map(([mean, minutes]) => ({
      kind: 'random-breaks' as const,
      everyMinutes: { dist: 'exponential' as const, mean },
      minutes,
    })),
  );

/** `{code: weight}` over a non-empty subset of `codes`, weights not all zero. */
const weights = (codes: string[]) =>
  fc
    .tuple(
      fc.subarray(codes, { minLength: 1 }),
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: codes.length }),
    )
    .map(([chosen, ws]) => {
      const out: Record<string, number> = {};
      chosen.forEach((c, i) => (out[c] = ws[i]));
      out[chosen[0]] += 1;
      return out;
    });

const operator = (
  index: number,
  languages: string[],
  channelIds: string[],
  maxMinute: number,
  trainee: boolean,
  start?: StartsAt,
): fc.Arbitrary<Operator> =>
  fc
    .record({
      lang: fc.constantFrom(...languages),
      extra: fc.subarray(languages),
      country: fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }),
      expertises: fc.subarray(EXPERTISES),
      // Mostly in some channel; sometimes in none (a trainee who must press Join).
      channels: fc.oneof(
        { weight: 5, arbitrary: fc.subarray(channelIds, { minLength: 1 }) },
        { weight: 1, arbitrary: fc.subarray(channelIds) },
      ),
      activity: trainee ? fc.constant({ kind: 'trainee' as const }) : activity(maxMinute, start),
      chatName: fc.option(fc.constantFrom('', 'Op'), { nil: undefined }),
    })
    .map((r) => {
      const op: Operator = {
        id: `op${index}`,
        name: `Operator ${index}`,
        lang: r.lang,
        extraLanguages: r.extra.filter((l) => l !== r.lang),
        expertises: r.expertises,
        channels: r.channels,
        activity: r.activity,
      };
      if (r.chatName !== undefined) op.chatName = r.chatName;
      if (r.country !== undefined) op.country = r.country;
      return op;
    });

/** An hourly profile: some hours without traffic, some weekdays scaled. */
const profile = (maxRate: number) =>
  fc
    .record({
      byHour: fc.array(fc.oneof(fc.constant(0), num(0.5, maxRate * 1.5)), {
        minLength: 24,
        maxLength: 24,
      }),
      factors: fc.array(fc.oneof(fc.constant(1), fc.constant(0), num(0.2, 2)), {
        minLength: 7,
        maxLength: 7,
      }),
    })
    .map((r) => ({
      byHour: r.byHour,
      byWeekday: Object.fromEntries(WEEKDAYS.map((d, i) => [d, r.factors[i]])) as Record<
        (typeof WEEKDAYS)[number],
        number
      >,
    }));

/** A recorded trace within the run, in time order (ties included), some fields left to draw. */
const trace = (languages: string[], horizonSeconds: number, maxRate: number) =>
  fc
    .array(
      fc.record({
        at: fc.oneof(fc.integer({ min: 0, max: horizonSeconds - 1 }), num(0, horizonSeconds - 1)),
        chatSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1200 })),
        lang: fc.option(fc.constantFrom(...languages), { nil: undefined }),
        country: fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }),
      }),
      { maxLength: Math.max(1, Math.ceil((maxRate * horizonSeconds) / 3600)) },
    )
    .map((xs) =>
      xs
        .map((x) => {
          const out: TraceArrival = { at: x.at, chatSeconds: x.chatSeconds };
          if (x.lang !== undefined) out.lang = x.lang;
          if (x.country !== undefined) out.country = x.country;
          return out;
        })
        .sort((a, b) => a.at - b.at),
    );

type Arrivals =
  { arrivalsPerHour: number | ArrivalProfile } | { arrivals: { trace: TraceArrival[] } };

const stream = (
  languages: string[],
  channelIds: string[],
  maxRate: number,
  clock?: { horizonSeconds: number },
): fc.Arbitrary<VisitorStream> =>
  fc
    .record({
      channel: fc.constantFrom(...channelIds),
      arrivals: fc.oneof(
        { weight: 1, arbitrary: fc.constant<Arrivals>({ arrivalsPerHour: 0 }) },
        {
          weight: 6,
          arbitrary: num(0.5, maxRate).map((rate): Arrivals => ({ arrivalsPerHour: rate })),
        },
        ...(clock
          ? [
              {
                weight: 4,
                arbitrary: profile(maxRate).map((p): Arrivals => ({ arrivalsPerHour: p })),
              },
              {
                weight: 3,
                arbitrary: trace(languages, clock.horizonSeconds, maxRate).map((t): Arrivals => ({
                  arrivals: { trace: t },
                })),
              },
            ]
          : []),
      ),
      languages: weights(languages),
      countries: fc.option(weights(COUNTRIES), { nil: undefined }),
      expertises: fc.subarray(EXPERTISES, { maxLength: 2 }),
      returningFraction: fc.oneof(fc.constant(0), fc.constant(1), num(0, 1)),
      chatMinutes: dist(15),
      patienceMinutes: fc.option(dist(10), { nil: undefined }),
    })
    .map((r) => {
      const s: VisitorStream = {
        channel: r.channel,
        ...r.arrivals,
        languages: r.languages,
        expertises: r.expertises,
        returningFraction: r.returningFraction,
        chatMinutes: r.chatMinutes,
      };
      if (r.countries !== undefined) s.countries = r.countries;
      if (r.patienceMinutes !== undefined) s.patienceMinutes = r.patienceMinutes;
      return s;
    });

/** A random valid normalized scenario: parseScenario(s) gives s back (checked in engine-invariants.test.ts). */
export function scenarioArb(options: GenOptions = {}): fc.Arbitrary<Scenario> {
  const maxRate = options.maxArrivalsPerHour ?? 30;
  const maxDuration = options.maxDurationMinutes ?? 240;
  return fc
    .record({
      languages: fc.shuffledSubarray(LANGUAGES, { minLength: 1, maxLength: 3 }),
      channels: fc.array(fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), {
        minLength: 1,
        maxLength: 3,
      }),
      operators: fc.integer({ min: 1, max: 6 }),
      streams: fc.integer({ min: 1, max: 3 }),
      duration: fc.integer({ min: 10, max: maxDuration }),
      startsAt: options.clock
        ? fc.option(
            fc.record({
              weekday: fc.constantFrom(...WEEKDAYS),
              time: fc.integer({ min: 0, max: 95 }).map((q) => hhmm(q * 15)),
            }),
            { nil: undefined, freq: 4 },
          )
        : fc.constant(undefined),
    })
    .chain(({ languages, channels, operators, streams, duration, startsAt }) => {
      const channelIds = channels.map((_, i) => `ch${i}`);
      // Shifts and traces need a clock; without startsAt it is Monday 00:00.
      const clock = options.clock
        ? (startsAt ?? { weekday: 'monday' as const, time: '00:00' })
        : undefined;
      return fc.record({
        startsAt: fc.constant(startsAt),
        seed: fc.integer({ min: -1e9, max: 1e9 }),
        policy: fc.constantFrom(...POLICY_NAMES),
        whenNoOperator: fc.constantFrom('unavailable' as const, 'queue' as const),
        timeoutMinutes: fc.oneof(fc.integer({ min: 1, max: 20 }), num(0.5, 20)),
        effect: fc.constantFrom('remove' as const, 'away' as const),
        serviceLevelSeconds: fc.integer({ min: 0, max: 60 }),
        operators: fc.tuple(
          ...Array.from({ length: operators }, (_, i) =>
            operator(
              i,
              languages,
              channelIds,
              duration,
              options.trainee === true && i === 0,
              clock,
            ),
          ),
        ),
        visitors: fc.tuple(
          ...Array.from({ length: streams }, () =>
            stream(
              languages,
              channelIds,
              maxRate,
              clock ? { horizonSeconds: duration * 60 } : undefined,
            ),
          ),
        ),
        languages: fc.constant(languages),
        channels: fc.constant(
          channels.map((maxSessions, i) => ({
            id: channelIds[i],
            name: `Channel ${i}`,
            maxSessions,
          })),
        ),
        durationMinutes: fc.constant(duration),
      });
    })
    .map((r): Scenario => ({
      format: SCENARIO_FORMAT,
      name: 'generated',
      seed: r.seed,
      durationMinutes: r.durationMinutes,
      ...(r.startsAt !== undefined && { startsAt: r.startsAt }),
      policy: r.policy,
      whenNoOperator: r.whenNoOperator,
      inactivity: { timeoutMinutes: r.timeoutMinutes, effect: r.effect },
      serviceLevelSeconds: r.serviceLevelSeconds,
      languages: r.languages,
      channels: r.channels,
      operators: r.operators,
      visitors: r.visitors,
    }));
}

/**
 * Random human inputs for a scenario, in time order: mostly from the trainee (`op0`), some from
 * other operators, on real and unknown channels, closing chats by visitor ids that may or may not
 * exist or belong to them.
 */
export function inputsArb(scenario: Scenario): fc.Arbitrary<HumanInput[]> {
  const horizon = scenario.durationMinutes * 60;
  const operators = scenario.operators.map((o) => o.id);
  const channels = [...scenario.channels.map((c) => c.id), 'nowhere'];
  const input: fc.Arbitrary<HumanInput> = fc
    .record({
      t: fc.oneof(fc.integer({ min: 0, max: horizon }), num(0, horizon * 1.2)),
      type: fc.constantFrom(
        'operator.activity' as const,
        'operator.activity' as const,
        'operator.join' as const,
        'operator.leave' as const,
        'operator.languages' as const,
        'chat.close' as const,
        'chat.close' as const,
      ),
      operator: fc.oneof(
        { weight: 4, arbitrary: fc.constant('op0') },
        fc.constantFrom(...operators),
      ),
      channel: fc.constantFrom(...channels),
      languages: fc.subarray([...scenario.languages, 'xx_XX']),
      visitor: fc.integer({ min: 1, max: 40 }).map((n) => `v${n}`),
    })
    .map((r) => {
      const i: HumanInput = { t: r.t, type: r.type, operator: r.operator };
      if (r.type === 'operator.join' || r.type === 'operator.leave') i.channel = r.channel;
      if (r.type === 'operator.languages') i.languages = r.languages;
      if (r.type === 'chat.close') i.visitor = r.visitor;
      return i;
    });
  return fc.array(input, { maxLength: 30 }).map((xs) => xs.sort((a, b) => a.t - b.t));
}

/** A scenario with a trainee and random inputs for them. */
export function traineeRunArb(
  options: GenOptions = {},
): fc.Arbitrary<{ scenario: Scenario; inputs: HumanInput[] }> {
  return scenarioArb({ ...options, trainee: true }).chain((scenario) =>
    inputsArb(scenario).map((inputs) => ({ scenario, inputs })),
  );
}

/** JSON Lines, as the CLI's --events writes them. */
export function toJsonl(events: readonly unknown[]): string {
  return events.map((e) => JSON.stringify(e) + '\n').join('');
}
