/**
 * Shared helpers for the policy tests (odoo-cases, policy-conformance, policies):
 * - builders for operator views, requests and contexts, to call a policy directly;
 * - builders for tiny valid scenarios, to run the engine;
 * - `LogWorld`: the world rebuilt from the event log alone, so tests judge the engine by what it
 *   wrote, not by its internals;
 * - `scenarioArb`: random small scenarios (fast-check) for engine-level properties.
 */
import fc from 'fast-check';
import { eventLog, type EngineOptions, type HumanInput } from '../../../src/sim/engine.ts';
import type {
  OperatorStatus,
  SimEvent,
  VisitorArrived,
  VisitorAssigned,
} from '../../../src/sim/events.ts';
import type {
  OperatorView,
  PolicyContext,
  PolicyRequest,
} from '../../../src/sim/policies/index.ts';
import { stream } from '../../../src/sim/random.ts';
import { formatErrors, parseScenario } from '../../../src/sim/scenario/validate.ts';
import {
  SCENARIO_FORMAT,
  type Channel,
  type Dist,
  type Operator,
  type Scenario,
  type VisitorStream,
} from '../../../src/sim/scenario/types.ts';

// ------------------------------------------------------------------ calling a policy directly

/** Operator views in scenario order (index = position), with neutral defaults. */
export function views(...specs: (Partial<OperatorView> & { id: string })[]): OperatorView[] {
  return specs.map((s, index) => ({
    index,
    lang: 'en_US',
    extraLanguages: [],
    expertises: [],
    load: 0,
    lastAssignedAt: -Infinity,
    newestOpenSessionAt: -Infinity,
    ...s,
  }));
}

export function request(fields: Partial<PolicyRequest> = {}): PolicyRequest {
  return { lang: 'en_US', expertises: [], ...fields };
}

export function context(fields: Partial<Omit<PolicyContext, 'rng'>> & { seed?: number } = {}) {
  const { seed = 1, ...rest } = fields;
  return {
    now: 0,
    lastAssignedInChannel: -1,
    ...rest,
    rng: stream(seed, 'policy-test'),
  } satisfies PolicyContext;
}

// ------------------------------------------------------------------ tiny scenarios

/** Longer than any test run: a chat that never ends while visitors arrive, so loads pile up. */
export const FOREVER: Dist = { dist: 'fixed', value: 100_000 };

export const LANGUAGES = ['en_US', 'fr_FR', 'de_DE', 'nl_BE'];

export function operator(id: string, fields: Partial<Operator> = {}): Operator {
  return {
    id,
    name: id,
    lang: 'en_US',
    extraLanguages: [],
    expertises: [],
    channels: ['web'],
    activity: { kind: 'always' },
    ...fields,
  };
}

export function visitorStream(fields: Partial<VisitorStream> = {}): VisitorStream {
  return {
    channel: 'web',
    arrivalsPerHour: 30,
    languages: { en_US: 1 },
    expertises: [],
    returningFraction: 0,
    chatMinutes: FOREVER,
    ...fields,
  };
}

/** A valid normalized scenario (checked with parseScenario, so tests never run a malformed one). */
export function scenario(
  fields: Partial<Scenario> & { operators: Operator[]; visitors: VisitorStream[] },
): Scenario {
  const s: Scenario = {
    format: SCENARIO_FORMAT,
    name: 'policy test',
    seed: 1,
    durationMinutes: 60,
    policy: 'odoo',
    whenNoOperator: 'unavailable',
    inactivity: { timeoutMinutes: 30, effect: 'away' },
    serviceLevelSeconds: 20,
    languages: LANGUAGES,
    channels: [{ id: 'web', name: 'Website', maxSessions: null }],
    ...fields,
  };
  const parsed = parseScenario(s);
  if (!parsed.ok)
    throw new Error(`invalid test scenario:\n${formatErrors(parsed.errors).join('\n')}`);
  return parsed.scenario;
}

export function run(s: Scenario, options: EngineOptions = {}): SimEvent[] {
  return eventLog(s, options);
}

