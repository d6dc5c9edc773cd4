/**
 * Inline errors in the form's words (issue 10 §2 "The trainer page"): the page maps the validator's
 * field paths to the editor's labels; the CLI keeps the paths.
 */
import { describe, expect, it } from 'vitest';
import { formatErrors, parseScenario } from '../../src/sim/scenario/validate.ts';
import {
  fieldError,
  fieldLabel,
  fieldWords,
  problemLine,
} from '../../src/app/trainer/editor/field-labels.ts';
import { exampleScenario } from '../sim/fixtures.ts';

/** The validator's errors for the example scenario after `change`. */
function errorsAfter(change: (s: ReturnType<typeof exampleScenario>) => void) {
  const s = exampleScenario();
  change(s);
  const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
  if (parsed.ok) throw new Error('expected problems');
  return { errors: parsed.errors, scenario: s };
}

describe('inline errors in the form’s words', () => {
  it('regression: "inactivity.timeoutMinutes: must be greater than 0, got 0" on the page', () => {
    const { errors } = errorsAfter((s) => (s.inactivity.timeoutMinutes = 0));
    expect(formatErrors(errors)).toEqual([
      'inactivity.timeoutMinutes: must be greater than 0, got 0',
    ]);
    const [e] = errors;
    expect(fieldError(e.path, e.message)).toBe('Inactivity timeout must be more than 0 minutes');
  });

  it('says every kind of problem the validator finds without a path or JSON words', () => {
    const cases: [(s: ReturnType<typeof exampleScenario>) => void, string][] = [
      [(s) => (s.durationMinutes = -5), 'Duration must be more than 0 minutes'],
      [(s) => (s.serviceLevelSeconds = -1), 'Service level threshold must be at least 0 seconds'],
      [(s) => (s.seed = 1.5), 'Seed must be a whole number'],
      [
        (s) => (s.channels[0].maxSessions = 0),
        'Max sessions per operator must be at least 1, or empty for unlimited',
      ],
      [(s) => (s.operators[1].lang = 'de_DE'), 'Main language: "de_DE" is not an enabled language'],
      [(s) => (s.operators[1].name = ''), 'Name must not be empty'],
      [(s) => (s.visitors[0].returningFraction = 2), 'Returning fraction must be between 0 and 1'],
      [
        (s) => (s.visitors[0].chatMinutes = { dist: 'exponential', mean: 0 }),
        'Chat length mean must be more than 0 minutes',
      ],
      [
        (s) =>
          (s.operators[0].activity = { kind: 'breaks', breaks: [{ atMinute: 10, minutes: 0 }] }),
        'Break length must be more than 0 minutes',
      ],
    ];
    for (const [change, expected] of cases) {
      const { errors } = errorsAfter(change);
      const shown = errors.map((e) => fieldError(e.path, e.message));
      expect(shown).toContain(expected);
      for (const line of shown) {
        expect(line).not.toMatch(/\w\[\d+\]|\.\w+Minutes|null|got /);
      }
    }
  });

  it('names the row in the list above the form', () => {
    const { errors, scenario } = errorsAfter((s) => (s.operators[1].lang = 'de_DE'));
    expect(problemLine(errors[0].path, errors[0].message, scenario)).toBe(
      `Operator 2 “${scenario.operators[1].name}” · Main language: "de_DE" is not an enabled language`,
    );
    expect(problemLine('durationMinutes', 'must be greater than 0, got 0', scenario)).toBe(
      'Run settings · Duration must be more than 0 minutes',
    );
  });

  it('a path the form has no field for still reads as words, not a path', () => {
    expect(fieldWords('operators[0].somethingNew')).toBeNull();
    expect(fieldLabel('operators[0].somethingNew')).toBe('Something new');
  });
});
