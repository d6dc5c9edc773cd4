/**
 * The one event queue (clock.ts): entries come out in time order, ties in the order they were
 * pushed, cancelled entries never come out. Checked against a plain sorted list on random
 * sequences of push, cancel and pop, with many equal times (the engine's common case: several
 * things at one instant) and enough entries to grow the heap's arrays several times.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, type Scheduled } from '../../src/sim/clock.ts';

type Op = { op: 'push'; t: number } | { op: 'cancel'; k: number } | { op: 'pop' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.integer({ min: 0, max: 40 }).map((t) => ({ op: 'push', t: t / 4 }) as Op),
  },
  { weight: 1, arbitrary: fc.nat(10_000).map((k) => ({ op: 'cancel', k }) as Op) },
  { weight: 3, arbitrary: fc.constant({ op: 'pop' } as Op) },
);

function replay(ops: Op[]): { got: number[]; want: number[] } {
  const q = new EventQueue();
  const pending: Scheduled<number>[] = [];
  const all: Scheduled<number>[] = [];
  const got: number[] = [];
  const want: number[] = [];
  let id = 0;
  for (const o of ops) {
    if (o.op === 'push') {
      const e = q.push(o.t, 1, id++);
      pending.push(e);
      all.push(e);
    } else if (o.op === 'cancel') {
      if (all.length === 0) continue;
      const e = all[o.k % all.length];
      q.cancel(e);
      const i = pending.indexOf(e);
      if (i >= 0) pending.splice(i, 1);
    } else {
      // The reference: the earliest time, then the first pushed.
      let best = -1;
      for (let i = 0; i < pending.length; i++)
        if (best < 0 || pending[i].t < pending[best].t) best = i;
      want.push(best < 0 ? -1 : pending.splice(best, 1)[0].payload);
      got.push((q.pop()?.payload as number | undefined) ?? -1);
    }
    expect(q.size).toBe(pending.length);
  }
  while (pending.length > 0) {
    let best = 0;
    for (let i = 1; i < pending.length; i++) if (pending[i].t < pending[best].t) best = i;
    want.push(pending.splice(best, 1)[0].payload);
    got.push(q.pop()!.payload as number);
  }
  expect(q.pop()).toBeUndefined();
  expect(q.peekTime()).toBe(Infinity);
  return { got, want };
}

describe('EventQueue', () => {
  it('pops by time, ties in push order, never a cancelled entry (random sequences)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const { got, want } = replay(ops);
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps push order among thousands of entries at one instant while growing', () => {
    const q = new EventQueue();
    for (let i = 0; i < 5000; i++) q.push(i % 2 === 0 ? 1 : 2, 1, i);
    const out: number[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(e.payload as number);
    const evens = out.slice(0, 2500);
    const odds = out.slice(2500);
    expect(evens).toEqual([...Array(2500).keys()].map((k) => 2 * k));
    expect(odds).toEqual([...Array(2500).keys()].map((k) => 2 * k + 1));
  });

  it('peek and peekTime skip cancelled entries without removing the live one', () => {
    const q = new EventQueue();
    const a = q.push(1, 1, 'a');
    q.push(2, 1, 'b');
    q.cancel(a);
    q.cancel(a); // twice: counted once
    expect(q.size).toBe(1);
    expect(q.peekTime()).toBe(2);
    expect(q.peek()?.payload).toBe('b');
    expect(q.pop()?.payload).toBe('b');
    expect(q.size).toBe(0);
  });
});
