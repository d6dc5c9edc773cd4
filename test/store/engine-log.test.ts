/**
 * The codec against the real engine's output: every event the engine emits must fit the columns
 * (no verbatim JSON, which would be slow) and come back byte-identical. Guards against the engine
 * and the codec drifting apart (a new field, another key order).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventLog } from '../../src/sim/engine';
import { formatErrors, parseScenarioText } from '../../src/sim/scenario/validate';
import type { Scenario } from '../../src/sim/scenario/types';
import type { SimEvent } from '../../src/sim/events';
import { decodeEvents, encodeEvents, verbatimCount } from '../../src/store/event-codec';

const DIR = new URL('../../public/scenarios/', import.meta.url);
const files = readdirSync(DIR).filter(
  (f) => f.endsWith('.json') && f !== 'index.json' && f !== 'bench.json',
);

function load(file: string): Scenario {
  const result = parseScenarioText(readFileSync(new URL(file, DIR), 'utf8'));
  if (!result.ok) throw new Error(`${file}:\n${formatErrors(result.errors).join('\n')}`);
  return result.scenario;
}

describe('the codec on the engine’s event logs', () => {
  it.each(files)(
    'stores every event of %s in columns and reads the log back byte-identical',
    (file) => {
      const scenario = load(file);
      // Shortened: a few simulated hours hold every kind of event the scenario makes.
      const events: SimEvent[] = eventLog({
        ...scenario,
        durationMinutes: Math.min(scenario.durationMinutes, 480),
      });
      expect(events.length).toBeGreaterThan(0);
      const chunks = encodeEvents(events);
      expect(chunks.reduce((n, c) => n + verbatimCount(c), 0)).toBe(0);
      const back = decodeEvents(chunks);
      expect(JSON.stringify(back)).toBe(JSON.stringify(events));
      expect(back).toStrictEqual(JSON.parse(JSON.stringify(events)));
    },
  );
});
