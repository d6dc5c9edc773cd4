import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/sim/scenario/json-syntax.ts';
import { formatErrors, parseScenarioText } from '../../src/sim/scenario/validate.ts';
import { exampleScenario } from './fixtures.ts';

function lines(text: string): string[] {
  const result = parseScenarioText(text);
  return result.ok ? [] : formatErrors(result.errors);
}

describe('parseScenarioText', () => {
  it('parses a valid file', () => {
    const result = parseScenarioText(JSON.stringify(exampleScenario(), null, 2));
    expect(result).toEqual({ ok: true, scenario: exampleScenario() });
  });

  it('ignores a byte order mark', () => {
    expect(parseScenarioText('\uFEFF' + JSON.stringify(exampleScenario())).ok).toBe(true);
  });

  it('reports a missing comma with its line and column, as one error', () => {
    const result = parseScenarioText('{\n  "name": "x"\n  "seed": 2\n}');
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          line: 3,
          column: 3,
          message: 'invalid JSON at line 3, column 3: missing "," before this property',
        },
      ],
    });
  });

  it.each([
    [
      '{"a": 1,}',
      'invalid JSON at line 1, column 8: trailing comma before "}" is not allowed in JSON',
    ],
    [
      '[1, 2,\n]',
      'invalid JSON at line 1, column 6: trailing comma before "]" is not allowed in JSON',
    ],
    ["{'a': 1}", 'invalid JSON at line 1, column 2: strings must use double quotes (") in JSON'],
    [
      '{\n  // a note\n  "a": 1}',
      'invalid JSON at line 2, column 3: comments are not allowed in JSON',
    ],
    ['{a: 1}', 'invalid JSON at line 1, column 2: property names must be in double quotes in JSON'],
    ['[1 2]', 'invalid JSON at line 1, column 4: missing "," before this item'],
    [
      '{"a": "x\n"}',
      'invalid JSON at line 1, column 7: unterminated string (a string cannot span lines)',
    ],
    [
      '{"a": tru}',
      'invalid JSON at line 1, column 7: unexpected word "tru", expected a value (strings need double quotes)',
    ],
    [
      '{"a" 1}',
      'invalid JSON at line 1, column 6: unexpected "1", expected ":" after the property name',
    ],
    ['', 'invalid JSON at line 1, column 1: unexpected end of file, expected a value'],
    [
      '{"a": [1, 2',
      'invalid JSON at line 1, column 12: unexpected end of file, expected "," or "]" after an array item',
    ],
    ['{} {}', 'invalid JSON at line 1, column 4: unexpected "{" after the end of the JSON value'],
    ['{"a": 01}', 'invalid JSON at line 1, column 7: numbers cannot start with a 0 (write 1)'],
    ['{"a": "\\x"}', 'invalid JSON at line 1, column 8: invalid escape "\\x" in a string'],
  ])('explains %j in words', (text, line) => {
    expect(lines(text)).toEqual([line]);
  });

  it('validates the parsed value like parseScenario', () => {
    const text = JSON.stringify({ ...exampleScenario(), seed: 'one' });
    expect(lines(text)).toEqual(['seed: expected an integer, got "one"']);
  });
});

describe('findJsonSyntaxError agrees with JSON.parse', () => {
  it('finds no error in any valid JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonSyntaxError(text)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('finds an error in every text JSON.parse rejects, and never throws', () => {
    const jsonish = fc
      .array(
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '"',
          '"a"',
          '1',
          '-',
          '.5',
          'true',
          'nul',
          ' ',
          '\n',
          '\\',
          "'",
          '/',
          'x',
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const found = findJsonSyntaxError(text);
        expect(found === null).toBe(valid);
        if (found) {
          expect(found.line).toBeGreaterThanOrEqual(1);
          expect(found.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('survives very deep nesting', () => {
    expect(findJsonSyntaxError('['.repeat(100_000))?.message).toBe(
      'unexpected end of file, expected a value',
    );
  });
});
