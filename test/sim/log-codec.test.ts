/**
 * The log in compact form (src/sim/world/log-codec.ts): decoded, it is the engine's log byte for
 * byte, on random scenarios (with clocks, shifts, traces, countries and expertises), on trainee
 * runs with random human inputs (languages, joins, leaves, closed chats), explained or not, under
 * every policy, whatever the chunk size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, eventLog } from '../../src/sim/engine.ts';
import type { SimEvent } from '../../src/sim/events.ts';
import { LogDecoder } from '../../src/sim/world/log-codec.ts';
import { POLICY_NAMES, type Scenario } from '../../src/sim/scenario/types.ts';
import type { EngineOptions, HumanInput } from '../../src/sim/engine.ts';
import { scenarioArb, toJsonl, traineeRunArb } from '../../src/fuzz/gen.ts';

/** The run's log through chunks and a decoder, and how many chunks it took. */
function throughChunks(scenario: Scenario, options: EngineOptions): [SimEvent[], number] {
  const decoded: SimEvent[] = [];
  const decoder = new LogDecoder(scenario, (e: SimEvent) => decoded.push(e));
  let chunks = 0;
  const engine = createEngine(scenario, {
    ...options,
    onLogChunk: (chunk) => {
      chunks++;
      decoder.decode(chunk);
    },
  });
  engine.run();
  expect(decoder.log.count).toBe(engine.eventCount);
  return [decoded, chunks];
}

describe('the compact log', () => {
  it('decodes to the engine log on random scenarios, explained or not, under every policy', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(
        scenarioArb({ clock: true }),
        fc.constantFrom(...POLICY_NAMES),
        fc.boolean(),
        (scenario, policy, explain) => {
          const direct = eventLog(scenario, { policy, explain });
          const [decoded] = throughChunks(scenario, { policy, explain });
          expect(toJsonl(decoded)).toBe(toJsonl(direct));
          for (const e of direct) kinds.add(e.type);
        },
      ),
      { numRuns: 120, seed: 3 },
    );
    // The property met every kind of event a run without a trainee writes.
    expect([...kinds].sort()).toEqual([
      'chat.ended',
      'chat.started',
      'operator.break.ended',
      'operator.break.started',
      'operator.joined',
      'operator.left',
      'operator.status',
      'visitor.abandoned',
      'visitor.arrived',
      'visitor.assigned',
      'visitor.queued',
      'visitor.unanswered',
      'visitor.unavailable',
    ]);
  });

  it('decodes trainee runs with random inputs (languages, joins, leaves, closed chats)', () => {
    let languages = 0;
    fc.assert(
      fc.property(traineeRunArb(), fc.boolean(), ({ scenario, inputs }, explain) => {
        const options = { inputs: inputs as HumanInput[], explain };
        const direct = eventLog(scenario, options);
        const [decoded] = throughChunks(scenario, options);
        expect(toJsonl(decoded)).toBe(toJsonl(direct));
        languages += direct.filter((e) => e.type === 'operator.languages').length;
      }),
      { numRuns: 80, seed: 5 },
    );
    expect(languages).toBeGreaterThan(10);
  });

  it('cuts the log into chunks of the size asked, decoded one after another', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 1, max: 7 }), (scenario, size) => {
        const direct = eventLog(scenario);
        const sizes: number[] = [];
        const decoded: SimEvent[] = [];
        const decoder = new LogDecoder(scenario, (e: SimEvent) => decoded.push(e));
        const engine = createEngine(scenario, {
          logChunkEvents: size,
          onLogChunk: (chunk) => {
            sizes.push(chunk.count);
            decoder.decode(chunk);
          },
        });
        engine.run();
        expect(toJsonl(decoded)).toBe(toJsonl(direct));
        // Every chunk but the last is full, and no chunk is empty.
        expect(sizes.length).toBe(Math.ceil(direct.length / size));
        for (const n of sizes.slice(0, -1)) expect(n).toBe(size);
        expect(sizes.every((n) => n > 0)).toBe(true);
      }),
      { numRuns: 40, seed: 9 },
    );
  });

  it('hands over every event before runUntil, step and input return, the run unfinished', () => {
    fc.assert(
      fc.property(traineeRunArb(), fc.integer({ min: 2, max: 9 }), ({ scenario }, slices) => {
        const direct: SimEvent[] = [];
        const a = createEngine(scenario, { onEvent: (e) => direct.push(e) });
        const decoded: SimEvent[] = [];
        const decoder = new LogDecoder(scenario, (e: SimEvent) => decoded.push(e));
        const b = createEngine(scenario, { onLogChunk: (c) => decoder.decode(c) });
        const horizon = scenario.durationMinutes * 60;
        const both = (act: (engine: typeof a) => void) => {
          act(a);
          act(b);
          expect(b.eventCount).toBe(a.eventCount);
          expect(toJsonl(decoded)).toBe(toJsonl(direct));
        };
        for (let k = 1; k < slices; k++) {
          both((engine) => engine.runUntil((k * horizon) / slices));
          // A trainee's run lasts its duration: half way, it is not over.
          if (k === 1) expect(b.done).toBe(false);
          both((engine) =>
            engine.input({
              type: 'operator.leave',
              operator: 'op0',
              channel: scenario.channels[0].id,
            }),
          );
          both((engine) => engine.step());
          both((engine) =>
            engine.input({
              type: 'operator.join',
              operator: 'op0',
              channel: scenario.channels[0].id,
            }),
          );
        }
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it('will not take both an event sink and a chunk sink', () => {
    const [scenario] = fc.sample(scenarioArb(), { numRuns: 1, seed: 1 });
    expect(() => createEngine(scenario, { onEvent: () => {}, onLogChunk: () => {} })).toThrow(
      /onEvent or onLogChunk/,
    );
  });
});
