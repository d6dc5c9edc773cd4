import { describe, expect, it } from 'vitest';
import { formatErrors, parseScenario } from '../../src/sim/scenario/validate.ts';
import { exampleScenario } from './fixtures.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests break the types on purpose */

/** The example scenario as a file would hold it, changed by `mutate`; returns the error lines. */
function problems(mutate: (s: any) => void): string[] {
  const s: any = structuredClone(exampleScenario());
  mutate(s);
  const result = parseScenario(s);
  return result.ok ? [] : formatErrors(result.errors);
}

describe('parseScenario accepts', () => {
  it('the example scenario, unchanged', () => {
    expect(parseScenario(exampleScenario())).toEqual({ ok: true, scenario: exampleScenario() });
  });
});

describe('parseScenario reports the whole file', () => {
  it('when it is not an object', () => {
    expect(formatErrors((parseScenario(null) as any).errors)).toEqual([
      'scenario: expected an object, got null',
    ]);
    expect(formatErrors((parseScenario([]) as any).errors)).toEqual([
      'scenario: expected an object, got an array',
    ]);
  });
  it('when it is an empty object: every required field, one line each', () => {
    expect(formatErrors((parseScenario({}) as any).errors)).toEqual([
      'format: required field is missing',
      'name: required field is missing',
      'durationMinutes: required field is missing',
      'languages: required field is missing',
      'channels: required field is missing',
      'operators: required field is missing',
      'visitors: required field is missing',
    ]);
  });
});

