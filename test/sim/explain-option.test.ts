/**
 * `explain: false` (EngineOptions): a run that only feeds figures skips the reasons' candidate and
 * exclusion lists, and nothing else changes. On random scenarios under every policy, the log is
 * the explained log with those lists taken out, event for event, and the summary is identical.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventLog } from '../../src/sim/engine.ts';
import type { SimEvent } from '../../src/sim/events.ts';
import { summarize } from '../../src/sim/metrics.ts';
import { runFigures, runOnce } from '../../src/sim/sweep/figures.ts';
import { POLICY_NAMES } from '../../src/sim/scenario/types.ts';
import { scenarioArb, toJsonl, traineeRunArb } from '../../src/fuzz/gen.ts';
import { exampleScenario } from './fixtures.ts';

/** The explained log without the lists `explain: false` leaves out. */
function withoutLists(log: SimEvent[]): SimEvent[] {
  return log.map((e) => {
    if (e.type !== 'visitor.assigned') return e;
    const { excluded: _excluded, ...reason } = e.reason;
    return { ...e, reason: { ...reason, candidates: [] } };
  });
}

describe('explain: false', () => {
  it('leaves the log as it was but for the candidate and exclusion lists, and the figures alike', () => {
    let assigned = 0;
    let listed = 0;
    fc.assert(
      fc.property(scenarioArb(), fc.constantFrom(...POLICY_NAMES), (scenario, policy) => {
        const full = eventLog(scenario, { policy });
        const lean = eventLog(scenario, { policy, explain: false });
        expect(toJsonl(lean)).toBe(toJsonl(withoutLists(full)));
        expect(summarize(scenario, lean)).toEqual(summarize(scenario, full));
        for (const e of full)
          if (e.type === 'visitor.assigned') {
            assigned++;
            if (e.reason.candidates.length > 0) listed++;
          }
      }),
      { numRuns: 60, seed: 11 },
    );
    // The property compared real lists, not empty ones.
    expect(assigned).toBeGreaterThan(200);
    expect(listed).toBe(assigned);
  });

  it('holds on trainee runs whose members join and leave (the routing keeps who has room as bits)', () => {
    let moves = 0;
    fc.assert(
      fc.property(traineeRunArb(), ({ scenario, inputs }) => {
        const full = eventLog(scenario, { inputs });
        const lean = eventLog(scenario, { inputs, explain: false });
        expect(toJsonl(lean)).toBe(toJsonl(withoutLists(full)));
        moves += full.filter(
          (e) => e.type === 'operator.joined' || e.type === 'operator.left',
        ).length;
      }),
      { numRuns: 60, seed: 12 },
    );
    expect(moves).toBeGreaterThan(30);
  });

  it('holds in a channel of more than 31 members (no bits: every member is looked at)', () => {
    const s = exampleScenario();
    const base = s.operators[0];
    s.operators = Array.from({ length: 40 }, (_, i) => ({
      ...base,
      id: `op${i}`,
      name: `Operator ${i}`,
      channels: [s.channels[0].id],
    }));
    s.visitors = [{ ...s.visitors[0], channel: s.channels[0].id, arrivalsPerHour: 600 }];
    const full = eventLog(s, { seed: 3 });
    const lean = eventLog(s, { seed: 3, explain: false });
    expect(full.filter((e) => e.type === 'visitor.assigned').length).toBeGreaterThan(100);
    expect(toJsonl(lean)).toBe(toJsonl(withoutLists(full)));
  });

  it('sweeps run without lists and get the figures of the explained run', () => {
    const s = exampleScenario();
    const full = summarize(s, eventLog(s, { seed: 5 }));
    expect(full.visitors).toBeGreaterThan(5);
    expect(runOnce(s, 5)).toEqual(runFigures(full));
  });
});
