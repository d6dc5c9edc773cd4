/**
 * The defaults of scenario format v1: what a field means when a file leaves it out.
 * One table, read by the validator (to normalize), by docs/scenario-format.md and by the UI (to show
 * placeholders), so the three cannot disagree.
 */
import type { Activity, InactivityEffect, WhenNoOperator } from './types.ts';

export const SCENARIO_DEFAULTS = {
  seed: 1,
  /** Odoo 17/18 `_get_operator`. */
  policy: 'odoo',
  /** Odoo has no waiting queue: "No available collaborator, please try again later". */
  whenNoOperator: 'unavailable' as WhenNoOperator,
  /** The guide's "more than thirty minutes" (Odoo's AWAY_TIMER is 1800 s too). */
  inactivity: { timeoutMinutes: 30, effect: 'remove' as InactivityEffect },
  serviceLevelSeconds: 20,
  channel: {
    /** Odoo's default `max_sessions_mode` is `unlimited`. */
    maxSessions: null as number | null,
  },
  operator: {
    extraLanguages: [] as string[],
    expertises: [] as string[],
    activity: { kind: 'always' } as Activity,
  },
  visitors: {
    expertises: [] as string[],
    returningFraction: 0,
  },
} as const;
