/**
 * The engine on a clock (issue 8): hourly profiles as a non-homogeneous Poisson process, traces
 * replayed to the second, shifts through the operator machine, and staffing by hour.
 */
import { describe, expect, it } from 'vitest';
import { operatorsNeeded } from '../../src/sim/analytic.ts';
import { eventLog } from '../../src/sim/engine.ts';
import type { SimEvent } from '../../src/sim/events.ts';
import { createByHour } from '../../src/sim/metrics/by-hour.ts';
import type { Operator, Scenario, Shift, VisitorStream } from '../../src/sim/scenario/types.ts';
import { operator } from './helpers/policy-harness.ts';
import { parseScenario, formatErrors } from '../../src/sim/scenario/validate.ts';
import { expectedArrivals } from '../../src/sim/traffic.ts';
import { exampleScenario } from './fixtures.ts';

function scenario(patch: Partial<Scenario>): Scenario {
  const s: Scenario = {
    ...exampleScenario(),
    channels: [{ id: 'web', name: 'Web', maxSessions: null }],
    ...patch,
  };
  const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
  if (!parsed.ok) throw new Error(formatErrors(parsed.errors).join('\n'));
  return parsed.scenario;
}

const stream = (patch: Partial<VisitorStream>): VisitorStream => ({
  channel: 'web',
  languages: { en_US: 1 },
  expertises: [],
  returningFraction: 0,
  chatMinutes: { dist: 'fixed', value: 5 },
  ...patch,
});

const shiftOperator = (id: string, shifts: Shift[]): Operator =>
  operator(id, { activity: { kind: 'shifts', shifts, breaks: [] } });

const of = <T extends SimEvent['type']>(log: SimEvent[], type: T) =>
  log.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

describe('an hourly profile', () => {
  // A day shape with quiet nights, a peak and an empty hour, weekend factors.
  const byHour = [
    2, 1, 0, 1, 2, 4, 8, 14, 24, 30, 32, 28, 18, 20, 26, 24, 20, 14, 10, 8, 6, 4, 3, 2,
  ];
  const byWeekday = { saturday: 0.5, sunday: 0.25 };

  it('gives arrivals per hour of the week that match it (chi-square, fixed seed)', () => {
    const weeks = 4;
    const s = scenario({
      durationMinutes: weeks * 7 * 1440,
      startsAt: { weekday: 'wednesday', time: '13:30' },
      operators: [],
      visitors: [
        stream({ arrivalsPerHour: { byHour, byWeekday } as VisitorStream['arrivalsPerHour'] }),
      ],
    });
    const offset = (2 * 24 + 13.5) * 3600;
    const observed = new Array<number>(168).fill(0);
    for (const e of of(eventLog(s, { seed: 20260302 }), 'visitor.arrived'))
      observed[Math.floor((offset + e.t) / 3600) % 168]++;
    // Expected per hour of the week: the profile's rate over the run's hours in that slot.
    const expected = new Array<number>(168).fill(0);
    for (let h = 0; h < weeks * 168; h++) {
      const from = h * 3600;
      const how = Math.floor((offset + from) / 3600) % 168;
      expected[how] += expectedArrivals(s, s.visitors[0], from, from + 3600);
    }
    // The run starts mid-hour: the first and last half hours share a slot; recount exactly.
    expected.fill(0);
    for (let t = 0; t < s.durationMinutes * 60; t += 1800) {
      const how = Math.floor((offset + t) / 3600) % 168;
      expected[how] += expectedArrivals(s, s.visitors[0], t, t + 1800);
    }
    let chi2 = 0;
    let df = -1;
    for (let i = 0; i < 168; i++) {
      if (expected[i] === 0) {
        expect(observed[i], `hour ${i} has no traffic`).toBe(0);
        continue;
      }
      chi2 += (observed[i] - expected[i]) ** 2 / expected[i];
      df++;
    }
    console.log(
      `chi-square of arrivals per hour of the week: ${chi2.toFixed(1)} on ${df} degrees of freedom (${observed.reduce((a, b) => a + b, 0)} arrivals; 99.9% critical value ≈ 211)`,
    );
    expect(df).toBeGreaterThan(140);
    // χ²(0.999, 160) ≈ 211 (Wilson–Hilferty): a profile rounded per hour, or drawn at the wrong
    // clock, is far beyond it.
    expect(chi2).toBeLessThan(211);
  });

  it('the test can fail: arrivals at the profile’s mean rate do not fit it', () => {
    const s = scenario({
      durationMinutes: 7 * 1440,
      operators: [],
      visitors: [stream({ arrivalsPerHour: byHour.reduce((a, b) => a + b, 0) / 24 })],
    });
    const p = scenario({
      durationMinutes: 7 * 1440,
      operators: [],
      visitors: [stream({ arrivalsPerHour: { byHour } as VisitorStream['arrivalsPerHour'] })],
    });
    const perHour = (log: SimEvent[]) => {
      const n = new Array<number>(24).fill(0);
      for (const e of of(log, 'visitor.arrived')) n[Math.floor(e.t / 3600) % 24]++;
      return n;
    };
    const flat = perHour(eventLog(s));
    const shaped = perHour(eventLog(p));
    const chi2 = (obs: number[]) =>
      obs.reduce(
        (sum, o, h) => (byHour[h] > 0 ? sum + (o - 7 * byHour[h]) ** 2 / (7 * byHour[h]) : sum),
        0,
      );
    expect(chi2(flat)).toBeGreaterThan(5 * chi2(shaped));
  });

  it('draws arrival times from their own stream: who arrives does not depend on when', () => {
    const base = { durationMinutes: 600, operators: [] as Operator[] };
    const a = scenario({
      ...base,
      visitors: [
        stream({
          arrivalsPerHour: { byHour: new Array(24).fill(30) } as VisitorStream['arrivalsPerHour'],
          languages: { en_US: 1, fr_FR: 1 },
        }),
      ],
    });
    const b = scenario({
      ...base,
      visitors: [
        stream({
          arrivalsPerHour: { byHour: new Array(24).fill(60) } as VisitorStream['arrivalsPerHour'],
          languages: { en_US: 1, fr_FR: 1 },
        }),
      ],
    });
    const langs = (s: Scenario) => of(eventLog(s), 'visitor.arrived').map((e) => e.lang);
    const la = langs(a);
    const lb = langs(b);
    expect(lb.length).toBeGreaterThan(la.length * 1.5);
    expect(lb.slice(0, la.length)).toEqual(la);
  });
});

