import { readFileSync } from 'node:fs';
import { formatErrors, parseScenarioText } from '../sim/scenario/validate.ts';
import type { Scenario } from '../sim/scenario/types.ts';

/** Reads and validates a scenario file; problems are returned as printable lines. */
export function loadScenario(file: string): { scenario?: Scenario; errors: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : String(code ?? err);
    return { errors: [`${file}: cannot read (${why})`] };
  }
  const result = parseScenarioText(text);
  if (!result.ok) return { errors: formatErrors(result.errors).map((line) => `${file}: ${line}`) };
  return { scenario: result.scenario, errors: [] };
}
