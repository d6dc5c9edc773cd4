/** fast-check generators of every SimEvent variant, optional fields included. */
import fc from 'fast-check';
import type { AssignmentReason, SimEvent } from '../../src/sim/events';

const id = fc.oneof(
  fc.constantFrom('op-1', 'op-2', 'v-1', 'website', 'fr_FR'),
  fc.string({ maxLength: 12 }),
  // Untrusted text: markup, quotes, surrogates and control characters must survive storage.
  fc.constantFrom('<img src=x onerror=alert(1)>', '"quoted"\n', 'Zoë 🦊', '\u0000', ''),
  // Names that are special on plain objects (the string table is a prototype-less object).
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
);
/** Simulated seconds rounded to the millisecond, as the engine stamps them. */
const t = fc.integer({ min: 0, max: 2_000_000_000 }).map((ms) => ms / 1000);
const int = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

const reason: fc.Arbitrary<AssignmentReason> = fc
  .record(
    {
      policy: id,
      tier: id,
      rule: id,
      candidates: fc.array(fc.record({ operator: id, load: int }), { maxLength: 6 }),
      ties: int,
      excluded: fc.array(
        fc.record({
          operator: id,
          why: fc.constantFrom('away', 'offline', 'capacity', 'not-eligible' as const),
        }),
        { maxLength: 4 },
      ),
    },
    { requiredKeys: ['policy', 'tier', 'rule', 'candidates', 'ties'] },
  )
  .map((r) => r as AssignmentReason);

/** fast-check builds records without a prototype; the engine's events are plain objects. */
const plain = <T>(value: T): T => structuredClone(value);

export const simEvent: fc.Arbitrary<SimEvent> = fc
  .oneof(
    fc.record({
      t,
      type: fc.constant('operator.joined' as const),
      operator: id,
      channel: id,
      reason: fc.constantFrom('start', 'return', 'join' as const),
    }),
    fc.record({
      t,
      type: fc.constant('operator.left' as const),
      operator: id,
      channel: id,
      reason: fc.constantFrom('inactivity', 'leave' as const),
    }),
    fc.record({
      t,
      type: fc.constant('operator.status' as const),
      operator: id,
      status: fc.constantFrom('online', 'away', 'offline' as const),
    }),
    fc.record({ t, type: fc.constant('operator.break.started' as const), operator: id }),
    fc.record({ t, type: fc.constant('operator.break.ended' as const), operator: id }),
    fc.record({
      t,
      type: fc.constant('operator.languages' as const),
      operator: id,
      languages: fc.array(id, { maxLength: 4 }),
    }),
    fc.record(
      {
        t,
        type: fc.constant('visitor.arrived' as const),
        visitor: id,
        channel: id,
        lang: id,
        country: id,
        expertises: fc.array(id, { maxLength: 3 }),
        previousOperator: id,
      },
      { requiredKeys: ['t', 'type', 'visitor', 'channel', 'lang'] },
    ),
    fc.record({
      t,
      type: fc.constant('visitor.queued' as const),
      visitor: id,
      channel: id,
      position: int,
    }),
    fc.record({
      t,
      type: fc.constant('visitor.assigned' as const),
      visitor: id,
      operator: id,
      channel: id,
      reason,
    }),
    fc.record({ t, type: fc.constant('visitor.unavailable' as const), visitor: id, channel: id }),
    fc.record(
      {
        t,
        type: fc.constant('visitor.abandoned' as const),
        visitor: id,
        channel: id,
        reason: fc.constantFrom('patience', 'run-ended' as const),
      },
      { requiredKeys: ['t', 'type', 'visitor', 'channel'] },
    ),
    fc.record({
      t,
      type: fc.constant('visitor.unanswered' as const),
      visitor: id,
      operator: id,
      channel: id,
    }),
    fc.record({ t, type: fc.constant('chat.started' as const), visitor: id, operator: id }),
    fc.record({ t, type: fc.constant('chat.ended' as const), visitor: id, operator: id }),
  )
  .map(plain) as fc.Arbitrary<SimEvent>;

/**
 * Events the columns cannot hold as is: keys in another order, unknown keys or types,
 * non-integer numbers. The codec must keep them verbatim.
 */
export const oddEvent: fc.Arbitrary<SimEvent> = fc.oneof(
  simEvent.map((e) => Object.fromEntries(Object.entries(e).reverse()) as SimEvent),
  simEvent.map((e) => ({ ...e, extra: 'unknown key' }) as unknown as SimEvent),
  fc.record({
    t,
    type: fc.constant('visitor.queued' as const),
    visitor: id,
    channel: id,
    position: fc.double({ noNaN: true, noDefaultInfinity: true }),
  }),
  fc
    .record({ t, type: fc.constant('future.event'), payload: fc.jsonValue() })
    .map((e) => e as unknown as SimEvent),
  fc
    .record({
      t,
      type: fc.constant('operator.status' as const),
      operator: id,
      status: fc.constant('dancing'),
    })
    .map((e) => e as unknown as SimEvent),
);
