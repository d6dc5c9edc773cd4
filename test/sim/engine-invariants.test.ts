/**
 * Nothing lost (issue 2 §6): a property-based fuzz over random valid scenarios, with and without a
 * trainee sending random inputs. Every visitor ends in exactly one of served / abandoned /
 * unavailable, every session ends once, no operator exceeds maxSessions, time never goes back, the
 * summary adds up (test/sim/log-invariants.ts lists every check). A failing case found here is
 * pinned in regressions.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventLog } from '../../src/sim/engine.ts';
import type { SimEvent } from '../../src/sim/events.ts';
import { parseScenario } from '../../src/sim/scenario/validate.ts';
import { exampleScenario } from './fixtures.ts';
import { scenarioArb, traineeRunArb } from './gen.ts';
import { logViolations } from './log-invariants.ts';

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
