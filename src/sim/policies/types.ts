/**
 * The policy contract. A policy only *chooses*: the engine has already removed every channel
 * member who is unavailable (away, offline, at the channel's maxSessions) and every operator who is
 * not a member, and it checks the choice is one of the candidates it was given.
 */
import type { Rng } from '../random.ts';

/** What a policy may know about an operator. */
export interface OperatorView {
  /** Position in the scenario: the fixed order used for rotations and final tie-breaks. */
  index: number;
  id: string;
  lang: string;
  extraLanguages: string[];
  country?: string;
  expertises: string[];
  /** Open chats across every channel (Odoo counts active chats in all live chat channels). */
  load: number;
  /** Simulated seconds of this operator's last assignment; -Infinity if never. */
  lastAssignedAt: number;
  /**
   * Simulated seconds at which this operator's newest session that is still open was assigned;
   * -Infinity if none is open (Odoo 19's buffer counts only sessions not ended).
   */
  newestOpenSessionAt: number;
}

export interface PolicyRequest {
  lang: string;
  country?: string;
  expertises: string[];
  /** A returning visitor's previous operator (Odoo's 7-day cookie). */
  previousOperator?: string;
}

export interface PolicyContext {
  now: number;
  /** The tie-break stream. */
  rng: Rng;
  /** Scenario index of the last operator assigned in this channel, or -1. */
  lastAssignedInChannel: number;
}

export interface Choice {
  operator: OperatorView;
  /** The rung of the ladder that produced `group`. */
  tier: string;
  /** How `operator` was picked within `group`. */
  rule: string;
  /** The candidates of the chosen tier. */
  group: OperatorView[];
  /** Candidates tied under `rule` (1 = no tie). */
  ties: number;
}

export interface Policy {
  name: string;
  label: string;
  description: string;
  /** Where the behaviour comes from: Odoo's own code, or another product (peers.md). */
  source: 'odoo' | 'peer';
  /** An extra eligibility filter (e.g. language-strict); absent = every available member. */
  eligible?(request: PolicyRequest, operator: OperatorView): boolean;
  /** Picks one of `candidates` (never empty, in scenario order). */
  choose(request: PolicyRequest, candidates: OperatorView[], ctx: PolicyContext): Choice;
}