describe('a trace', () => {
  it('is replayed to the second: each visitor at its time, chatting for its recorded length', () => {
    const trace = [
      { at: 0, chatSeconds: 61 },
      { at: 59.5, chatSeconds: 0, lang: 'fr_FR' },
      { at: 59.5, chatSeconds: 3600, country: 'BE' },
      { at: 7199, chatSeconds: 12.25 },
    ];
    const s = scenario({
      durationMinutes: 120,
      visitors: [stream({ arrivals: { trace } })],
      operators: [
        { ...exampleScenario().operators[0], channels: ['web'], activity: { kind: 'always' } },
      ],
    });
    const log = eventLog(s);
    const arrived = of(log, 'visitor.arrived');
    expect(arrived.map((e) => e.t)).toEqual([0, 59.5, 59.5, 7199]);
    expect(arrived[1].lang).toBe('fr_FR');
    expect(arrived[2].country).toBe('BE');
    const started = new Map(of(log, 'chat.started').map((e) => [e.visitor, e.t]));
    const lengths = of(log, 'chat.ended').map((e) => e.t - started.get(e.visitor)!);
    expect(new Map(of(log, 'chat.ended').map((e, i) => [e.visitor, lengths[i]]))).toEqual(
      new Map([
        ['v1', 61],
        ['v2', 0],
        ['v3', 3600],
        ['v4', 12.25],
      ]),
    );
  });
});