describe('parseScenario names one field per mistake', () => {
  it('a wrong format string', () => {
    expect(problems((s) => (s.format = 'livechat-sandbox/scenario@2'))).toEqual([
      'format: expected "livechat-sandbox/scenario@1", got "livechat-sandbox/scenario@2"',
    ]);
  });
  it('a missing format', () => {
    expect(problems((s) => delete s.format)).toEqual(['format: required field is missing']);
  });
  it('an empty or blank name', () => {
    expect(problems((s) => (s.name = ''))).toEqual(['name: must not be empty']);
    expect(problems((s) => (s.operators[0].name = '  '))).toEqual([
      'operators[0].name: must not be empty',
    ]);
  });
  it('a seed that is not an integer', () => {
    expect(problems((s) => (s.seed = 1.5))).toEqual(['seed: must be an integer, got 1.5']);
    expect(problems((s) => (s.seed = '42'))).toEqual(['seed: expected an integer, got "42"']);
  });
  it('a duration of 0 minutes', () => {
    expect(problems((s) => (s.durationMinutes = 0))).toEqual([
      'durationMinutes: must be greater than 0, got 0',
    ]);
  });
  it('a duration that is not finite', () => {
    expect(problems((s) => (s.durationMinutes = Infinity))).toEqual([
      'durationMinutes: must be a finite number, got Infinity',
    ]);
    expect(problems((s) => (s.durationMinutes = NaN))).toEqual([
      'durationMinutes: expected a number, got NaN',
    ]);
  });
  it('an unknown policy, listing the valid ones', () => {
    expect(problems((s) => (s.policy = 'fastest'))).toEqual([
      'policy: "fastest" is not a known policy (valid: "odoo", "odoo-19", "round-robin", "balanced", "load-rotation", "language-strict")',
    ]);
  });
  it('an unknown whenNoOperator', () => {
    expect(problems((s) => (s.whenNoOperator = 'wait'))).toEqual([
      'whenNoOperator: "wait" is not a valid choice (valid: "unavailable", "queue")',
    ]);
  });
  it('an inactivity timeout of 0 and an unknown effect', () => {
    expect(problems((s) => (s.inactivity = { timeoutMinutes: 0, effect: 'logout' }))).toEqual([
      'inactivity.timeoutMinutes: must be greater than 0, got 0',
      'inactivity.effect: "logout" is not a valid effect (valid: "remove", "away")',
    ]);
  });
  it('inactivity given as an array', () => {
    expect(problems((s) => (s.inactivity = []))).toEqual([
      'inactivity: expected an object, got an array',
    ]);
  });
  it('a negative service level', () => {
    expect(problems((s) => (s.serviceLevelSeconds = -1))).toEqual([
      'serviceLevelSeconds: must be at least 0, got -1',
    ]);
  });
  it('no enabled language', () => {
    expect(problems((s) => (s.languages = []))).toContain(
      'languages: must enable at least one language (e.g. ["en_US"])',
    );
  });
  it('a language enabled twice', () => {
    expect(problems((s) => s.languages.push('en_US'))).toEqual([
      'languages[2]: is listed twice (also languages[0])',
    ]);
  });
  it('no channel', () => {
    expect(problems((s) => (s.channels = []))).toContain(
      'channels: must have at least one channel',
    );
  });
  it('a duplicate channel id', () => {
    expect(problems((s) => (s.channels[1].id = 'website'))).toContain(
      'channels[1].id: duplicate channel id (also channels[0])',
    );
  });
  it('maxSessions of 0, 1.5 or "2"', () => {
    expect(problems((s) => (s.channels[1].maxSessions = 0))).toEqual([
      'channels[1].maxSessions: must be at least 1 (or null for unlimited), got 0',
    ]);
    expect(problems((s) => (s.channels[1].maxSessions = 1.5))).toEqual([
      'channels[1].maxSessions: must be an integer, got 1.5',
    ]);
    expect(problems((s) => (s.channels[1].maxSessions = '2'))).toEqual([
      'channels[1].maxSessions: expected an integer or null, got "2"',
    ]);
  });
  it('an unknown field, suggesting the intended one', () => {
    expect(
      problems((s) => {
        s.operators[0].chatname = s.operators[0].chatName;
        delete s.operators[0].chatName;
      }),
    ).toEqual(['operators[0].chatname: unknown field (did you mean "chatName"?)']);
    expect(problems((s) => (s.visitors[0].chat_minutes = 3))).toEqual([
      'visitors[0].chat_minutes: unknown field (did you mean "chatMinutes"?)',
    ]);
  });
  it('an unknown field with no close match, listing the allowed ones', () => {
    expect(problems((s) => (s.channels[0].color = 'red'))).toEqual([
      'channels[0].color: unknown field (allowed: "id", "name", "maxSessions")',
    ]);
  });
  it('an operator language that is not enabled', () => {
    expect(problems((s) => (s.operators[2].lang = 'de_DE'))).toEqual([
      'operators[2].lang: "de_DE" is not an enabled language',
    ]);
  });
  it('an Online Chat Language that is not enabled', () => {
    expect(problems((s) => s.operators[0].extraLanguages.push('es_ES'))).toEqual([
      'operators[0].extraLanguages[1]: "es_ES" is not an enabled language',
    ]);
  });
  it('an operator in an unknown channel', () => {
    expect(problems((s) => s.operators[1].channels.push('sales'))).toEqual([
      'operators[1].channels[2]: unknown channel "sales" (channels are "website", "support")',
    ]);
  });
  it('an operator in the same channel twice', () => {
    expect(problems((s) => s.operators[1].channels.push('website'))).toEqual([
      'operators[1].channels[2]: is listed twice (also channels[0])',
    ]);
  });
  it('a duplicate operator id', () => {
    expect(problems((s) => (s.operators[2].id = 'marc'))).toEqual([
      'operators[2].id: duplicate operator id (also operators[0])',
    ]);
  });
  it('an operator without a name', () => {
    expect(problems((s) => delete s.operators[1].name)).toEqual([
      'operators[1].name: required field is missing',
    ]);
  });
  it('an unknown activity kind', () => {
    expect(problems((s) => (s.operators[0].activity = { kind: 'pause' }))).toEqual([
      'operators[0].activity.kind: "pause" is not an activity kind (valid: "always", "breaks", "random-breaks", "trainee", "shifts")',
    ]);
  });
  it('an activity without a kind', () => {
    expect(problems((s) => (s.operators[0].activity = {}))).toEqual([
      'operators[0].activity.kind: required field is missing (one of "always", "breaks", "random-breaks", "trainee", "shifts")',
    ]);
  });
  it('a break at a negative minute, and one of 0 minutes', () => {
    expect(
      problems((s) => (s.operators[1].activity.breaks = [{ atMinute: -5, minutes: 0 }])),
    ).toEqual([
      'operators[1].activity.breaks[0].atMinute: must be at least 0, got -5',
      'operators[1].activity.breaks[0].minutes: must be greater than 0, got 0',
    ]);
  });
  it('overlapping breaks, named against the later one', () => {
    expect(
      problems((s) => s.operators[1].activity.breaks.unshift({ atMinute: 50, minutes: 10 })),
    ).toEqual(['operators[1].activity.breaks[0].atMinute: overlaps breaks[1] (minutes 10 to 55)']);
  });
  it('random breaks with no time between them', () => {
    expect(
      problems(
        (s) =>
          (s.operators[0].activity = {
            kind: 'random-breaks',
            everyMinutes: { dist: 'fixed', value: 0 },
            minutes: { dist: 'fixed', value: 15 },
          }),
      ),
    ).toEqual([
      'operators[0].activity.everyMinutes: the time between breaks must be more than 0 minutes on average',
    ]);
  });
  it('two trainee operators', () => {
    expect(
      problems((s) => {
        s.operators[0].activity = { kind: 'trainee' };
        s.operators[2].activity = { kind: 'trainee' };
      }),
    ).toEqual([
      'operators[2].activity.kind: only one trainee operator is allowed (operators[0] is the trainee)',
    ]);
  });
  it('visitors of an unknown channel', () => {
    expect(problems((s) => (s.visitors[1].channel = 'sales'))).toEqual([
      'visitors[1].channel: unknown channel "sales" (channels are "website", "support")',
    ]);
  });
  it('a visitor language that is not enabled', () => {
    expect(problems((s) => (s.visitors[0].languages.de_DE = 1))).toEqual([
      'visitors[0].languages.de_DE: "de_DE" is not an enabled language',
    ]);
  });
  it('language weights that are all 0, negative, or absent', () => {
    expect(problems((s) => (s.visitors[0].languages = { en_US: 0, fr_FR: 0 }))).toEqual([
      'visitors[0].languages: weights must not all be 0',
    ]);
    expect(problems((s) => (s.visitors[0].languages.fr_FR = -1))).toEqual([
      'visitors[0].languages.fr_FR: must be at least 0, got -1',
    ]);
    expect(problems((s) => (s.visitors[0].languages = {}))).toEqual([
      'visitors[0].languages: must list at least one language (e.g. {"en_US": 1})',
    ]);
  });
  it('negative arrivals', () => {
    expect(problems((s) => (s.visitors[0].arrivalsPerHour = -3))).toEqual([
      'visitors[0].arrivalsPerHour: must be at least 0, got -3',
    ]);
  });
  it('a returning fraction above 1', () => {
    expect(problems((s) => (s.visitors[0].returningFraction = 1.2))).toEqual([
      'visitors[0].returningFraction: must be between 0 and 1, got 1.2',
    ]);
  });
  it('a missing chat duration', () => {
    expect(problems((s) => delete s.visitors[0].chatMinutes)).toEqual([
      'visitors[0].chatMinutes: required field is missing',
    ]);
  });
  it('an unknown distribution', () => {
    expect(problems((s) => (s.visitors[0].chatMinutes = { dist: 'normal', mean: 5 }))).toEqual([
      'visitors[0].chatMinutes.dist: "normal" is not a distribution (valid: "exponential", "fixed", "lognormal", "uniform")',
    ]);
  });
  it('a distribution given as a number', () => {
    expect(problems((s) => (s.visitors[0].chatMinutes = 5))).toEqual([
      'visitors[0].chatMinutes: expected an object, got 5',
    ]);
  });
  it('bad distribution parameters', () => {
    expect(problems((s) => (s.visitors[0].chatMinutes = { dist: 'exponential', mean: 0 }))).toEqual(
      ['visitors[0].chatMinutes.mean: must be greater than 0, got 0'],
    );
    expect(
      problems((s) => (s.visitors[1].chatMinutes = { dist: 'lognormal', mean: 5, sd: -1 })),
    ).toEqual(['visitors[1].chatMinutes.sd: must be at least 0, got -1']);
    expect(problems((s) => (s.visitors[0].chatMinutes = { dist: 'fixed', value: -2 }))).toEqual([
      'visitors[0].chatMinutes.value: must be at least 0, got -2',
    ]);
    expect(
      problems((s) => (s.visitors[1].patienceMinutes = { dist: 'uniform', min: 5, max: 3 })),
    ).toEqual(['visitors[1].patienceMinutes.max: must be at least min (5), got 3']);
    expect(
      problems((s) => (s.visitors[0].chatMinutes = { dist: 'exponential', mean: 4, sd: 1 })),
    ).toEqual(['visitors[0].chatMinutes.sd: unknown field (allowed: "dist", "mean")']);
  });
});

describe('parseScenario collects every problem', () => {
  it('reports shape and reference problems of one file together', () => {
    expect(
      problems((s) => {
        s.seed = 'x';
        s.operators[2].lang = 'de_DE';
        s.visitors[1].channel = 'sales';
        s.visitors[0].arrivalsPerHour = -1;
      }),
    ).toEqual([
      'seed: expected an integer, got "x"',
      'visitors[0].arrivalsPerHour: must be at least 0, got -1',
      'operators[2].lang: "de_DE" is not an enabled language',
      'visitors[1].channel: unknown channel "sales" (channels are "website", "support")',
    ]);
  });
  it('quotes record keys that are not plain names', () => {
    expect(problems((s) => (s.visitors[0].languages['sr@latin'] = 1))).toEqual([
      'visitors[0].languages["sr@latin"]: "sr@latin" is not an enabled language',
    ]);
  });
});
