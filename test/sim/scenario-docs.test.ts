import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatErrors, parseScenarioText } from '../../src/sim/scenario/validate.ts';
import { SCENARIO_DEFAULTS } from '../../src/sim/scenario/defaults.ts';
import { POLICY_NAMES } from '../../src/sim/scenario/types.ts';

const doc = readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1],
  body: m[2],
}));

describe('docs/scenario-format.md', () => {
  it('has examples that are what the validator says they are', () => {
    const examples = blocks.filter((b) => b.lang === 'json');
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const [i, block] of blocks.entries()) {
      if (block.lang !== 'json') continue;
      const result = parseScenarioText(block.body);
      if (JSON.parse(block.body).name === 'Broken') {
        // The documented error lines are the next text block, verbatim.
        const next = blocks.slice(i + 1).find((b) => b.lang === 'text')!;
        expect(result.ok ? [] : formatErrors(result.errors)).toEqual(next.body.trim().split('\n'));
      } else {
        expect(result.ok ? [] : formatErrors(result.errors)).toEqual([]);
      }
    }
  });

  it('documents every policy name and the defaults', () => {
    for (const name of POLICY_NAMES) expect(doc).toContain(`| \`${name}\` |`);
    expect(doc).toContain(`| \`${SCENARIO_DEFAULTS.seed}\` |`);
    expect(doc).toContain(`\`"${SCENARIO_DEFAULTS.whenNoOperator}"\``);
    expect(doc).toContain(
      `\`{"timeoutMinutes": ${SCENARIO_DEFAULTS.inactivity.timeoutMinutes}, "effect": "${SCENARIO_DEFAULTS.inactivity.effect}"}\``,
    );
    expect(doc).toContain(`| \`${SCENARIO_DEFAULTS.serviceLevelSeconds}\` |`);
  });

  it('shows a JSON syntax error the way parseScenarioText words it', () => {
    const documented = blocks.find((b) => b.lang === 'text' && b.body.startsWith('invalid JSON'))!;
    const text = '{\n  "a": [\n    1,\n    2,\n    3,\n    4,\n    5,\n    6,\n    7,\n  ]\n}';
    const result = parseScenarioText(text);
    expect(result.ok ? [] : formatErrors(result.errors)).toEqual([documented.body.trim()]);
  });
});
