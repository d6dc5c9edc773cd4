/** The shipped scenario library (public/scenarios), read and validated as the page reads it. */
import { readFileSync, readdirSync } from 'node:fs';
import type { Scenario } from '../../../src/sim/scenario/types.ts';
import { formatErrors, parseScenarioText } from '../../../src/sim/scenario/validate.ts';

export const SHIPPED_DIR = new URL('../../../public/scenarios/', import.meta.url);

/** Every shipped scenario file, in name order (index.json lists them; it is not one). */
export const SHIPPED_FILES: readonly string[] = readdirSync(SHIPPED_DIR)
  .filter((f) => f.endsWith('.json') && f !== 'index.json')
  .sort();

/** A shipped scenario, with its defaults applied; a file that does not validate fails the test. */
export function loadShipped(file: string): Scenario {
  const result = parseScenarioText(readFileSync(new URL(file, SHIPPED_DIR), 'utf8'));
  if (!result.ok) throw new Error(`${file}:\n${formatErrors(result.errors).join('\n')}`);
  return result.scenario;
}
