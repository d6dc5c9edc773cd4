/**
 * Built-in practice scenarios: each puts the trainee in an operator's seat (`activity: trainee`)
 * next to simulated colleagues, so one of the guide's procedures matters. They go through the
 * scenario validator like any imported file, so they get the same defaults.
 */
import { parseScenario } from '../scenario/validate.ts';
import type { Scenario } from '../scenario/types.ts';

/** The operator id of the trainee's seat in every built-in practice scenario. */
export const TRAINEE_SEAT = 'trainee';

export interface PracticeScenario {
  id: string;
  title: string;
  /** What the trainee practises, shown before starting. */
  brief: string;
  input: unknown;
}

const FORMAT = 'livechat-sandbox/scenario@1';

const trainee = (channels: string[]) => ({
  id: TRAINEE_SEAT,
  name: 'Alex Morgan',
  lang: 'en_US',
  channels,
  activity: { kind: 'trainee' },
});

export const PRACTICE_SCENARIOS: readonly PracticeScenario[] = [
  {
    id: 'website-shift',
    title: 'A shift on the Website channel',
    brief:
      'Join the Website channel, answer the visitors Odoo sends you, and stay active. Visitors write in English, French, German and Spanish: Hans speaks German and Lucía Spanish, so the English visitors are yours, and nobody speaks French, so visitors writing in French go to whoever has the fewest chats.',
    input: {
      format: FORMAT,
      name: 'Practice: a shift on the Website channel',
      seed: 11,
      durationMinutes: 45,
      languages: ['en_US', 'fr_FR', 'de_DE', 'es_ES'],
      channels: [{ id: 'website', name: 'Website' }],
      operators: [
        trainee([]),
        { id: 'hans', name: 'Hans Becker', lang: 'de_DE', channels: ['website'] },
        { id: 'lucia', name: 'Lucía García', lang: 'es_ES', channels: ['website'] },
      ],
      visitors: [
        {
          channel: 'website',
          arrivalsPerHour: 24,
          languages: { en_US: 5, fr_FR: 3, de_DE: 1, es_ES: 1 },
          chatMinutes: { dist: 'lognormal', mean: 8, sd: 4 },
        },
      ],
    },
  },
  {
    id: 'french-visitors',
    title: 'French visitors and Online Chat Languages',
    brief:
      'Only French visitors today, and you are the only operator who reads French. Add French to your Online Chat Languages in My Profile → Preferences, and the ladder sends them to you.',
    input: {
      format: FORMAT,
      name: 'Practice: French visitors',
      seed: 5,
      durationMinutes: 40,
      languages: ['en_US', 'fr_FR', 'de_DE'],
      channels: [{ id: 'website', name: 'Website' }],
      operators: [
        trainee(['website']),
        { id: 'hans', name: 'Hans Becker', lang: 'de_DE', channels: ['website'] },
      ],
      visitors: [
        {
          channel: 'website',
          arrivalsPerHour: 30,
          languages: { fr_FR: 1 },
          chatMinutes: { dist: 'lognormal', mean: 6, sd: 3 },
        },
      ],
    },
  },
  {
    id: 'two-channels',
    title: 'Two channels, stay active',
    brief:
      'You start in the Website and Shop channels, and visitors are few. Stay active: 30 minutes without mouse or keyboard activity and you are removed from both channels, and must join again.',
    input: {
      format: FORMAT,
      name: 'Practice: two channels',
      seed: 3,
      durationMinutes: 60,
      languages: ['en_US', 'nl_NL', 'it_IT', 'pt_BR'],
      channels: [
        { id: 'website', name: 'Website' },
        { id: 'shop', name: 'Shop', maxSessions: 3 },
      ],
      operators: [
        trainee(['website', 'shop']),
        { id: 'sanne', name: 'Sanne de Vries', lang: 'nl_NL', channels: ['website', 'shop'] },
        {
          id: 'marco',
          name: 'Marco Rossi',
          lang: 'it_IT',
          extraLanguages: ['pt_BR'],
          channels: ['shop'],
        },
      ],
      visitors: [
        {
          channel: 'website',
          arrivalsPerHour: 6,
          languages: { en_US: 2, nl_NL: 1, pt_BR: 1 },
          chatMinutes: { dist: 'lognormal', mean: 7, sd: 3 },
        },
        {
          channel: 'shop',
          arrivalsPerHour: 6,
          languages: { en_US: 2, it_IT: 1, pt_BR: 1 },
          chatMinutes: { dist: 'lognormal', mean: 7, sd: 3 },
        },
      ],
    },
  },
];

/** The normalized scenario of a built-in practice scenario (they are valid by construction; a test checks it). */
export function practiceScenario(id: string): Scenario {
  const p = PRACTICE_SCENARIOS.find((x) => x.id === id) ?? PRACTICE_SCENARIOS[0];
  const r = parseScenario(p.input);
  if (!r.ok)
    throw new Error(
      `Practice scenario ${p.id} is invalid: ${r.errors.map((e) => e.message).join('; ')}`,
    );
  return r.scenario;
}

/** The operators a trainee can sit in: those whose activity is `trainee`. */
export function traineeSeats(scenario: Scenario): string[] {
  return scenario.operators.filter((o) => o.activity.kind === 'trainee').map((o) => o.id);
}
