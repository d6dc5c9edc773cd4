/**
 * Nothing lost (issue 2 §6): a property-based fuzz over random valid scenarios, with and without a
 * trainee sending random inputs. Every visitor ends in exactly one of served / abandoned /
 * unavailable, every session ends once, no operator exceeds maxSessions, time never goes back, the
 * summary adds up (src/fuzz/log-invariants.ts lists every check). A failing case found here is
 * pinned in regressions.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, eventLog, type HumanInput, type WorldView } from '../../src/sim/engine.ts';
import type { SimEvent } from '../../src/sim/events.ts';
import type { Scenario } from '../../src/sim/scenario/types.ts';
import { formatErrors, parseScenario } from '../../src/sim/scenario/validate.ts';
import { exampleScenario } from './fixtures.ts';
import { scenarioArb, traineeRunArb } from '../../src/fuzz/gen.ts';
import { logViolations } from '../../src/fuzz/log-invariants.ts';

describe('the scenario generator', () => {
  it('makes valid, normalized scenarios: parsing one gives it back unchanged', () => {
    fc.assert(
      fc.property(scenarioArb({ trainee: false }), (s) => {
        const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
        expect(parsed.ok ? [] : parsed.errors).toEqual([]);
        if (parsed.ok) expect(parsed.scenario).toEqual(s);
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it('…also with a clock: startsAt, shifts, hourly profiles and recorded traces', () => {
    let shifts = 0;
    let profiles = 0;
    let traces = 0;
    fc.assert(
      fc.property(scenarioArb({ clock: true }), (s) => {
        shifts += s.operators.filter((o) => o.activity.kind === 'shifts').length;
        profiles += s.visitors.filter((v) => typeof v.arrivalsPerHour === 'object').length;
        traces += s.visitors.filter((v) => v.arrivals).length;
        const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
        expect(parsed.ok ? [] : formatErrors(parsed.errors)).toEqual([]);
        if (parsed.ok) expect(parsed.scenario).toEqual(s);
      }),
      { numRuns: 300, seed: 8 },
    );
    expect(Math.min(shifts, profiles, traces)).toBeGreaterThan(50);
  });

  it('covers the corners the engine properties rely on', () => {
    const samples = fc.sample(scenarioArb(), { numRuns: 300, seed: 3 });
    const has = (p: (s: (typeof samples)[number]) => boolean) => samples.some(p);
    expect(has((s) => s.whenNoOperator === 'queue')).toBe(true);
    expect(has((s) => s.whenNoOperator === 'unavailable')).toBe(true);
    expect(has((s) => s.inactivity.effect === 'away')).toBe(true);
    expect(has((s) => s.inactivity.effect === 'remove')).toBe(true);
    for (const kind of ['always', 'breaks', 'random-breaks'])
      expect(has((s) => s.operators.some((o) => o.activity.kind === kind))).toBe(true);
    // A break longer than the inactivity timeout, and one shorter.
    const breakVsTimeout = (cmp: (minutes: number, timeout: number) => boolean) =>
      has((s) =>
        s.operators.some(
          (o) =>
            o.activity.kind === 'breaks' &&
            o.activity.breaks.some((b) => cmp(b.minutes, s.inactivity.timeoutMinutes)),
        ),
      );
    expect(breakVsTimeout((m, t) => m > t)).toBe(true);
    expect(breakVsTimeout((m, t) => m < t)).toBe(true);
    for (const d of ['exponential', 'fixed', 'lognormal', 'uniform'])
      expect(has((s) => s.visitors.some((v) => v.chatMinutes.dist === d))).toBe(true);
    expect(has((s) => s.visitors.some((v) => v.patienceMinutes !== undefined))).toBe(true);
    expect(has((s) => s.visitors.some((v) => v.returningFraction > 0))).toBe(true);
    expect(has((s) => s.channels.some((c) => c.maxSessions === null))).toBe(true);
    expect(has((s) => s.channels.some((c) => c.maxSessions === 1))).toBe(true);
    expect(new Set(samples.map((s) => s.policy)).size).toBe(6);
  });
});

/** An event's type, with the detail that tells its cases apart (`operator.status away`). */
function kindOf(e: SimEvent): string {
  if (e.type === 'operator.status') return `${e.type} ${e.status}`;
  if (e.type === 'operator.joined' || e.type === 'operator.left') return `${e.type} ${e.reason}`;
  if (e.type === 'visitor.abandoned') return `${e.type} ${e.reason}`;
  return e.type;
}

