/**
 * Fast path = actor path (issue 2 §3 "Speed"). The compiled runtime executes the machine
 * definitions by walking XState's StateNode tree; this checks, on hundreds of random scenarios and
 * seeds, that it gives the byte-identical JSON Lines log real XState actors give. If the compiled
 * interpretation ever drifts from XState (a transition order, an exit action, an `after` timer),
 * some random scenario exposes it here.
 *
 * The actor path is ~5× slower, so the scenarios are kept small (≤ 15 arrivals/h per stream, ≤ 2 h).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, eventLog, type HumanInput } from '../../src/sim/engine.ts';
import { parseScenario } from '../../src/sim/scenario/validate.ts';
import { POLICY_NAMES, type Scenario } from '../../src/sim/scenario/types.ts';
import { exampleScenario } from './fixtures.ts';
import { inputsArb, scenarioArb, toJsonl, traineeRunArb } from '../../src/fuzz/gen.ts';
import { PRACTICE_SCENARIOS } from '../../src/sim/training/practice-scenarios.ts';
import {
  attemptTrace,
  playAttempt,
  practiceSession,
  traineeStepsArb,
} from './helpers/practice-visitor.ts';

const small = { maxArrivalsPerHour: 15, maxDurationMinutes: 120 };

function bothLogs(scenario: Scenario, options: { seed?: number; inputs?: HumanInput[] } = {}) {
  return {
    compiled: toJsonl(eventLog(scenario, { ...options, runtime: 'compiled' })),
    actors: toJsonl(eventLog(scenario, { ...options, runtime: 'actors' })),
  };
}

describe('compiled runtime = XState actors', () => {
  it('the comparison can fail: logs of different seeds differ', () => {
    const s = exampleScenario();
    expect(toJsonl(eventLog(s, { seed: 1, runtime: 'actors' }))).not.toBe(
      toJsonl(eventLog(s, { seed: 2, runtime: 'compiled' })),
    );
  });

  it('byte-identical JSON Lines on 400 random scenarios and seeds', () => {
    let events = 0;
    fc.assert(
      fc.property(scenarioArb(small), fc.integer(), (scenario, seed) => {
        const { compiled, actors } = bothLogs(scenario, { seed });
        events += compiled.length === 0 ? 0 : compiled.split('\n').length - 1;
        expect(actors).toBe(compiled);
      }),
      { numRuns: 400, seed: 4242 },
    );
    expect(events).toBeGreaterThan(5000);
  });

  it('byte-identical on 300 random scenarios with a clock (shifts, hourly profiles, traces)', () => {
    let shiftEvents = 0;
    fc.assert(
      fc.property(scenarioArb({ ...small, clock: true }), fc.integer(), (scenario, seed) => {
        const { compiled, actors } = bothLogs(scenario, { seed });
        shiftEvents += compiled.split('"reason":"shift"').length - 1;
        expect(actors).toBe(compiled);
      }),
      { numRuns: 300, seed: 4245 },
    );
    expect(shiftEvents).toBeGreaterThan(200);
  });

  it('byte-identical with a trainee and random human inputs (activity, join, leave, languages, chat.close)', () => {
    fc.assert(
      fc.property(traineeRunArb(small), ({ scenario, inputs }) => {
        const { compiled, actors } = bothLogs(scenario, { inputs });
        expect(actors).toBe(compiled);
      }),
      { numRuns: 120, seed: 4243 },
    );
  });

  it('identical views (machine states included) step by step, with inputs sent live', () => {
    let closed = 0;
    fc.assert(
      fc.property(
        scenarioArb({ ...small, trainee: true }).chain((scenario) =>
          fc.tuple(fc.constant(scenario), inputsArb(scenario)),
        ),
        ([scenario, inputs]) => {
          const a = createEngine(scenario, { runtime: 'compiled' });
          const b = createEngine(scenario, { runtime: 'actors' });
          expect(b.view()).toEqual(a.view());
          let next = 0;
          while (!a.done) {
            // Live inputs go in between steps, at the engine's current time.
            while (next < inputs.length && inputs[next].t <= a.now) {
              const { t: _t, ...input } = inputs[next++];
              // Close one of the operator's real sessions when they have any.
              const sessions = a.view().operators.find((o) => o.id === input.operator)!.sessions;
              if (input.type === 'chat.close' && sessions.length > 0) {
                input.visitor = sessions[Number(input.visitor!.slice(1)) % sessions.length].visitor;
                closed++;
              }
              a.input(input);
              b.input(input);
            }
            a.step();
            b.step();
            expect(b.now).toBe(a.now);
            expect(b.view()).toEqual(a.view());
          }
          expect(b.done).toBe(true);
          expect(b.eventCount).toBe(a.eventCount);
          expect(b.inputs).toEqual(a.inputs);
        },
      ),
      { numRuns: 100, seed: 4244 },
    );
    expect(closed).toBeGreaterThan(5);
  });

  it('byte-identical on the shipped guide walkthrough and policy comparison, every policy', () => {
    for (const file of ['guide-walkthrough', 'policy-comparison']) {
      const parsed = parseScenario(
        JSON.parse(readFileSync(`public/scenarios/${file}.json`, 'utf8')),
      );
      if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.errors)}`);
      for (const policy of POLICY_NAMES) {
        const { compiled, actors } = bothLogs({ ...parsed.scenario, policy });
        expect(compiled.length).toBeGreaterThan(1000);
        expect(actors, `${file} / ${policy}`).toBe(compiled);
      }
    }
  });

  it('practice attempts (the visitors’ conversation machines on the engine’s clock): byte-identical event logs and conversations', () => {
    let messages = 0;
    const ends = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom(...PRACTICE_SCENARIOS.map((p) => p.id)),
        fc.integer({ min: 1, max: 1_000_000 }),
        traineeStepsArb,
        (id, seed, steps) => {
          const a = practiceSession(id, 'compiled', seed);
          const b = practiceSession(id, 'actors', seed);
          playAttempt(a, steps);
          playAttempt(b, steps);
          for (const c of a.conversations) {
            messages += c.messages.length;
            ends.add(c.endReason ?? 'open');
          }
          expect(attemptTrace(b)).toBe(attemptTrace(a));
        },
      ),
      { numRuns: 60, seed: 4245 },
    );
    expect(messages).toBeGreaterThan(500);
    // Every way a conversation ends was compared.
    expect(ends).toEqual(new Set(['satisfied', 'unanswered', 'operator-left', 'ended']));
  });
});