export function assignments(log: SimEvent[]): VisitorAssigned[] {
  return log.filter((e): e is VisitorAssigned => e.type === 'visitor.assigned');
}

// ------------------------------------------------------------------ the world, rebuilt from the log

interface Session {
  operator: string;
  channel: string;
  assignedAt: number;
}

/**
 * Replays the event log: presence, membership, open sessions, last assignments, waiting visitors.
 * `replay` shows each event to a callback *before* applying it, i.e. with the state the engine had
 * when it made that decision.
 */
export class LogWorld {
  readonly status = new Map<string, OperatorStatus>();
  readonly members = new Map<string, Set<string>>();
  /** Open sessions by visitor (assigned, no chat.ended yet). */
  readonly open = new Map<string, Session>();
  readonly lastAssignedAt = new Map<string, number>();
  /** Visitors who arrived and are neither assigned nor gone. */
  readonly waiting = new Map<string, VisitorArrived>();
  readonly arrivals = new Map<string, VisitorArrived>();
  private readonly extra = new Map<string, string[]>();
  private readonly byId: Map<string, Operator>;
  readonly channelById: Map<string, Channel>;

  constructor(readonly scenario: Scenario) {
    this.byId = new Map(scenario.operators.map((o) => [o.id, o]));
    this.channelById = new Map(scenario.channels.map((c) => [c.id, c]));
    for (const c of scenario.channels) this.members.set(c.id, new Set());
  }

  apply(e: SimEvent): void {
    switch (e.type) {
      case 'operator.status':
        this.status.set(e.operator, e.status);
        break;
      case 'operator.joined':
        this.members.get(e.channel)!.add(e.operator);
        break;
      case 'operator.left':
        this.members.get(e.channel)!.delete(e.operator);
        break;
      case 'operator.languages':
        this.extra.set(e.operator, e.languages);
        break;
      case 'visitor.arrived':
        this.arrivals.set(e.visitor, e);
        this.waiting.set(e.visitor, e);
        break;
      case 'visitor.assigned':
        this.waiting.delete(e.visitor);
        this.open.set(e.visitor, { operator: e.operator, channel: e.channel, assignedAt: e.t });
        this.lastAssignedAt.set(e.operator, e.t);
        break;
      case 'visitor.unavailable':
      case 'visitor.abandoned':
        this.waiting.delete(e.visitor);
        break;
      case 'chat.ended':
        this.open.delete(e.visitor);
        break;
    }
  }

  /** Open sessions across every channel (Odoo's active chats). */
  load(operator: string): number {
    let n = 0;
    for (const s of this.open.values()) if (s.operator === operator) n++;
    return n;
  }

  sessionsIn(operator: string, channel: string): number {
    let n = 0;
    for (const s of this.open.values()) if (s.operator === operator && s.channel === channel) n++;
    return n;
  }

  lastAssigned(operator: string): number {
    return this.lastAssignedAt.get(operator) ?? -Infinity;
  }

  /** When the operator's newest session that is still open was assigned (-Infinity: none open). */
  newestOpenSession(operator: string): number {
    let newest = -Infinity;
    for (const s of this.open.values())
      if (s.operator === operator && s.assignedAt > newest) newest = s.assignedAt;
    return newest;
  }

  indexOf(operator: string): number {
    return this.scenario.operators.findIndex((o) => o.id === operator);
  }

  /** What a policy would know about the operator now (for its `eligible` filter). */
  view(operator: string): OperatorView {
    const o = this.byId.get(operator)!;
    return {
      index: this.indexOf(operator),
      id: operator,
      lang: o.lang,
      extraLanguages: this.extra.get(operator) ?? o.extraLanguages,
      ...(o.country !== undefined ? { country: o.country } : {}),
      expertises: o.expertises,
      load: this.load(operator),
      lastAssignedAt: this.lastAssigned(operator),
      newestOpenSessionAt: this.newestOpenSession(operator),
    };
  }