describe('nothing lost', () => {
  it('the checks catch a broken log (they can fail)', () => {
    const s = exampleScenario();
    const log = eventLog(s, { seed: 5 });
    expect(logViolations(s, log)).toEqual([]);
    const assigned = log.findIndex((e) => e.type === 'visitor.assigned');
    const ended = log.findIndex(
      (e) =>
        e.type === 'chat.ended' &&
        e.visitor === (log[assigned] as Extract<SimEvent, { visitor: string }>).visitor,
    );
    expect(assigned).toBeGreaterThan(0);
    const dropped = log.filter((_, i) => i !== ended);
    expect(logViolations(s, dropped).join('\n')).toMatch(/served, 0 chat.ended/);
    const twice = [...log.slice(0, ended + 1), log[ended], ...log.slice(ended + 1)];
    expect(logViolations(s, twice).join('\n')).toMatch(/ended twice/);
    const backwards = [...log];
    [backwards[3], backwards[log.length - 1]] = [backwards[log.length - 1], backwards[3]];
    expect(logViolations(s, backwards).join('\n')).toMatch(/t goes back/);
    // Two sessions at once for Joel in `support` (max 2) become three.
    const tight = { ...s, channels: s.channels.map((c) => ({ ...c, maxSessions: 1 })) };
    const busy = eventLog({ ...s, visitors: [{ ...s.visitors[0], arrivalsPerHour: 60 }] });
    expect(logViolations(tight, busy).join('\n')).toMatch(/sessions in website, max 1/);
  });

  it('every visitor ends once, every session ends once, capacity holds (random scenarios)', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const log = eventLog(s);
        for (const e of log) {
          const k = kindOf(e);
          seen.set(k, (seen.get(k) ?? 0) + 1);
        }
        expect(logViolations(s, log)).toEqual([]);
      }),
      { numRuns: 300, seed: 20260 },
    );
    // The fuzz really had visitors to lose, and reached every way a visitor or an operator can go.
    expect(seen.get('visitor.arrived')).toBeGreaterThan(3000);
    expect([...seen.keys()].sort()).toEqual(
      expect.arrayContaining([
        'chat.ended',
        'chat.started',
        'operator.break.ended',
        'operator.break.started',
        'operator.joined return',
        'operator.joined start',
        'operator.left inactivity',
        'operator.status away',
        'operator.status offline',
        'operator.status online',
        'visitor.abandoned patience',
        'visitor.abandoned run-ended',
        'visitor.assigned',
        'visitor.queued',
        'visitor.unanswered',
        'visitor.unavailable',
      ]),
    );
  });

  it('…also with shifts, hourly profiles and traces: nobody assigned outside a shift', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(scenarioArb({ clock: true }), (s) => {
        const log = eventLog(s);
        for (const e of log) {
          const k = kindOf(e);
          seen.set(k, (seen.get(k) ?? 0) + 1);
        }
        expect(logViolations(s, log)).toEqual([]);
      }),
      { numRuns: 300, seed: 20262 },
    );
    expect([...seen.keys()]).toEqual(
      expect.arrayContaining(['operator.joined shift', 'operator.left shift', 'visitor.assigned']),
    );
  });

  it('…also with a trainee sending random inputs (join, leave, languages, chat.close)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(traineeRunArb(), ({ scenario, inputs }) => {
        const log = eventLog(scenario, { inputs });
        for (const e of log) seen.add(kindOf(e));
        expect(logViolations(scenario, log)).toEqual([]);
      }),
      { numRuns: 150, seed: 20261 },
    );
    expect([...seen]).toEqual(
      expect.arrayContaining(['operator.joined join', 'operator.left leave', 'operator.languages']),
    );
  });
});

/** What the log says the world looks like, kept up to date event by event. */
function worldFromLog(scenario: Scenario) {
  const status = new Map(scenario.operators.map((o) => [o.id, 'online']));
  const onBreak = new Map(scenario.operators.map((o) => [o.id, false]));
  const members = new Map(scenario.operators.map((o) => [o.id, new Set<string>()]));
  const queues = new Map(scenario.channels.map((c) => [c.id, [] as string[]]));
  /** In-flight visitors: channel, operator once assigned, started. */
  const visitors = new Map<string, { channel: string; operator?: string; started: boolean }>();
  const add = (e: SimEvent) => {
    switch (e.type) {
      case 'operator.status':
        status.set(e.operator, e.status);
        break;
      case 'operator.break.started':
      case 'operator.break.ended':
        onBreak.set(e.operator, e.type === 'operator.break.started');
        break;
      case 'operator.joined':
        members.get(e.operator)!.add(e.channel);
        break;
      case 'operator.left':
        members.get(e.operator)!.delete(e.channel);
        break;
      case 'visitor.arrived':
        visitors.set(e.visitor, { channel: e.channel, started: false });
        break;
      case 'visitor.queued':
        queues.get(e.channel)!.push(e.visitor);
        break;
      case 'visitor.assigned':
        visitors.get(e.visitor)!.operator = e.operator;
        queues.set(
          e.channel,
          queues.get(e.channel)!.filter((v) => v !== e.visitor),
        );
        break;
      case 'chat.started':
        visitors.get(e.visitor)!.started = true;
        break;
      case 'visitor.abandoned':
        queues.set(
          e.channel,
          queues.get(e.channel)!.filter((v) => v !== e.visitor),
        );
        visitors.delete(e.visitor);
        break;
      case 'visitor.unavailable':
      case 'chat.ended':
        visitors.delete(e.visitor);
        break;
    }
  };
  return { status, onBreak, members, queues, visitors, add };
}

