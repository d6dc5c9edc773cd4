import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AssignmentReason, SimEvent } from '../../src/sim/events.ts';
import {
  createMetrics,
  createTimeSeries,
  createTimeline,
  summarize,
  WaitHistogram,
  servedLine,
} from '../../src/sim/metrics.ts';
import { erlangScenario } from './erlang-fixtures.ts';

const reason: AssignmentReason = {
  policy: 'odoo',
  tier: 'anyone',
  rule: 'least-active',
  candidates: [],
  ties: 1,
};

/** Two operators on one channel with maxSessions 2: op1 speaks English, op2 French; 10 minutes. */
function scenario() {
  const s = erlangScenario({
    operators: 2,
    maxSessions: 2,
    arrivalsPerHour: 30,
    chatMinutes: 2,
    whenNoOperator: 'queue',
    durationMinutes: 10,
  });
  return s;
}

const arrived = (t: number, visitor: string, lang: string): SimEvent => ({
  t,
  type: 'visitor.arrived',
  visitor,
  channel: 'website',
  lang,
});
const queued = (t: number, visitor: string, position = 1): SimEvent => ({
  t,
  type: 'visitor.queued',
  visitor,
  channel: 'website',
  position,
});
const assigned = (t: number, visitor: string, operator: string): SimEvent => ({
  t,
  type: 'visitor.assigned',
  visitor,
  operator,
  channel: 'website',
  reason,
});
const started = (t: number, visitor: string, operator: string): SimEvent => ({
  t,
  type: 'chat.started',
  visitor,
  operator,
});
const ended = (t: number, visitor: string, operator: string): SimEvent => ({
  t,
  type: 'chat.ended',
  visitor,
  operator,
});

/**
 * v1 (en) served at once by op1, 10→110.
 * v2 (fr) queued 20→50, then op1 (no French), 50→150.
 * v3 (en) turned away at 30.
 * v4 (fr) queued 40, abandoned at 100.
 * v5 (fr) queued 60→75, op2 (French) is absent: unanswered at 135.
 * v6 (en) served at once at 200 by op2, who added English as an Online Chat Language at 190.
 */
function handLog(): SimEvent[] {
  return [
    { t: 0, type: 'operator.joined', operator: 'op1', channel: 'website', reason: 'start' },
    { t: 0, type: 'operator.joined', operator: 'op2', channel: 'website', reason: 'start' },
    { t: 0, type: 'operator.status', operator: 'op1', status: 'online' },
    { t: 0, type: 'operator.status', operator: 'op2', status: 'online' },
    arrived(10, 'v1', 'en_US'),
    assigned(10, 'v1', 'op1'),
    started(10, 'v1', 'op1'),
    arrived(20, 'v2', 'fr_FR'),
    queued(20, 'v2'),
    arrived(30, 'v3', 'en_US'),
    { t: 30, type: 'visitor.unavailable', visitor: 'v3', channel: 'website' },
    arrived(40, 'v4', 'fr_FR'),
    queued(40, 'v4', 2),
    assigned(50, 'v2', 'op1'),
    started(50, 'v2', 'op1'),
    arrived(60, 'v5', 'fr_FR'),
    queued(60, 'v5', 2),
    { t: 70, type: 'operator.break.started', operator: 'op2' },
    assigned(75, 'v5', 'op2'),
    { t: 100, type: 'visitor.abandoned', visitor: 'v4', channel: 'website', reason: 'patience' },
    ended(110, 'v1', 'op1'),
    { t: 135, type: 'visitor.unanswered', visitor: 'v5', operator: 'op2', channel: 'website' },
    ended(135, 'v5', 'op2'),
    ended(150, 'v2', 'op1'),
    { t: 180, type: 'operator.break.ended', operator: 'op2' },
    { t: 190, type: 'operator.languages', operator: 'op2', languages: ['en_US'] },
    arrived(200, 'v6', 'en_US'),
    assigned(200, 'v6', 'op2'),
    started(200, 'v6', 'op2'),
    ended(260, 'v6', 'op2'),
    { t: 300, type: 'operator.status', operator: 'op2', status: 'away' },
    { t: 300, type: 'operator.left', operator: 'op2', channel: 'website', reason: 'inactivity' },
    { t: 400, type: 'operator.status', operator: 'op2', status: 'online' },
    { t: 400, type: 'operator.joined', operator: 'op2', channel: 'website', reason: 'return' },
  ];
}

