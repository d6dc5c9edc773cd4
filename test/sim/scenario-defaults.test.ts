import { describe, expect, it } from 'vitest';
import { SCENARIO_DEFAULTS } from '../../src/sim/scenario/defaults.ts';
import { parseScenario } from '../../src/sim/scenario/validate.ts';
import type { Scenario } from '../../src/sim/scenario/types.ts';

/** The smallest file the format accepts: everything optional left out. */
const minimal = () => ({
  format: 'livechat-sandbox/scenario@1',
  name: 'Minimal',
  durationMinutes: 60,
  languages: ['en_US'],
  channels: [{ id: 'web' }],
  operators: [{ id: 'a', name: 'Audrey Peterson', lang: 'en_US', channels: ['web'] }],
  visitors: [
    {
      channel: 'web',
      arrivalsPerHour: 10,
      languages: { en_US: 1 },
      chatMinutes: { dist: 'fixed', value: 5 },
    },
  ],
});

function parsed(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.scenario;
}

describe('parseScenario fills in the defaults', () => {
  it('of every optional field, as issue 2 lists them', () => {
    expect(parsed(minimal())).toEqual({
      format: 'livechat-sandbox/scenario@1',
      name: 'Minimal',
      seed: 1,
      durationMinutes: 60,
      policy: 'odoo',
      whenNoOperator: 'unavailable',
      inactivity: { timeoutMinutes: 30, effect: 'remove' },
      serviceLevelSeconds: 20,
      languages: ['en_US'],
      channels: [{ id: 'web', name: 'web', maxSessions: null }],
      operators: [
        {
          id: 'a',
          name: 'Audrey Peterson',
          lang: 'en_US',
          extraLanguages: [],
          expertises: [],
          channels: ['web'],
          activity: { kind: 'always' },
        },
      ],
      visitors: [
        {
          channel: 'web',
          arrivalsPerHour: 10,
          languages: { en_US: 1 },
          expertises: [],
          returningFraction: 0,
          chatMinutes: { dist: 'fixed', value: 5 },
        },
      ],
    } satisfies Scenario);
  });

  it('leaves optional fields without a default absent, not undefined', () => {
    const s = parsed(minimal());
    expect(Object.keys(s)).not.toContain('description');
    expect(Object.keys(s.operators[0])).not.toContain('chatName');
    expect(Object.keys(s.operators[0])).not.toContain('country');
    expect(Object.keys(s.visitors[0])).not.toContain('patienceMinutes');
    expect(Object.keys(s.visitors[0])).not.toContain('countries');
  });

  it('fills in the missing half of a partial inactivity setting', () => {
    const input = { ...minimal(), inactivity: { effect: 'away' } };
    expect(parsed(input).inactivity).toEqual({ timeoutMinutes: 30, effect: 'away' });
    const other = { ...minimal(), inactivity: { timeoutMinutes: 5 } };
    expect(parsed(other).inactivity).toEqual({ timeoutMinutes: 5, effect: 'remove' });
  });

  it('keeps an explicit null maxSessions (unlimited) and an explicit limit', () => {
    const input = minimal();
    input.channels = [
      { id: 'web', maxSessions: null } as never,
      { id: 'b', maxSessions: 3 } as never,
    ];
    expect(parsed(input).channels.map((c) => c.maxSessions)).toEqual([null, 3]);
  });

  it('sorts an operator’s breaks by start time', () => {
    const input = minimal();
    Object.assign(input.operators[0], {
      activity: {
        kind: 'breaks',
        breaks: [
          { atMinute: 120, minutes: 10 },
          { atMinute: 30, minutes: 45 },
        ],
      },
    });
    expect(parsed(input).operators[0].activity).toEqual({
      kind: 'breaks',
      breaks: [
        { atMinute: 30, minutes: 45 },
        { atMinute: 120, minutes: 10 },
      ],
    });
  });

  it('gives every operator its own arrays, never the shared defaults', () => {
    const input = minimal();
    input.operators.push({ id: 'b', name: 'Beth Evans', lang: 'en_US', channels: ['web'] });
    const s = parsed(input);
    s.operators[0].extraLanguages.push('fr_FR');
    s.operators[0].expertises.push('billing');
    expect(s.operators[1].extraLanguages).toEqual([]);
    expect(s.operators[1].expertises).toEqual([]);
    expect(SCENARIO_DEFAULTS.operator.extraLanguages).toEqual([]);
    expect(parsed(minimal()).operators[0].extraLanguages).toEqual([]);
  });

  it('does not keep references into the input', () => {
    const input = minimal();
    const s = parsed(input);
    input.languages.push('fr_FR');
    input.visitors[0].languages.en_US = 7;
    expect(s.languages).toEqual(['en_US']);
    expect(s.visitors[0].languages).toEqual({ en_US: 1 });
  });
});
