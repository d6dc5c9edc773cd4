/**
 * A trainee's run never freezes (issue 10 §1): it ends at the scenario's duration or when the
 * trainee ends the attempt, never because the world fell quiet.
 *
 * Regression: in a scenario with no visitors (valid), the engine marked the run finished as soon
 * as nothing was scheduled. After the first inactivity removal, Join and activity were ignored.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/sim/engine.ts';
import type { SimEvent } from '../../src/sim/events.ts';
import type { Scenario } from '../../src/sim/scenario/types.ts';
import { exampleScenario } from './fixtures.ts';

const MIN = 60;

/** A trainee alone on channel `website`, no visitors at all, 30-minute inactivity removal. */
function quietTraineeScenario(durationMinutes: number, effect: 'remove' | 'away'): Scenario {
  const s = exampleScenario();
  s.durationMinutes = durationMinutes;
  s.inactivity = { timeoutMinutes: 30, effect };
  s.operators = [{ ...s.operators[0], activity: { kind: 'trainee' } }];
  s.visitors = [];
  return s;
}

function live(s: Scenario, runtime: 'compiled' | 'actors' = 'compiled') {
  const log: SimEvent[] = [];
  const engine = createEngine(s, { onEvent: (e) => log.push(e), runtime });
  return { engine, log };
}

describe("a trainee's run with no visitors", () => {
  for (const runtime of ['compiled', 'actors'] as const)
    it(`still takes Join and activity after the first inactivity removal (${runtime})`, () => {
      const { engine, log } = live(quietTraineeScenario(180, 'remove'), runtime);
      engine.runUntil(31 * MIN);
      expect(log.map((e) => `${e.t} ${e.type}`)).toEqual([
        '0 operator.status',
        '0 operator.joined',
        `${30 * MIN} operator.status`,
        `${30 * MIN} operator.left`,
      ]);
      expect(engine.done).toBe(false);

      engine.input({ type: 'operator.activity', operator: 'marc' });
      engine.input({ type: 'operator.join', operator: 'marc', channel: 'website' });
      expect(log.slice(4)).toEqual([
        { t: 31 * MIN, type: 'operator.status', operator: 'marc', status: 'online' },
        {
          t: 31 * MIN,
          type: 'operator.joined',
          operator: 'marc',
          channel: 'website',
          reason: 'join',
        },
      ]);
      const me = engine.view().operators[0];
      expect(me).toMatchObject({ status: 'online', channels: ['website'] });
      expect(me.inactivityDeadline).toBe(61 * MIN);

      // Removed again 30 minutes later, and still able to come back.
      engine.runUntil(100 * MIN);
      expect(log.filter((e) => e.type === 'operator.left').map((e) => e.t)).toEqual([
        30 * MIN,
        61 * MIN,
      ]);
      engine.input({ type: 'operator.join', operator: 'marc', channel: 'website' });
      expect(log.at(-1)).toMatchObject({ t: 100 * MIN, type: 'operator.joined', reason: 'join' });
      expect(engine.done).toBe(false);
    });

  it('ends exactly at the scenario duration, not before', () => {
    const { engine } = live(quietTraineeScenario(180, 'away'));
    engine.runUntil(179 * MIN);
    expect(engine.done).toBe(false);
    expect(engine.nextTime()).toBe(180 * MIN);
    engine.runUntil(500 * MIN);
    expect(engine.done).toBe(true);
    expect(engine.now).toBe(180 * MIN);
    engine.input({ type: 'operator.activity', operator: 'marc' });
    expect(engine.inputs).toHaveLength(0);
  });

  it('on random durations, effects and input times, every input before the end is applied', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 31, max: 600 }),
        fc.constantFrom('remove' as const, 'away' as const),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (duration, effect, fractions) => {
          const { engine } = live(quietTraineeScenario(duration, effect));
          const times = fractions.map((f) => f * duration * MIN * 0.999).sort((a, b) => a - b);
          for (const t of times) {
            engine.runUntil(t);
            expect(engine.done).toBe(false);
            engine.input({ type: 'operator.activity', operator: 'marc' });
          }
          expect(engine.inputs.map((i) => i.t)).toEqual(times.map((t) => Math.max(t, 0)));
          engine.runUntil(duration * MIN);
          expect(engine.done).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
