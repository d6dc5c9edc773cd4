/**
 * Small scenarios for tests. `exampleScenario()` is normalized (every default filled in) and valid:
 * test/sim/scenario-validate.test.ts checks that it passes parseScenario unchanged.
 */
import type { Scenario } from '../../src/sim/scenario/types.ts';
import { SCENARIO_FORMAT } from '../../src/sim/scenario/types.ts';

/**
 * Two channels, three operators and two visitor streams, over one hour, Odoo's behaviour:
 * - Marc speaks French (main) and English (Online Chat Language), Online Chat Name "Marc";
 * - Mitchell speaks English, is on both channels, and takes a 45-minute break at minute 10;
 * - Joel has no Online Chat Name (visitors see "Joel Willis").
 * A fresh object on every call, so tests may change it.
 */
export function exampleScenario(): Scenario {
  return {
    format: SCENARIO_FORMAT,
    name: 'Example',
    seed: 1,
    durationMinutes: 60,
    policy: 'odoo',
    whenNoOperator: 'unavailable',
    inactivity: { timeoutMinutes: 30, effect: 'remove' },
    serviceLevelSeconds: 20,
    languages: ['en_US', 'fr_FR'],
    channels: [
      { id: 'website', name: 'Website', maxSessions: null },
      { id: 'support', name: 'Support', maxSessions: 2 },
    ],
    operators: [
      {
        id: 'marc',
        name: 'Marc Demo',
        chatName: 'Marc',
        lang: 'fr_FR',
        extraLanguages: ['en_US'],
        expertises: [],
        channels: ['website'],
        activity: { kind: 'always' },
      },
      {
        id: 'mitchell',
        name: 'Mitchell Admin',
        chatName: 'Mitchell',
        lang: 'en_US',
        extraLanguages: [],
        expertises: [],
        channels: ['website', 'support'],
        activity: { kind: 'breaks', breaks: [{ atMinute: 10, minutes: 45 }] },
      },
      {
        id: 'joel',
        name: 'Joel Willis',
        lang: 'en_US',
        extraLanguages: [],
        expertises: [],
        channels: ['support'],
        activity: { kind: 'always' },
      },
    ],
    visitors: [
      {
        channel: 'website',
        arrivalsPerHour: 12,
        languages: { en_US: 2, fr_FR: 1 },
        expertises: [],
        returningFraction: 0,
        chatMinutes: { dist: 'exponential', mean: 6 },
      },
      {
        channel: 'support',
        arrivalsPerHour: 6,
        languages: { en_US: 1 },
        expertises: [],
        returningFraction: 0,
        chatMinutes: { dist: 'lognormal', mean: 8, sd: 4 },
        patienceMinutes: { dist: 'exponential', mean: 3 },
      },
    ],
  };
}
