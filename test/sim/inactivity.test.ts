/**
 * Inactivity on breaks (issue 2 §2, §6): away or removed exactly `timeoutMinutes` after the last
 * activity. Activity is the break's start, or the end of the last chat in progress when the break
 * started mid-chat; for a trainee, every input. Until the timeout fires the absent operator is
 * still online to Odoo and gets chats nobody answers.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, eventLog, type HumanInput } from '../../src/sim/engine.ts';
import type { SimEvent } from '../../src/sim/events.ts';
import type { Operator, Scenario, VisitorStream } from '../../src/sim/scenario/types.ts';
import { exampleScenario } from './fixtures.ts';
import { logViolations } from '../../src/fuzz/log-invariants.ts';

const MIN = 60;

/**
 * `op` (the operator under test, on channels `a` and `b`) and `keeper`, always at the keyboard on
 * channel `other`, whose steady visitors keep the run going until the horizon.
 */
function scenario(opts: {
  op: Partial<Operator>;
  timeoutMinutes: number;
  effect: 'remove' | 'away';
  streams?: VisitorStream[];
  durationMinutes?: number;
}): Scenario {
  const s = exampleScenario();
  s.durationMinutes = opts.durationMinutes ?? 150;
  s.inactivity = { timeoutMinutes: opts.timeoutMinutes, effect: opts.effect };
  s.channels = [
    { id: 'a', name: 'A', maxSessions: null },
    { id: 'b', name: 'B', maxSessions: null },
    { id: 'other', name: 'Other', maxSessions: null },
  ];
  s.operators = [
    {
      id: 'op',
      name: 'Op',
      lang: 'en_US',
      extraLanguages: [],
      expertises: [],
      channels: ['a', 'b'],
      activity: { kind: 'always' },
      ...opts.op,
    },
    {
      id: 'keeper',
      name: 'Keeper',
      lang: 'en_US',
      extraLanguages: [],
      expertises: [],
      channels: ['other'],
      activity: { kind: 'always' },
    },
  ];
  s.visitors = [stream('other', 120, 1), ...(opts.streams ?? [])];
  return s;
}

function stream(channel: string, perHour: number, chatMinutes: number, patience?: number) {
  const v: VisitorStream = {
    channel,
    arrivalsPerHour: perHour,
    languages: { en_US: 1 },
    expertises: [],
    returningFraction: 0,
    chatMinutes: { dist: 'fixed', value: chatMinutes },
  };
  if (patience !== undefined) v.patienceMinutes = { dist: 'fixed', value: patience };
  return v;
}

/** The operator's own presence and membership events, as compact strings. */
function presence(log: SimEvent[], op = 'op'): string[] {
  const out: string[] = [];
  for (const e of log) {
    if (!('operator' in e) || e.operator !== op) continue;
    if (e.type === 'operator.status') out.push(`${e.t} status ${e.status}`);
    else if (e.type === 'operator.joined') out.push(`${e.t} joined ${e.channel} ${e.reason}`);
    else if (e.type === 'operator.left') out.push(`${e.t} left ${e.channel} ${e.reason}`);
    else if (e.type === 'operator.break.started') out.push(`${e.t} break`);
    else if (e.type === 'operator.break.ended') out.push(`${e.t} back`);
  }
  return out;
}

type Of<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const all = <T extends SimEvent['type']>(log: SimEvent[], type: T) =>
  log.filter((e): e is Of<T> => e.type === type);

function run(s: Scenario, inputs?: HumanInput[]): SimEvent[] {
  const log = eventLog(s, { inputs });
  expect(logViolations(s, log)).toEqual([]);
  // Both runtimes agree on every case here too.
  expect(eventLog(s, { inputs, runtime: 'actors' })).toEqual(log);
  return log;
}

