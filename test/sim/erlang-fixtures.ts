/**
 * Scenarios that are textbook queues: one channel, identical always-active operators, Poisson
 * arrivals and exponential chats (and patience). Shared by the analytic and the agreement tests.
 */
import type { Scenario } from '../../src/sim/scenario/types.ts';
import { SCENARIO_FORMAT } from '../../src/sim/scenario/types.ts';

export interface ErlangScenarioOptions {
  operators: number;
  maxSessions: number | null;
  arrivalsPerHour: number;
  chatMinutes: number;
  /** Mean exponential patience; absent = infinitely patient. */
  patienceMinutes?: number;
  whenNoOperator: 'unavailable' | 'queue';
  durationMinutes?: number;
  policy?: string;
  serviceLevelSeconds?: number;
  seed?: number;
}

export function erlangScenario(o: ErlangScenarioOptions): Scenario {
  return {
    format: SCENARIO_FORMAT,
    name: 'Erlang',
    seed: o.seed ?? 1,
    durationMinutes: o.durationMinutes ?? 600,
    policy: o.policy ?? 'odoo',
    whenNoOperator: o.whenNoOperator,
    inactivity: { timeoutMinutes: 30, effect: 'remove' },
    serviceLevelSeconds: o.serviceLevelSeconds ?? 20,
    languages: ['en_US', 'fr_FR'],
    channels: [{ id: 'website', name: 'Website', maxSessions: o.maxSessions }],
    operators: Array.from({ length: o.operators }, (_, i) => ({
      id: `op${i + 1}`,
      name: `Operator ${i + 1}`,
      lang: i % 2 === 0 ? 'en_US' : 'fr_FR',
      extraLanguages: [],
      expertises: [],
      channels: ['website'],
      activity: { kind: 'always' as const },
    })),
    visitors: [
      {
        channel: 'website',
        arrivalsPerHour: o.arrivalsPerHour,
        languages: { en_US: 3, fr_FR: 1 },
        expertises: [],
        returningFraction: 0,
        chatMinutes: { dist: 'exponential', mean: o.chatMinutes },
        ...(o.patienceMinutes !== undefined
          ? { patienceMinutes: { dist: 'exponential' as const, mean: o.patienceMinutes } }
          : {}),
      },
    ],
  };
}