describe('shifts', () => {
  it('across midnight: joins at 22:00 Sunday, leaves at 06:00 Monday, offline between', () => {
    const s = scenario({
      durationMinutes: 16 * 60,
      startsAt: { weekday: 'sunday', time: '20:00' },
      whenNoOperator: 'queue',
      operators: [shiftOperator('night', [{ days: ['sunday'], from: '22:00', to: '06:00' }])],
      visitors: [stream({ arrivalsPerHour: 6 })],
    });
    const log = eventLog(s);
    const mine = log.filter((e) => e.type.startsWith('operator.'));
    expect(mine.slice(0, 3)).toEqual([
      { t: 0, type: 'operator.status', operator: 'night', status: 'offline' },
      { t: 7200, type: 'operator.joined', operator: 'night', channel: 'web', reason: 'shift' },
      { t: 7200, type: 'operator.status', operator: 'night', status: 'online' },
    ]);
    expect(mine).toContainEqual({
      t: 10 * 3600,
      type: 'operator.left',
      operator: 'night',
      channel: 'web',
      reason: 'shift',
    });
    // Visitors who came before 22:00 waited in the queue and were served at 22:00 sharp.
    const early = of(log, 'visitor.arrived').filter((e) => e.t < 7200);
    expect(early.length).toBeGreaterThan(0);
    const assigned = new Map(of(log, 'visitor.assigned').map((e) => [e.visitor, e.t]));
    expect(assigned.get(early[0].visitor)).toBe(7200);
    for (const e of of(log, 'visitor.assigned')) {
      expect(e.t).toBeGreaterThanOrEqual(7200);
      expect(e.t).toBeLessThan(10 * 3600);
    }
  });

  it('at its end: leaves at once, takes no new visitor, finishes the chats, then goes offline', () => {
    const s = scenario({
      durationMinutes: 60,
      startsAt: { weekday: 'monday', time: '09:00' },
      whenNoOperator: 'queue',
      operators: [shiftOperator('day', [{ days: ['monday'], from: '09:00', to: '09:30' }])],
      visitors: [
        stream({
          arrivals: {
            trace: [
              { at: 1700, chatSeconds: 600 },
              { at: 1750, chatSeconds: 300 },
              { at: 1810, chatSeconds: 60 },
            ],
          },
        }),
      ],
    });
    const log = eventLog(s);
    const ops = log.filter((e) => e.type.startsWith('operator.'));
    expect(ops).toEqual([
      { t: 0, type: 'operator.joined', operator: 'day', channel: 'web', reason: 'shift' },
      { t: 0, type: 'operator.status', operator: 'day', status: 'online' },
      { t: 1800, type: 'operator.left', operator: 'day', channel: 'web', reason: 'shift' },
      // The last chat in progress (v1, 1700 + 600 s) ends at 2300.
      { t: 2300, type: 'operator.status', operator: 'day', status: 'offline' },
    ]);
    expect(of(log, 'chat.ended').map((e) => [e.visitor, e.t])).toEqual([
      ['v2', 2050],
      ['v1', 2300],
    ]);
    // v3 came after the shift ended: nobody was on shift to take it.
    expect(of(log, 'visitor.assigned').map((e) => e.visitor)).toEqual(['v1', 'v2']);
    expect(of(log, 'visitor.abandoned')).toEqual([
      { t: 2300, type: 'visitor.abandoned', visitor: 'v3', channel: 'web', reason: 'run-ended' },
    ]);
  });

  it('a shift begun before time 0 is in progress at time 0; one after it starts on time', () => {
    const s = scenario({
      durationMinutes: 600,
      startsAt: { weekday: 'tuesday', time: '10:00' },
      operators: [
        shiftOperator('early', [{ days: ['tuesday'], from: '08:00', to: '12:00' }]),
        shiftOperator('late', [{ days: ['tuesday'], from: '12:00', to: '20:00' }]),
      ],
      visitors: [],
    });
    // Visitors all day keep the run going through both shifts.
    const busy = scenario({ ...s, visitors: [stream({ arrivalsPerHour: 2 })] });
    const ops = eventLog(busy).filter(
      (e) => e.type === 'operator.joined' || e.type === 'operator.left',
    );
    expect(ops.slice(0, 3)).toEqual([
      { t: 0, type: 'operator.joined', operator: 'early', channel: 'web', reason: 'shift' },
      { t: 7200, type: 'operator.left', operator: 'early', channel: 'web', reason: 'shift' },
      { t: 7200, type: 'operator.joined', operator: 'late', channel: 'web', reason: 'shift' },
    ]);
  });
});