  /** The visitor's policy request, as logged at arrival. */
  request(visitor: string): PolicyRequest {
    const a = this.arrivals.get(visitor)!;
    return {
      lang: a.lang,
      expertises: a.expertises ?? [],
      ...(a.country !== undefined ? { country: a.country } : {}),
      ...(a.previousOperator !== undefined ? { previousOperator: a.previousOperator } : {}),
    };
  }

  speaks(operator: string, lang: string): boolean {
    const o = this.byId.get(operator)!;
    return o.lang === lang || (this.extra.get(operator) ?? o.extraLanguages).includes(lang);
  }

  /** Why `operator` cannot take a visitor of `channel` now, or null if they can (engine rules). */
  unavailableWhy(operator: string, channel: string): string | null {
    if (!this.members.get(channel)!.has(operator)) return 'not a member';
    const status = this.status.get(operator);
    if (status !== 'online') return `presence ${status}`;
    const max = this.channelById.get(channel)!.maxSessions;
    if (max !== null && this.sessionsIn(operator, channel) >= max) return `at maxSessions (${max})`;
    return null;
  }

  /** Channel members who could take a visitor now, in scenario order. */
  available(channel: string): string[] {
    return this.scenario.operators
      .map((o) => o.id)
      .filter((id) => this.unavailableWhy(id, channel) === null);
  }
}

/** Calls `visit(event, world-before-the-event)` for every event, then returns the final world. */
export function replay(
  s: Scenario,
  log: SimEvent[],
  visit: (e: SimEvent, before: LogWorld) => void,
): LogWorld {
  const world = new LogWorld(s);
  for (const e of log) {
    visit(e, world);
    world.apply(e);
  }
  return world;
}

/** What the engine knew about one operator when it made an assignment, rebuilt from the log. */
export interface OperatorBefore {
  load: number;
  lastAssignedAt: number;
  newestOpenSessionAt: number;
}

/** Each assignment with the visitor's arrival and every operator's state just before it. */
export function decisions(s: Scenario, log: SimEvent[]) {
  const out: {
    e: VisitorAssigned;
    visitor: VisitorArrived;
    load: Record<string, number>;
    before: Record<string, OperatorBefore>;
  }[] = [];
  replay(s, log, (e, world) => {
    if (e.type !== 'visitor.assigned') return;
    const before: Record<string, OperatorBefore> = {};
    for (const { id } of s.operators) {
      const { load, lastAssignedAt, newestOpenSessionAt } = world.view(id);
      before[id] = { load, lastAssignedAt, newestOpenSessionAt };
    }
    const load = Object.fromEntries(s.operators.map((o) => [o.id, before[o.id].load]));
    out.push({ e, visitor: world.arrivals.get(e.visitor)!, load, before });
  });
  return out;
}

// ------------------------------------------------------------------ random small scenarios

const langArb = fc.constantFrom('en_US', 'fr_FR', 'de_DE');
const countryArb = fc.constantFrom('BE', 'FR', 'US');
const expertiseArb = fc.subarray(['sales', 'tech', 'billing']);

const distArb: fc.Arbitrary<Dist> = fc.oneof(
  fc.record({ dist: fc.constant('exponential' as const), mean: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ dist: fc.constant('fixed' as const), value: fc.integer({ min: 0, max: 20 }) }),
  fc.record({
    dist: fc.constant('uniform' as const),
    min: fc.constant(0.5),
    max: fc.integer({ min: 1, max: 10 }),
  }),
);

/** Up to two non-overlapping breaks in the first ~100 minutes. */
const breaksArb = fc
  .array(
    fc.record({ gap: fc.integer({ min: 0, max: 40 }), minutes: fc.integer({ min: 1, max: 30 }) }),
    { minLength: 1, maxLength: 2 },
  )
  .map((spec) => {
    let at = 0;
    return spec.map(({ gap, minutes }) => {
      const b = { atMinute: at + gap, minutes };
      at = b.atMinute + minutes + 1;
      return b;
    });
  });

export interface RandomRun {
  scenario: Scenario;
  inputs: HumanInput[];
}

