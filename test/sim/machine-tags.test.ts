/**
 * No second copy of machine state (issue 7 §2): what the engine says about an operator (presence,
 * at the keyboard, on a break, assignable, the inactivity deadline) is read from the operator
 * machine's state tags and its pending `after` timer, on both runtimes.
 *
 * Checked against XState itself: at every step of random scenarios (with and without a trainee),
 * the view's presence equals the tags XState resolves for the operator's state, and every
 * assignment goes to an operator whose state XState tags `assignable` (and the chat starts at once
 * exactly when it is tagged `atKeyboard`). The deadline the view shows is when the timer fires.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine, type HumanInput } from '../../src/sim/engine.ts';
import type { SimEvent } from '../../src/sim/events.ts';
import { operatorMachine } from '../../src/sim/machines/operator.ts';
import type { Scenario } from '../../src/sim/scenario/types.ts';
import { scenarioArb, traineeRunArb } from '../../src/fuzz/gen.ts';

/** `online.idle.trainee` → `{ online: { idle: 'attending' } }`. */
function valueOf(path: string): unknown {
  const [head, ...rest] = path.split('.');
  return rest.length === 0 ? head : { [head]: valueOf(rest.join('.')) };
}

/** The tags XState itself gives the operator machine in this state. */
function xstateTags(path: string): Set<string> {
  // The context is irrelevant to tags; resolveState only needs a value.
  const snapshot = operatorMachine.resolveState({
    value: valueOf(path) as never,
    context: {} as never,
  });
  return new Set(snapshot.tags);
}

function presenceFromTags(tags: Set<string>): string {
  if (tags.has('assignable')) return 'online';
  return tags.has('away') ? 'away' : 'offline';
}

interface Observation {
  t: number;
  op: string;
  deadline: number;
}

function check(scenario: Scenario, runtime: 'compiled' | 'actors', inputs?: HumanInput[]) {
  const log: SimEvent[] = [];
  const problems: string[] = [];
  let lastAssigned: { visitor: string; atKeyboard: boolean } | null = null;
  const onEvent = (e: SimEvent) => {
    log.push(e);
    if (e.type === 'visitor.assigned') {
      // Read at the very instant of the assignment: the operator machine is between steps.
      const op = engine.view().operators.find((o) => o.id === e.operator)!;
      const tags = xstateTags(op.state);
      if (!tags.has('assignable')) problems.push(`${e.t} ${e.visitor} assigned to ${op.state}`);
      lastAssigned = { visitor: e.visitor, atKeyboard: tags.has('atKeyboard') };
    } else if (lastAssigned) {
      const startedAtOnce = e.type === 'chat.started' && e.visitor === lastAssigned.visitor;
      if (startedAtOnce !== lastAssigned.atKeyboard)
        problems.push(`${e.t} ${lastAssigned.visitor} chat started at once: ${startedAtOnce}`);
      lastAssigned = null;
    }
  };
  // Assignments never happen while the engine is being created (t = 0 presence only).
  const engine: Engine = createEngine(scenario, { inputs, onEvent, runtime });
  const deadlines: Observation[] = [];
  const look = () => {
    const view = engine.view();
    for (const op of view.operators) {
      const tags = xstateTags(op.state);
      if (op.status !== presenceFromTags(tags))
        problems.push(`${view.t} ${op.id} ${op.status} in ${op.state}`);
      if (op.onBreak !== tags.has('onBreak'))
        problems.push(`${view.t} ${op.id} onBreak ${op.onBreak}`);
      if (op.inactivityDeadline !== null)
        deadlines.push({ t: view.t, op: op.id, deadline: op.inactivityDeadline });
    }
  };
  look();
  while (engine.step()) look();

  // A deadline that stays the same until it passes is the instant the operator goes away or
  // offline; one that changes or disappears before was reset (activity, the end of a break).
  const byOp = new Map<string, Observation[]>();
  for (const o of deadlines) byOp.set(o.op, [...(byOp.get(o.op) ?? []), o]);
  for (const [op, list] of byOp) {
    for (let i = 0; i < list.length; i++) {
      const { deadline } = list[i];
      if (i > 0 && list[i - 1].deadline === deadline) continue;
      let j = i;
      while (j + 1 < list.length && list[j + 1].deadline === deadline) j++;
      const next = list[j + 1];
      if (next && next.t < deadline) continue; // reset before it fired
      // What happened to the operator next: the timer firing (away or offline at the deadline),
      // or a reset no later than it (the break ended, back online).
      const first = log.find(
        (e) =>
          'operator' in e &&
          e.operator === op &&
          e.t > list[j].t &&
          (e.type === 'operator.break.ended' || e.type === 'operator.status'),
      );
      const fired =
        first?.type === 'operator.status' &&
        first.status !== 'online' &&
        Math.abs(first.t - deadline) < 0.0011;
      const reset =
        first !== undefined &&
        !fired &&
        first.t <= deadline + 0.0011 &&
        (first.type === 'operator.break.ended' ||
          (first.type === 'operator.status' && first.status === 'online'));
      // The run ended first (a trainee's run at its duration, before the timer at the same instant).
      const runEnded = first === undefined && engine.now <= deadline;
      if (!fired && !reset && !runEnded) problems.push(`${op} deadline ${deadline} never fired`);
    }
  }
  return { problems, deadlines };
}

describe('the engine reads the operator machine (state tags, pending timer)', () => {
  it('the checks can fail: a wrong presence is reported', () => {
    expect(presenceFromTags(xstateTags('online.idle.onBreak'))).toBe('online');
    expect(xstateTags('online.idle.trainee').has('atKeyboard')).toBe(true);
    expect(xstateTags('online.finishing').has('atKeyboard')).toBe(false);
    expect(presenceFromTags(xstateTags('disconnected.onBreak'))).toBe('offline');
    expect(presenceFromTags(xstateTags('away.trainee'))).toBe('away');
    expect(xstateTags('away.onBreak').has('onBreak')).toBe(true);
    expect(xstateTags('away.trainee').has('onBreak')).toBe(false);
  });

  for (const runtime of ['compiled', 'actors'] as const)
    it(`presence, assignability and deadlines equal XState's tags and timers (${runtime})`, () => {
      let observed = 0;
      fc.assert(
        fc.property(scenarioArb({ maxArrivalsPerHour: 20 }), (s) => {
          const r = check(s, runtime);
          observed += r.deadlines.length;
          expect(r.problems).toEqual([]);
        }),
        { numRuns: runtime === 'compiled' ? 80 : 25, seed: 70 },
      );
      fc.assert(
        fc.property(traineeRunArb({ maxArrivalsPerHour: 20 }), ({ scenario, inputs }) => {
          const r = check(scenario, runtime, inputs);
          observed += r.deadlines.length;
          expect(r.problems).toEqual([]);
        }),
        { numRuns: runtime === 'compiled' ? 60 : 20, seed: 71 },
      );
      // The deadline property is not vacuous.
      expect(observed).toBeGreaterThan(100);
    });

  it('both runtimes show the same deadlines (the compiled timer and XState’s own)', () => {
    fc.assert(
      fc.property(traineeRunArb({ maxArrivalsPerHour: 10 }), ({ scenario, inputs }) => {
        const a = check(scenario, 'compiled', inputs);
        const b = check(scenario, 'actors', inputs);
        expect(a.deadlines.length).toBeGreaterThan(0);
        expect(b.deadlines).toEqual(a.deadlines);
      }),
      { numRuns: 15, seed: 72 },
    );
  });
});