describe('createMetrics on a hand-built log', () => {
  const s = summarize(scenario(), handLog());

  it('counts visitors by outcome: served + abandoned + unavailable, unanswered among served', () => {
    expect(s.visitors).toBe(6);
    expect(s.served).toBe(4);
    expect(s.abandoned).toBe(1);
    expect(s.unavailable).toBe(1);
    expect(s.unanswered).toBe(1);
    expect(s.waiting).toBe(0);
  });

  it('waitedFraction: not assigned at arrival ÷ (visitors − unavailable) = 3/5', () => {
    expect(s.waitedFraction).toBeCloseTo(3 / 5, 12);
  });

  it('meanWaitSeconds: arrival → assignment over served visitors = (0 + 30 + 15 + 0)/4', () => {
    expect(s.meanWaitSeconds).toBeCloseTo(11.25, 12);
  });

  it('serviceLevel: assigned within 20 s ÷ (visitors − unavailable) = 3/5 (v2 waited 30 s)', () => {
    expect(s.serviceLevelSeconds).toBe(20);
    expect(s.serviceLevel).toBeCloseTo(3 / 5, 12);
  });

  it('languageMatch counts Online Chat Languages as changed during the run: 3 of 4', () => {
    expect(s.languageMatch).toBeCloseTo(3 / 4, 12);
  });

  it('languageSplit: main language 2 (v1, v5), Online Chat Language 1 (v6), none 1 (v2)', () => {
    expect(s.languageSplit).toEqual({ main: 2, extra: 1, none: 1 });
    const { main, extra, none } = s.languageSplit;
    expect(main + extra + none).toBe(s.served);
  });

  it('peakOpenChats: op1 held v1 and v2 at once (50→110), op2 never more than one', () => {
    expect(s.operators.map((o) => o.peakOpenChats)).toEqual([2, 1]);
  });

  it('meanTimeToAnswerSeconds: arrival → chat.started, unanswered visitors left out', () => {
    expect(s.meanTimeToAnswerSeconds).toBeCloseTo((0 + 30 + 0) / 3, 12);
  });

  it('answeredFraction counts every visitor: 3 chats started (v1, v2, v6) ÷ 6 visitors', () => {
    expect(s.answeredFraction).toBeCloseTo(3 / 6, 12);
  });

  it('answeredWithinTarget: chats started within 20 s of arrival (v1, v6) ÷ 6 visitors', () => {
    // v2 started at 30 s; v3 turned away, v4 abandoned and v5 unanswered count against it too.
    expect(s.answeredWithinTarget).toBeCloseTo(2 / 6, 12);
    expect(s.perLanguage.find((l) => l.lang === 'en_US')!.answeredWithinTarget).toBeCloseTo(
      2 / 3,
      12,
    );
  });

  it('abandonmentRate over visitors not turned away; unavailableRate over all', () => {
    expect(s.abandonmentRate).toBeCloseTo(1 / 5, 12);
    expect(s.unavailableRate).toBeCloseTo(1 / 6, 12);
  });

  it('reads wait percentiles from the histogram', () => {
    expect(s.p50WaitSeconds).toBe(0);
    expect(s.p90WaitSeconds!).toBeGreaterThan(15);
    expect(s.p90WaitSeconds!).toBeLessThanOrEqual(30);
    expect(s.p95WaitSeconds!).toBeGreaterThanOrEqual(s.p90WaitSeconds!);
    expect(s.maxWaitSeconds).toBe(30);
  });

  it('simulates at least the scenario duration and counts every event', () => {
    expect(s.simulatedSeconds).toBe(600);
    expect(s.events).toBe(handLog().length);
  });

  it('measures operators: sessions, busy time, time-average open chats, utilisation', () => {
    const [op1, op2] = s.operators;
    expect(op1.id).toBe('op1');
    expect(op1.sessions).toBe(2);
    expect(op1.busyFraction).toBeCloseTo(140 / 600, 12); // open 10→150
    expect(op1.meanOpenChats).toBeCloseTo(200 / 600, 12); // 100 s + 100 s of chats
    expect(op1.utilisation).toBeCloseTo(200 / 600 / 2, 12);
    expect(op2.sessions).toBe(2);
    expect(op2.busyFraction).toBeCloseTo(120 / 600, 12); // an unanswered chat is open too
    expect(op2.meanOpenChats).toBeCloseTo(120 / 600, 12);
  });

  it('breaks results down by channel and by language', () => {
    expect(s.perChannel).toHaveLength(1);
    expect(s.perChannel[0]).toMatchObject({ channel: 'website', visitors: 6, served: 4 });
    const en = s.perLanguage.find((l) => l.lang === 'en_US')!;
    const fr = s.perLanguage.find((l) => l.lang === 'fr_FR')!;
    expect(en).toMatchObject({ visitors: 3, served: 2, unavailable: 1, abandoned: 0 });
    expect(en.languageMatch).toBe(1);
    expect(fr).toMatchObject({ visitors: 3, served: 2, abandoned: 1, unanswered: 1 });
    expect(fr.languageMatch).toBeCloseTo(1 / 2, 12);
    expect(fr.meanWaitSeconds).toBeCloseTo((30 + 15) / 2, 12);
  });

  it('is plain JSON: no NaN or Infinity even with nothing to divide by', () => {
    const empty = summarize(scenario(), []);
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
    expect(empty.meanWaitSeconds).toBeNull();
    expect(empty.serviceLevel).toBeNull();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('forgets every visitor once their last event has been read', () => {
    const m = createMetrics(scenario());
    const log = handLog();
    let peak = 0;
    for (const e of log) {
      m.add(e);
      peak = Math.max(peak, m.inFlight);
    }
    expect(peak).toBe(4); // v1, v2, v4 and v5 at t = 60
    expect(m.inFlight).toBe(0);
  });

  it('reports visitors still waiting mid-run', () => {
    const partial = summarize(
      scenario(),
      handLog().filter((e) => e.t <= 45),
    );
    expect(partial.visitors).toBe(4);
    expect(partial.waiting).toBe(2); // v2 and v4 in the queue
  });

  it('leaves out visitors arriving before the warm-up, and starts time-averages there', () => {
    const w = summarize(scenario(), handLog(), { warmupSeconds: 45 });
    expect(w.visitors).toBe(2); // v5, v6
    expect(w.served).toBe(2);
    expect(w.unanswered).toBe(1);
    expect(w.operators[0].busyFraction).toBeCloseTo((150 - 45) / (600 - 45), 12);
  });
});

describe('createTimeSeries', () => {
  const ts = (() => {
    const r = createTimeSeries(scenario(), 60);
    for (const e of handLog()) r.add(e);
    return r.result();
  })();

  it('has one bin per minute of the run', () => {
    expect(ts.t).toHaveLength(10);
    expect(ts.t[3]).toBe(180);
  });

  it('counts arrivals and outcomes in the bin where they happen', () => {
    expect(ts.arrivals.slice(0, 4)).toEqual([4, 1, 0, 1]);
    expect(ts.unavailable[0]).toBe(1);
    expect(ts.abandoned[1]).toBe(1);
    expect(ts.unanswered[2]).toBe(1);
    expect(ts.assigned.slice(0, 4)).toEqual([2, 1, 0, 1]);
  });

  it('integrates the queue length: max and time-average per bin', () => {
    expect(ts.queueMax.slice(0, 3)).toEqual([2, 2, 0]);
    expect(ts.queueMean[0]).toBeCloseTo(50 / 60, 12); // 1 for 20 s, 2 for 10 s, 1 for 10 s
    expect(ts.queueMean[1]).toBeCloseTo(55 / 60, 12); // 2 for 15 s, 1 for 25 s
  });

  it('integrates active chats, unanswered ones included', () => {
    expect(ts.activeChatsMax.slice(0, 2)).toEqual([2, 3]);
    expect(ts.activeChatsMean[0]).toBeCloseTo(1, 12);
    expect(ts.activeChatsMean[1]).toBeCloseTo(155 / 60, 12);
  });

  it('does not carry a level into the next bin when it changes exactly at the edge', () => {
    const r = createTimeSeries(scenario(), 60);
    for (const e of [arrived(0, 'a', 'en_US'), queued(0, 'a'), assigned(60, 'a', 'op1')]) r.add(e);
    const edge = r.result();
    expect(edge.queueMax.slice(0, 2)).toEqual([1, 0]);
    expect(edge.queueMean[0]).toBe(1);
    expect(edge.activeChatsMax.slice(0, 2)).toEqual([0, 1]);
  });

  it('gives the service level of the visitors who arrived in each bin', () => {
    expect(ts.admitted[0]).toBe(3);
    expect(ts.serviceLevel[0]).toBeCloseTo(1 / 3, 12);
    expect(ts.serviceLevel[1]).toBe(1);
    expect(ts.serviceLevel[2]).toBeNull();
  });

  it('tracks operators online', () => {
    expect(ts.onlineOperatorsMean[4]).toBe(2);
    expect(ts.onlineOperatorsMean[5]).toBe(1); // op2 away from 300 to 400
    expect(ts.onlineOperatorsMean[6]).toBeCloseTo((40 * 1 + 20 * 2) / 60, 12);
  });

  it('builds wait histograms for served and abandoned visitors', () => {
    expect(ts.waitHistogram.binSeconds).toBe(10);
    expect(ts.waitHistogram.served.slice(0, 4)).toEqual([2, 1, 0, 1]);
    expect(ts.waitHistogram.abandoned[6]).toBe(1); // v4 gave up after 60 s
  });
});

describe('createTimeline', () => {
  const tl = (() => {
    const r = createTimeline(scenario());
    for (const e of handLog()) r.add(e);
    r.add(arrived(500, 'v7', 'en_US'));
    r.add(assigned(500, 'v7', 'op1'));
    return r.result();
  })();
  const op1 = tl.operators.find((o) => o.id === 'op1')!;
  const op2 = tl.operators.find((o) => o.id === 'op2')!;

  it('lists sessions with when the operator was really there', () => {
    expect(op1.sessions.map((s) => [s.visitor, s.start, s.end])).toEqual([
      ['v1', 10, 110],
      ['v2', 50, 150],
      ['v7', 500, 600],
    ]);
    expect(op1.sessions[2].open).toBe(true);
    expect(op2.sessions[0]).toMatchObject({ visitor: 'v5', startedAt: null, unanswered: true });
  });

  it('lists breaks, away periods and removals from the channel', () => {
    expect(op2.breaks).toEqual([{ start: 70, end: 180, open: false }]);
    expect(op2.statuses).toEqual([{ status: 'away', start: 300, end: 400, open: false }]);
    expect(op2.absences).toEqual([
      { channel: 'website', reason: 'inactivity', start: 300, end: 400, open: false },
    ]);
  });
});

describe('WaitHistogram', () => {
  it('reads quantiles within about 3 % of the exact ones', () => {
    const h = new WaitHistogram();
    const values: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const v = i % 5 === 0 ? 0 : ((i * 7919) % 3600) / 3 + 0.05;
      values.push(v);
      h.add(v);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.1, 0.5, 0.9, 0.95, 0.99]) {
      const exact = values[Math.ceil(q * values.length) - 1];
      expect(Math.abs(h.quantile(q)! - exact)).toBeLessThanOrEqual(0.03 * exact + 0.1);
    }
    expect(h.quantile(1)).toBe(values[values.length - 1]);
  });

  it('is empty until something is added', () => {
    expect(new WaitHistogram().quantile(0.5)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Property: invariants and agreement with a naive whole-log computation, on random well-formed logs.
// ---------------------------------------------------------------------------------------------

type Fate =
  | { kind: 'unavailable' }
  | { kind: 'abandoned'; patience: number }
  | { kind: 'served'; wait: number; absent: number; chat: number; unanswered: boolean };

const fateArb: fc.Arbitrary<Fate> = fc.oneof(
  fc.constant<Fate>({ kind: 'unavailable' }),
  fc.record({
    kind: fc.constant('abandoned' as const),
    patience: fc.integer({ min: 1, max: 300 }),
  }),
  fc.record({
    kind: fc.constant('served' as const),
    wait: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 })),
    absent: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
    chat: fc.integer({ min: 1, max: 600 }),
    unanswered: fc.boolean(),
  }),
);

const visitorArb = fc.record({
  at: fc.integer({ min: 0, max: 1200 }),
  lang: fc.constantFrom('en_US', 'fr_FR'),
  operator: fc.constantFrom('op1', 'op2'),
  fate: fateArb,
});

type RandomVisitor = { at: number; lang: string; operator: string; fate: Fate };

function buildLog(visitors: RandomVisitor[]): SimEvent[] {
  const items: { t: number; seq: number; e: SimEvent }[] = [];
  let seq = 0;
  const push = (e: SimEvent) => items.push({ t: e.t, seq: seq++, e });
  visitors.forEach((v, i) => {
    const id = `v${i}`;
    push(arrived(v.at, id, v.lang));
    const f = v.fate;
    if (f.kind === 'unavailable') {
      push({ t: v.at, type: 'visitor.unavailable', visitor: id, channel: 'website' });
    } else if (f.kind === 'abandoned') {
      push(queued(v.at, id));
      push({ t: v.at + f.patience, type: 'visitor.abandoned', visitor: id, channel: 'website' });
    } else {
      if (f.wait > 0) push(queued(v.at, id));
      const a = v.at + f.wait;
      push(assigned(a, id, v.operator));
      if (f.absent > 0 && f.unanswered) {
        push({
          t: a + f.absent,
          type: 'visitor.unanswered',
          visitor: id,
          operator: v.operator,
          channel: 'website',
        });
        push(ended(a + f.absent, id, v.operator));
      } else {
        push(started(a + f.absent, id, v.operator));
        push(ended(a + f.absent + f.chat, id, v.operator));
      }
    }
  });
  // Stable by time: each visitor's own events keep their causal order within an instant.
  items.sort((x, y) => x.t - y.t || x.seq - y.seq);
  return items.map((x) => x.e);
}

describe('metrics on random well-formed logs (fast-check)', () => {
  it('keeps visitors = served + abandoned + unavailable, fractions in [0, 1], and agrees with a naive count', () => {
    fc.assert(
      fc.property(fc.array(visitorArb, { maxLength: 60 }), (visitors) => {
        const log = buildLog(visitors);
        const m = createMetrics(scenario());
        for (const e of log) m.add(e);
        const s = m.summary();
        expect(m.inFlight).toBe(0);
        expect(s.visitors).toBe(visitors.length);
        expect(s.served + s.abandoned + s.unavailable).toBe(s.visitors);
        expect(s.unanswered).toBeLessThanOrEqual(s.served);
        for (const x of [
          s.waitedFraction,
          s.serviceLevel,
          s.languageMatch,
          s.abandonmentRate,
          s.unavailableRate,
        ]) {
          if (x !== null) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1);
          }
        }
        for (const op of s.operators) {
          expect(op.busyFraction).toBeGreaterThanOrEqual(0);
          expect(op.busyFraction).toBeLessThanOrEqual(1 + 1e-12);
          expect(op.meanOpenChats).toBeGreaterThanOrEqual(op.busyFraction - 1e-12);
        }
        // The naive computation over the whole log.
        const served = visitors.filter((v) => v.fate.kind === 'served');
        const admitted = visitors.filter((v) => v.fate.kind !== 'unavailable');
        expect(s.served).toBe(served.length);
        const waits = served.map((v) => (v.fate as { wait: number }).wait);
        if (served.length > 0) {
          expect(s.meanWaitSeconds).toBeCloseTo(waits.reduce((a, b) => a + b, 0) / waits.length, 9);
          expect(s.maxWaitSeconds).toBe(Math.max(...waits));
          expect(s.p50WaitSeconds!).toBeLessThanOrEqual(s.p90WaitSeconds!);
          expect(s.p90WaitSeconds!).toBeLessThanOrEqual(s.p95WaitSeconds!);
          expect(s.p95WaitSeconds!).toBeLessThanOrEqual(s.maxWaitSeconds!);
        }
        if (admitted.length > 0) {
          expect(s.serviceLevel).toBeCloseTo(
            waits.filter((w) => w <= 20).length / admitted.length,
            12,
          );
          expect(s.waitedFraction).toBeCloseTo(
            (admitted.length - waits.filter((w) => w === 0).length) / admitted.length,
            12,
          );
        }
        const sessions = s.operators.reduce((a, o) => a + o.sessions, 0);
        expect(sessions).toBe(served.length);
        // The headline figures: every visitor in the denominator.
        const answered = served.filter((v) => {
          const f = v.fate as Extract<Fate, { kind: 'served' }>;
          return !(f.absent > 0 && f.unanswered);
        });
        const answerTimes = answered.map((v) => {
          const f = v.fate as Extract<Fate, { kind: 'served' }>;
          return f.wait + f.absent;
        });
        if (visitors.length > 0) {
          expect(s.answeredFraction).toBeCloseTo(answered.length / visitors.length, 12);
          expect(s.answeredWithinTarget).toBeCloseTo(
            answerTimes.filter((w) => w <= 20).length / visitors.length,
            12,
          );
          expect(s.visitors).toBe(answered.length + s.unanswered + s.abandoned + s.unavailable);
        } else {
          expect(s.answeredFraction).toBeNull();
          expect(s.answeredWithinTarget).toBeNull();
        }
      }),
      { numRuns: 300, seed: 20240611 },
    );
  });
});

describe('servedLine', () => {
  it('writes big counts with thousands separators, as every other count on the page', () => {
    expect(servedLine({ served: 16121, unanswered: 1234 })).toBe(
      'Served 16,121, of which 1,234 unanswered',
    );
    expect(servedLine({ served: 95, unanswered: 7 })).toBe('Served 95, of which 7 unanswered');
  });
});