/**
 * Random small scenarios covering what availability depends on: queue and unavailable modes,
 * per-channel maxSessions, scheduled breaks with both inactivity effects, Join/Leave inputs,
 * changes of Online Chat Languages,
 * languages, countries, expertises and returning visitors.
 */
export function scenarioArb(policy: string): fc.Arbitrary<RandomRun> {
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      queue: fc.boolean(),
      effect: fc.constantFrom('remove' as const, 'away' as const),
      timeoutMinutes: fc.integer({ min: 1, max: 15 }),
      durationMinutes: fc.integer({ min: 20, max: 90 }),
      maxSessions: fc.array(fc.option(fc.integer({ min: 1, max: 3 })), {
        minLength: 1,
        maxLength: 2,
      }),
      operators: fc.array(
        fc.record({
          lang: langArb,
          extraLanguages: fc.subarray(['en_US', 'fr_FR', 'de_DE']),
          country: fc.option(countryArb, { nil: undefined }),
          expertises: expertiseArb,
          channelPick: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
          breaks: fc.option(breaksArb, { nil: undefined }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      streams: fc.array(
        fc.record({
          arrivalsPerHour: fc.integer({ min: 10, max: 120 }),
          languages: fc.subarray(['en_US', 'fr_FR', 'de_DE'], { minLength: 1 }),
          countries: fc.option(fc.subarray(['BE', 'FR', 'US'], { minLength: 1 }), {
            nil: undefined,
          }),
          expertises: expertiseArb,
          returningFraction: fc.constantFrom(0, 0.5),
          chatMinutes: distArb,
          patienceMinutes: fc.option(distArb, { nil: undefined }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      inputs: fc.array(
        fc.record({
          minute: fc.integer({ min: 0, max: 90 }),
          kind: fc.constantFrom('operator.join', 'operator.leave', 'operator.languages'),
          languages: fc.subarray(['en_US', 'fr_FR', 'de_DE']),
          operator: fc.nat(),
          channel: fc.nat(),
        }),
        { maxLength: 4 },
      ),
    })
    .map((r): RandomRun => {
      const channels: Channel[] = r.maxSessions.map((m, i) => ({
        id: `c${i}`,
        name: `Channel ${i}`,
        maxSessions: m,
      }));
      const operators = r.operators.map((o, i) =>
        operator(`o${i}`, {
          lang: o.lang,
          extraLanguages: o.extraLanguages.filter((l) => l !== o.lang),
          ...(o.country !== undefined ? { country: o.country } : {}),
          expertises: o.expertises,
          channels: channels.filter((_, j) => o.channelPick[j]).map((c) => c.id),
          activity: o.breaks ? { kind: 'breaks', breaks: o.breaks } : { kind: 'always' },
        }),
      );
      const visitors = r.streams.map((v, i) =>
        visitorStream({
          channel: channels[i % channels.length].id,
          arrivalsPerHour: v.arrivalsPerHour,
          languages: Object.fromEntries(v.languages.map((l) => [l, 1])),
          ...(v.countries ? { countries: Object.fromEntries(v.countries.map((c) => [c, 1])) } : {}),
          expertises: v.expertises,
          returningFraction: v.returningFraction,
          chatMinutes: v.chatMinutes,
          ...(v.patienceMinutes ? { patienceMinutes: v.patienceMinutes } : {}),
        }),
      );
      const inputs: HumanInput[] = r.inputs
        .map((x): HumanInput => ({
          t: x.minute * 60,
          type: x.kind,
          operator: operators[x.operator % operators.length].id,
          ...(x.kind === 'operator.languages'
            ? { languages: x.languages }
            : { channel: channels[x.channel % channels.length].id }),
        }))
        .sort((a, b) => a.t - b.t);
      return {
        scenario: scenario({
          seed: r.seed,
          policy,
          whenNoOperator: r.queue ? 'queue' : 'unavailable',
          inactivity: { timeoutMinutes: r.timeoutMinutes, effect: r.effect },
          durationMinutes: r.durationMinutes,
          channels,
          operators,
          visitors,
        }),
        inputs,
      };
    });
}