describe('inactivity, effect remove (the guide)', () => {
  it('offline and removed from every channel exactly timeoutMinutes after the break starts; back on return', () => {
    const s = scenario({
      op: { activity: { kind: 'breaks', breaks: [{ atMinute: 10, minutes: 60 }] } },
      timeoutMinutes: 30,
      effect: 'remove',
    });
    expect(presence(run(s))).toEqual([
      '0 status online',
      '0 joined a start',
      '0 joined b start',
      `${10 * MIN} break`,
      `${40 * MIN} status offline`,
      `${40 * MIN} left a inactivity`,
      `${40 * MIN} left b inactivity`,
      `${70 * MIN} back`,
      `${70 * MIN} status online`,
      `${70 * MIN} joined a return`,
      `${70 * MIN} joined b return`,
    ]);
  });

  it('a break started mid-chat: the timer runs from the end of the last chat in progress', () => {
    const s = scenario({
      op: {
        channels: ['a'],
        activity: { kind: 'breaks', breaks: [{ atMinute: 30, minutes: 100 }] },
      },
      timeoutMinutes: 10,
      effect: 'remove',
      // 20-minute chats, often: several are in progress when the break starts.
      streams: [stream('a', 20, 20)],
      durationMinutes: 180,
    });
    const log = run(s);
    const breakAt = 30 * MIN;
    const started = new Map(
      all(log, 'chat.started')
        .filter((e) => e.operator === 'op')
        .map((e) => [e.visitor, e.t]),
    );
    const inProgress = all(log, 'chat.ended').filter(
      (e) => e.operator === 'op' && started.get(e.visitor)! < breakAt && e.t > breakAt,
    );
    expect(inProgress.length).toBeGreaterThan(0);
    const lastActivity = Math.max(...inProgress.map((e) => e.t));
    const removed = log.find(
      (e) => e.type === 'operator.status' && e.operator === 'op' && e.status === 'offline',
    );
    expect(removed?.t).toBeCloseTo(lastActivity + 10 * MIN, 6);
    expect(log).toContainEqual({
      t: removed!.t,
      type: 'operator.left',
      operator: 'op',
      channel: 'a',
      reason: 'inactivity',
    });
  });

  it('chats assigned to the absent operator are not activity: the timer runs from the break start', () => {
    const s = scenario({
      op: {
        channels: ['a'],
        activity: { kind: 'breaks', breaks: [{ atMinute: 30, minutes: 100 }] },
      },
      timeoutMinutes: 10,
      effect: 'remove',
      // Instant chats: none is in progress when the break starts. 2 minutes of patience.
      streams: [stream('a', 30, 0.01, 2)],
      durationMinutes: 180,
    });
    const log = run(s);
    const breakAt = 30 * MIN;
    const startedBefore = new Set(
      all(log, 'chat.started')
        .filter((e) => e.operator === 'op' && e.t <= breakAt)
        .map((e) => e.visitor),
    );
    expect(
      all(log, 'chat.ended').filter((e) => startedBefore.has(e.visitor) && e.t > breakAt),
    ).toEqual([]);
    const inBreak = all(log, 'visitor.assigned').filter(
      (e) => e.operator === 'op' && e.t > breakAt && e.t < breakAt + 10 * MIN,
    );
    expect(inBreak.length).toBeGreaterThan(0);
    expect(presence(log)).toContain(`${40 * MIN} status offline`);
  });

  it('a break shorter than the timeout changes nothing visible to Odoo', () => {
    const s = scenario({
      op: {
        activity: {
          kind: 'breaks',
          breaks: [
            { atMinute: 10, minutes: 29.5 },
            { atMinute: 50, minutes: 5 },
          ],
        },
      },
      timeoutMinutes: 30,
      effect: 'remove',
    });
    expect(presence(run(s))).toEqual([
      '0 status online',
      '0 joined a start',
      '0 joined b start',
      `${10 * MIN} break`,
      `${39.5 * MIN} back`,
      `${50 * MIN} break`,
      `${55 * MIN} back`,
    ]);
  });

  it('a break exactly as long as the timeout is not "more than" the timeout: nothing happens', () => {
    // The guide: no activity for *more than* thirty minutes. The break's end, scheduled first,
    // comes before the timer at the same instant and cancels it.
    const s = scenario({
      op: { activity: { kind: 'breaks', breaks: [{ atMinute: 10, minutes: 30 }] } },
      timeoutMinutes: 30,
      effect: 'remove',
    });
    expect(presence(run(s)).slice(3)).toEqual([`${10 * MIN} break`, `${40 * MIN} back`]);
    // A millisecond longer and the operator is removed at the 30-minute mark.
    const longer = scenario({
      op: { activity: { kind: 'breaks', breaks: [{ atMinute: 10, minutes: 30.001 }] } },
      timeoutMinutes: 30,
      effect: 'remove',
    });
    expect(presence(run(longer)).slice(3, 5)).toEqual([
      `${10 * MIN} break`,
      `${40 * MIN} status offline`,
    ]);
  });
});

describe('inactivity, effect away (Odoo’s code)', () => {
  it('away at the same instant, still a member, not assigned while away, online at the break end', () => {
    const s = scenario({
      op: {
        channels: ['a'],
        activity: { kind: 'breaks', breaks: [{ atMinute: 10, minutes: 60 }] },
      },
      timeoutMinutes: 30,
      effect: 'away',
      streams: [stream('a', 30, 2)],
    });
    const log = run(s);
    expect(presence(log)).toEqual([
      '0 status online',
      '0 joined a start',
      `${10 * MIN} break`,
      `${40 * MIN} status away`,
      `${70 * MIN} back`,
      `${70 * MIN} status online`,
    ]);
    expect(all(log, 'operator.left')).toEqual([]);
    // While away nobody can take channel a's visitors (Odoo: "no available collaborator").
    const awayWindow = (t: number) => t >= 40 * MIN && t < 70 * MIN;
    const inA = <T extends { channel: string }>(xs: T[]) => xs.filter((e) => e.channel === 'a');
    expect(inA(all(log, 'visitor.assigned')).filter((e) => awayWindow(e.t))).toEqual([]);
    const turnedAway = inA(all(log, 'visitor.unavailable'));
    expect(turnedAway.length).toBeGreaterThan(3);
    expect(turnedAway.every((e) => awayWindow(e.t))).toBe(true);
    // …and the engine still counts them as a member: the view says so mid-break.
    const engine = createEngine(s);
    engine.runUntil(50 * MIN);
    const op = engine.view().operators.find((o) => o.id === 'op')!;
    expect(op).toMatchObject({
      status: 'away',
      channels: ['a'],
      onBreak: true,
      state: 'away.onBreak',
    });
    expect(engine.view().channels.find((c) => c.id === 'a')!.members).toEqual(['op']);
  });
});