const PRESENCE: Record<string, RegExp> = {
  online: /^online\.(working|finishing|shiftEnding|idle\.(onBreak|trainee))$/,
  away: /^away\.(onBreak|trainee)$/,
  offline: /^(disconnected\.(onBreak|trainee)|offShift)$/,
};

function viewViolations(scenario: Scenario, view: WorldView, w: ReturnType<typeof worldFromLog>) {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok && out.length < 10) out.push(`t=${view.t} ${what}`);
  };
  const channelOrder = scenario.channels.map((c) => c.id);
  for (const op of view.operators) {
    const sessions = [...w.visitors].filter(([, v]) => v.operator === op.id);
    check(op.status === w.status.get(op.id), `${op.id} status ${op.status}`);
    check(PRESENCE[op.status].test(op.state), `${op.id} state ${op.state} while ${op.status}`);
    check(op.onBreak === w.onBreak.get(op.id), `${op.id} onBreak ${op.onBreak}`);
    check(
      JSON.stringify(op.channels) ===
        JSON.stringify(channelOrder.filter((c) => w.members.get(op.id)!.has(c))),
      `${op.id} channels ${op.channels}`,
    );
    check(op.load === sessions.length, `${op.id} load ${op.load}, ${sessions.length} sessions`);
    check(
      JSON.stringify(op.sessions.map((s) => [s.visitor, s.channel, s.started]).sort()) ===
        JSON.stringify(sessions.map(([id, v]) => [id, v.channel, v.started]).sort()),
      `${op.id} sessions ${JSON.stringify(op.sessions)}`,
    );
    check(
      (op.inactivityDeadline !== null) === op.state.startsWith('online.idle.'),
      `${op.id} deadline ${op.inactivityDeadline} in ${op.state}`,
    );
    if (op.inactivityDeadline !== null)
      check(op.inactivityDeadline >= view.t, `${op.id} deadline ${op.inactivityDeadline} passed`);
  }
  for (const ch of view.channels) {
    check(
      JSON.stringify(ch.members) ===
        JSON.stringify(
          scenario.operators.filter((o) => w.members.get(o.id)!.has(ch.id)).map((o) => o.id),
        ),
      `${ch.id} members ${ch.members}`,
    );
    check(
      JSON.stringify(ch.queue.map((q) => q.visitor)) === JSON.stringify(w.queues.get(ch.id)),
      `${ch.id} queue ${JSON.stringify(ch.queue)}`,
    );
    check(ch.state === (ch.queue.length > 0 ? 'queueing' : 'open'), `${ch.id} state ${ch.state}`);
  }
  check(
    JSON.stringify(view.visitors.map((v) => v.id).sort()) ===
      JSON.stringify([...w.visitors.keys()].sort()),
    `in-flight visitors ${view.visitors.map((v) => v.id)}`,
  );
  for (const v of view.visitors) {
    const known = w.visitors.get(v.id);
    if (!known) continue;
    const expected = known.started
      ? 'chatting'
      : known.operator
        ? 'waiting.forOperator'
        : 'waiting.inQueue';
    check(v.state === expected, `${v.id} state ${v.state}, expected ${expected}`);
    check(v.operator === known.operator, `${v.id} operator ${v.operator}`);
  }
  return out;
}

describe('the view', () => {
  it('the comparison can fail', () => {
    const s = exampleScenario();
    const w = worldFromLog(s);
    const engine = createEngine(s, { onEvent: w.add });
    engine.runUntil(20 * 60);
    expect(viewViolations(s, engine.view(), w)).toEqual([]);
    const view = engine.view();
    // Mitchell is on his break (minutes 10 to 55): say he is not, and drop a member of Website.
    view.operators[1].onBreak = false;
    view.channels[0].members.pop();
    expect(viewViolations(s, view, w)).toHaveLength(2);
  });

  it('agrees with the log after every step (random scenarios, with and without a trainee)', () => {
    const check = (scenario: Scenario, inputs?: HumanInput[]) => {
      const w = worldFromLog(scenario);
      const engine = createEngine(scenario, { inputs, onEvent: w.add });
      expect(viewViolations(scenario, engine.view(), w)).toEqual([]);
      while (engine.step()) expect(viewViolations(scenario, engine.view(), w)).toEqual([]);
      expect(engine.view().visitors).toEqual([]);
    };
    fc.assert(
      fc.property(scenarioArb({ maxArrivalsPerHour: 20 }), (s) => check(s)),
      {
        numRuns: 80,
        seed: 515,
      },
    );
    fc.assert(
      fc.property(traineeRunArb({ maxArrivalsPerHour: 20 }), ({ scenario, inputs }) =>
        check(scenario, inputs),
      ),
      { numRuns: 60, seed: 516 },
    );
  });
});
