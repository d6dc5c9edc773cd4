/**
 * Who has room (src/sim/world/books.ts): per channel, the members with room for one more session,
 * as bits over the members, which routing and the queue's drain read instead of looking at every
 * member. After every instant of random runs, on channels of 28 to 36 members that a trainee
 * joins and leaves (crossing 31 members, where the bits give way to looking at everyone), with and
 * without a session limit, the bits are what the members' open sessions say.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type HumanInput } from '../../src/sim/engine.ts';
import type { Books } from '../../src/sim/world/books.ts';
import type { ChannelRecord } from '../../src/sim/world/records.ts';
import { exampleScenario } from './fixtures.ts';

/** The bits as they should be, from the members and their open sessions. */
function expectedRoom(ch: ChannelRecord): number {
  if (ch.members.length > 31) return -1;
  let room = 0;
  ch.members.forEach((op, i) => {
    if (ch.maxSessions === null || op.sessionsIn[ch.index] < ch.maxSessions) room |= 1 << i;
  });
  return room;
}

describe('who has room, as bits', () => {
  it('follows every session and every join and leave, across 31 members', () => {
    let crossed = 0;
    let full = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 28, max: 36 }),
        fc.constantFrom(1, 2, null),
        fc.array(fc.integer({ min: 0, max: 3600 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 1, max: 1000 }),
        (size, maxSessions, times, seed) => {
          const s = exampleScenario();
          s.seed = seed;
          s.durationMinutes = 60;
          s.channels = [
            { ...s.channels[0], id: 'a', name: 'A', maxSessions },
            { ...s.channels[0], id: 'b', name: 'B', maxSessions: 1 },
          ];
          const base = s.operators[0];
          s.operators = Array.from({ length: size }, (_, i) => ({
            ...base,
            id: `op${i}`,
            name: `Operator ${i}`,
            channels: i % 3 === 0 ? ['a', 'b'] : ['a'],
            activity: i === 0 ? { kind: 'trainee' as const } : base.activity,
          }));
          s.visitors = [
            { ...s.visitors[0], channel: 'a', arrivalsPerHour: 900 },
            { ...s.visitors[0], channel: 'b', arrivalsPerHour: 300 },
          ];
          // The trainee and op1 leave and join again, and again, with chats still open: 'a' goes
          // from `size` to `size - 2` members and back.
          const inputs: HumanInput[] = times
            .sort((x, y) => x - y)
            .flatMap((t, i) =>
              ['op0', 'op1'].map((operator) => ({
                t,
                type: i % 2 === 0 ? ('operator.leave' as const) : ('operator.join' as const),
                operator,
                channel: 'a',
              })),
            );
          const engine = createEngine(s, { inputs, explain: false });
          const books = (engine as unknown as { books: Books }).books;
          const check = () => {
            for (const ch of books.channels) {
              expect(ch.room).toBe(expectedRoom(ch));
              if (ch.members.length === 31 || ch.members.length === 32) crossed++;
              if (ch.room !== -1 && ch.room !== expectedRoom({ ...ch, maxSessions: null })) full++;
            }
          };
          while (engine.step()) check();
          check();
        },
      ),
      { numRuns: 40, seed: 17 },
    );
    // The runs met channels at the boundary, and members without room.
    expect(crossed).toBeGreaterThan(100);
    expect(full).toBeGreaterThan(100);
  });
});
