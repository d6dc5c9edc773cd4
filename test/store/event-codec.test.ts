import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHUNK_SIZE,
  decodeEvents,
  encodeChunk,
  encodeEvents,
  verbatimCount,
} from '../../src/store/event-codec';
import type { SimEvent } from '../../src/sim/events';
import { oddEvent, simEvent } from './event-arbitraries';
import { syntheticLog } from './synthetic-log';

const roundTrip = (events: SimEvent[]) => decodeEvents(encodeEvents(events));

describe('event codec', () => {
  it('round-trips random logs of every event type to deep-equal, byte-identical JSON', () => {
    fc.assert(
      fc.property(fc.array(simEvent, { maxLength: 300 }), (events) => {
        const back = roundTrip(events);
        expect(back).toStrictEqual(events);
        expect(JSON.stringify(back)).toBe(JSON.stringify(events));
      }),
      { numRuns: 300 },
    );
  });

  it('stores every well-formed event in columns, none as verbatim JSON', () => {
    fc.assert(
      fc.property(fc.array(simEvent, { minLength: 1, maxLength: 200 }), (events) => {
        expect(verbatimCount(encodeChunk(events))).toBe(0);
      }),
    );
  });

  it('keeps events that do not fit the columns verbatim, mixed with ordinary ones', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(simEvent, oddEvent), { maxLength: 200 }), (events) => {
        const back = roundTrip(events);
        expect(JSON.stringify(back)).toBe(JSON.stringify(events));
        expect(back).toEqual(JSON.parse(JSON.stringify(events)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps an event with its keys in another order verbatim, so the JSON stays byte-identical', () => {
    const reordered = { type: 'chat.ended', t: 5, operator: 'op-1', visitor: 'v-1' } as SimEvent;
    const chunk = encodeChunk([reordered]);
    expect(verbatimCount(chunk)).toBe(1);
    expect(JSON.stringify(decodeEvents([chunk]))).toBe(JSON.stringify([reordered]));
  });

  it('stores whole-millisecond times in 32 bits and falls back to 64-bit seconds for any other time', () => {
    const ms = encodeChunk(syntheticLog(100));
    expect(ms.t).toBeInstanceOf(Uint32Array);
    const odd = [
      { t: 1 / 3, type: 'chat.started', visitor: 'v', operator: 'o' },
      { t: 5e10, type: 'chat.ended', visitor: 'v', operator: 'o' },
    ] as SimEvent[];
    const chunk = encodeChunk(odd);
    expect(chunk.t).toBeInstanceOf(Float64Array);
    expect(decodeEvents([chunk])).toStrictEqual(odd);
  });

  it('keeps 32-bit string ids when a chunk holds more than 65,536 distinct strings', () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({
      t: i,
      type: 'operator.languages',
      operator: `op-${i}`,
      languages: Array.from({ length: 70 }, (_, j) => `lang-${i}-${j}`),
    })) as SimEvent[];
    const chunk = encodeChunk(events);
    expect(chunk.operator).toBeInstanceOf(Int32Array);
    expect(chunk.extra).toBeInstanceOf(Int32Array);
    expect(decodeEvents([chunk])).toStrictEqual(events);
  });

  it('splits a log into chunks of 4096 events, the last one partial', () => {
    const events = syntheticLog(3 * CHUNK_SIZE + 10);
    const chunks = encodeEvents(events);
    expect(chunks.map((c) => c.count)).toEqual([CHUNK_SIZE, CHUNK_SIZE, CHUNK_SIZE, 10]);
    expect(decodeEvents(chunks)).toStrictEqual(events);
  });

  it('gives each chunk its own string table, so any chunk decodes alone', () => {
    const events = syntheticLog(2 * CHUNK_SIZE);
    const [, second] = encodeEvents(events);
    expect(decodeEvents([second])).toStrictEqual(events.slice(CHUNK_SIZE));
  });

  it('stores a realistic log in far fewer bytes than its JSON', () => {
    const events = syntheticLog(20_000);
    const bytes = encodeEvents(events).reduce(
      (sum, c) =>
        sum +
        c.t.byteLength +
        c.type.byteLength +
        c.operator.byteLength +
        c.visitor.byteLength +
        c.channel.byteLength +
        c.code.byteLength +
        c.extra.byteLength +
        c.strings.length * 2,
      0,
    );
    expect(bytes).toBeLessThan(JSON.stringify(events).length / 2);
  });

  it('rejects a damaged chunk with a message instead of inventing events', () => {
    const chunk = encodeChunk(syntheticLog(3));
    chunk.type[1] = 99;
    expect(() => decodeEvents([chunk])).toThrow(/damaged: unknown event code 99/);
  });
});