describe('an absent operator still online to Odoo', () => {
  it('gets chats, which start when the break ends, or end unanswered when patience runs out first', () => {
    const s = scenario({
      op: {
        channels: ['a'],
        activity: { kind: 'breaks', breaks: [{ atMinute: 10, minutes: 25 }] },
      },
      timeoutMinutes: 60,
      effect: 'remove',
      streams: [stream('a', 30, 3, 5)],
      durationMinutes: 60,
    });
    const log = run(s);
    const breakStart = 10 * MIN;
    const breakEnd = 35 * MIN;
    // A break shorter than the timeout: no status change…
    expect(presence(log).filter((x) => x.includes('status'))).toEqual(['0 status online']);
    const arrivals = new Map(all(log, 'visitor.arrived').map((e) => [e.visitor, e.t]));
    const duringBreak = all(log, 'visitor.assigned').filter(
      (e) => e.channel === 'a' && e.t > breakStart && e.t < breakEnd,
    );
    expect(duringBreak.length).toBeGreaterThan(5);
    let unanswered = 0;
    let startedLate = 0;
    for (const a of duringBreak) {
      // …assigned at once, on arrival…
      expect(a.operator).toBe('op');
      expect(a.t).toBe(arrivals.get(a.visitor));
      const mine = log.filter((e) => 'visitor' in e && e.visitor === a.visitor);
      if (a.t + 5 * MIN < breakEnd) {
        // …patience (5 min) runs out first: unanswered, then chat.ended, at the same instant.
        unanswered++;
        expect(mine.map((e) => e.type)).toEqual([
          'visitor.arrived',
          'visitor.assigned',
          'visitor.unanswered',
          'chat.ended',
        ]);
        expect(mine[2].t).toBeCloseTo(a.t + 5 * MIN, 6);
        expect(mine[3].t).toBe(mine[2].t);
      } else {
        // …or the operator comes back first: the chat starts then and takes its full 3 minutes.
        startedLate++;
        expect(mine.map((e) => [e.type, e.t])).toEqual([
          ['visitor.arrived', a.t],
          ['visitor.assigned', a.t],
          ['chat.started', breakEnd],
          ['chat.ended', breakEnd + 3 * MIN],
        ]);
      }
    }
    expect(unanswered).toBeGreaterThan(0);
    expect(startedLate).toBeGreaterThan(0);
  });
});

describe('a trainee', () => {
  const trainee = (effect: 'remove' | 'away') =>
    scenario({
      op: { channels: ['a'], activity: { kind: 'trainee' } },
      timeoutMinutes: 10,
      effect,
    });
  const activity = (t: number): HumanInput => ({ t, type: 'operator.activity', operator: 'op' });

  it('activity restarts the timer; once removed they are not rejoined until they press Join', () => {
    const inputs: HumanInput[] = [
      activity(5 * MIN),
      activity(12 * MIN),
      // removed at 22 min; active again at 30 min; Join at 31 min
      activity(30 * MIN),
      { t: 31 * MIN, type: 'operator.join', operator: 'op', channel: 'a' },
    ];
    expect(presence(run(trainee('remove'), inputs))).toEqual([
      '0 status online',
      '0 joined a start',
      `${22 * MIN} status offline`,
      `${22 * MIN} left a inactivity`,
      `${30 * MIN} status online`,
      `${31 * MIN} joined a join`,
      // No more activity: removed again 10 minutes after the last input.
      `${40 * MIN} status offline`,
      `${40 * MIN} left a inactivity`,
    ]);
    // Without the Join, they stay out of the channel for good.
    const noJoin = presence(run(trainee('remove'), inputs.slice(0, 3)));
    expect(noJoin.filter((x) => x.includes('joined'))).toEqual(['0 joined a start']);
  });

  it('with effect away, activity brings them back online, still a member', () => {
    expect(presence(run(trainee('away'), [activity(3 * MIN), activity(20 * MIN)]))).toEqual([
      '0 status online',
      '0 joined a start',
      `${13 * MIN} status away`,
      `${20 * MIN} status online`,
      `${30 * MIN} status away`,
    ]);
  });

  it('the view shows when the timer fires, moved by each activity', () => {
    const engine = createEngine(trainee('remove'));
    const deadline = () => engine.view().operators.find((o) => o.id === 'op')!.inactivityDeadline;
    expect(deadline()).toBe(10 * MIN);
    engine.runUntil(4 * MIN);
    engine.input({ type: 'operator.activity', operator: 'op' });
    expect(deadline()).toBe(14 * MIN);
    engine.runUntil(14 * MIN);
    expect(engine.view().operators.find((o) => o.id === 'op')).toMatchObject({
      status: 'offline',
      channels: [],
      inactivityDeadline: null,
    });
  });
});