describe('staffing by hour', () => {
  it('operators needed match hand-computed Erlang C values', () => {
    // λ = 60/h, 4-minute chats: a = 4 erlangs. 1 − C(c, 4)·e^{−(c/240 − 1/60)·20}:
    // c = 6 → 0.759, c = 7 → 0.895 (the first at least 80%).
    const base = {
      arrivalRate: 60 / 3600,
      meanChatSeconds: 240,
      meanPatienceSeconds: null,
      serviceLevelSeconds: 20,
    };
    expect(operatorsNeeded({ ...base, maxSessions: 1 })).toBe(7);
    // Two sessions each: 3 operators = 6 servers (0.759), 4 = 8 servers (0.958).
    expect(operatorsNeeded({ ...base, maxSessions: 2 })).toBe(4);
    // λ = 120/h, 6-minute chats: a = 12; c = 15 → 0.730, c = 16 → 0.836.
    expect(
      operatorsNeeded({ ...base, arrivalRate: 120 / 3600, meanChatSeconds: 360, maxSessions: 1 }),
    ).toBe(16);
    // 90% within 20 s: c = 17 → 0.904.
    expect(
      operatorsNeeded({
        ...base,
        arrivalRate: 120 / 3600,
        meanChatSeconds: 360,
        maxSessions: 1,
        target: 0.9,
      }),
    ).toBe(17);
    expect(operatorsNeeded({ ...base, arrivalRate: 0, maxSessions: 1 })).toBe(0);
    expect(operatorsNeeded({ ...base, maxSessions: null })).toBe(1);
  });

  it('with patience (Erlang A) needs no more than without, and the same when patience is endless', () => {
    const base = {
      arrivalRate: 120 / 3600,
      meanChatSeconds: 360,
      serviceLevelSeconds: 20,
      maxSessions: 1,
    };
    const c = operatorsNeeded({ ...base, meanPatienceSeconds: null });
    expect(operatorsNeeded({ ...base, meanPatienceSeconds: 1e9 })).toBe(c);
    const a = operatorsNeeded({ ...base, meanPatienceSeconds: 60 });
    expect(a).toBeLessThanOrEqual(c);
    expect(a).toBeGreaterThan(0);
  });

  it('rows per weekday and hour: arrivals, answered within target, wait, on shift, needed', () => {
    const s = scenario({
      durationMinutes: 2 * 1440,
      startsAt: { weekday: 'friday', time: '00:00' },
      whenNoOperator: 'queue',
      channels: [{ id: 'web', name: 'Web', maxSessions: 1 }],
      operators: [
        shiftOperator('a', [{ days: ['friday'], from: '09:00', to: '17:00' }]),
        shiftOperator('b', [{ days: ['friday', 'saturday'], from: '09:30', to: '10:30' }]),
      ],
      visitors: [
        stream({
          arrivalsPerHour: {
            byHour: Array.from({ length: 24 }, (_, h) => (h === 10 ? 60 : 0)),
            byWeekday: {},
          } as VisitorStream['arrivalsPerHour'],
          chatMinutes: { dist: 'exponential', mean: 4 },
        }),
      ],
    });
    const byHour = createByHour(s);
    for (const e of eventLog(s)) byHour.add(e);
    const rows = byHour.result();
    expect(rows).toHaveLength(48);
    expect(rows[0]).toMatchObject({
      weekday: 'friday',
      hour: 0,
      arrivals: 0,
      onShift: 0,
      neededErlang: 0,
    });
    const fri9 = rows.find((r) => r.weekday === 'friday' && r.hour === 9)!;
    expect(fri9.onShift).toBe(1.5);
    const fri10 = rows.find((r) => r.weekday === 'friday' && r.hour === 10)!;
    expect(fri10.onShift).toBe(1.5);
    // 60 an hour of 4-minute chats, no patience: 7 operators (hand-computed above).
    expect(fri10.neededErlang).toBe(7);
    expect(fri10.arrivals).toBeGreaterThan(30);
    expect(fri10.answeredWithinTarget).toBeGreaterThanOrEqual(0);
    expect(fri10.answeredWithinTarget).toBeLessThan(0.8);
    expect(fri10.meanWaitSeconds).toBeGreaterThan(0);
    const sat10 = rows.find((r) => r.weekday === 'saturday' && r.hour === 10)!;
    expect(sat10.onShift).toBe(0.5);
    expect(sat10.neededErlang).toBe(7);
    expect(rows.filter((r) => r.arrivals > 0).every((r) => r.hour === 10)).toBe(true);
  });
});
