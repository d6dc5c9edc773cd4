/**
 * The event log vocabulary: the one language every consumer (metrics, UI, storage, CLI) reads.
 *
 * Every event is a plain JSON object with `t` (simulated seconds since the start, rounded to the
 * millisecond) and a dotted `type`. Events are emitted in time order; within one instant the order
 * is causal (a chat's end comes before the assignment it makes possible).
 *
 * Events are read-only: the engine shares some nested objects (candidate and exclusion entries)
 * between events, and storage decodes them shared too.
 */

export type OperatorStatus = 'online' | 'away' | 'offline';

/** Why an operator joined a channel. `start`: member at t=0; `return`: back after an inactivity removal; `join`: pressed Join; `shift`: their shift started (or was in progress at t=0). */
export type JoinReason = 'start' | 'return' | 'join' | 'shift';
/** Why an operator left a channel. `inactivity`: the guide's 30-minute rule; `leave`: pressed Leave; `shift`: their shift ended. */
export type LeaveReason = 'inactivity' | 'leave' | 'shift';

/** Why a channel member could not take the visitor. */
export type ExclusionWhy = 'away' | 'offline' | 'capacity' | 'not-eligible';

export interface Candidate {
  operator: string;
  /** Open chats across every channel (Odoo's "active chats"), before this assignment. */
  load: number;
}

export interface Exclusion {
  operator: string;
  why: ExclusionWhy;
}

/**
 * The machine-readable explanation attached to every assignment.
 * `tier` names the rung of the policy's ladder that produced the candidates; `rule` names how one
 * candidate was picked among them; `ties` is how many candidates were tied under that rule.
 */
export interface AssignmentReason {
  policy: string;
  tier: string;
  rule: string;
  candidates: Candidate[];
  ties: number;
  /** Channel members who were not candidates, and why (not-members are simply absent). */
  excluded?: Exclusion[];
}

interface At {
  /** Simulated seconds since the start of the run. */
  t: number;
}

export interface OperatorJoined extends At {
  type: 'operator.joined';
  operator: string;
  channel: string;
  reason: JoinReason;
}
export interface OperatorLeft extends At {
  type: 'operator.left';
  operator: string;
  channel: string;
  reason: LeaveReason;
}
export interface OperatorStatusChanged extends At {
  type: 'operator.status';
  operator: string;
  status: OperatorStatus;
}
/** The operator stepped away from the keyboard (a scheduled break). Not visible to Odoo. */
export interface OperatorBreakStarted extends At {
  type: 'operator.break.started';
  operator: string;
}
export interface OperatorBreakEnded extends At {
  type: 'operator.break.ended';
  operator: string;
}
/** The trainee changed their Online Chat Languages (operator practice console). */
export interface OperatorLanguagesChanged extends At {
  type: 'operator.languages';
  operator: string;
  languages: string[];
}
export interface VisitorArrived extends At {
  type: 'visitor.arrived';
  visitor: string;
  channel: string;
  lang: string;
  country?: string;
  expertises?: string[];
  /** A returning visitor's previous operator (Odoo's 7-day cookie). */
  previousOperator?: string;
}
export interface VisitorQueued extends At {
  type: 'visitor.queued';
  visitor: string;
  channel: string;
  /** 1-based position in the channel's queue. */
  position: number;
}
export interface VisitorAssigned extends At {
  type: 'visitor.assigned';
  visitor: string;
  operator: string;
  channel: string;
  reason: AssignmentReason;
}
export interface VisitorUnavailable extends At {
  type: 'visitor.unavailable';
  visitor: string;
  channel: string;
}
export interface VisitorAbandoned extends At {
  type: 'visitor.abandoned';
  visitor: string;
  channel: string;
  /** `patience` (the usual case) or `run-ended` (nobody could ever serve them). */
  reason?: 'patience' | 'run-ended';
}
/** The operator was absent when assigned and the visitor's patience ran out before they came back. */
export interface VisitorUnanswered extends At {
  type: 'visitor.unanswered';
  visitor: string;
  operator: string;
  channel: string;
}
/** The operator is at the keyboard and the conversation really begins (equal to the assignment unless they were absent). */
export interface ChatStarted extends At {
  type: 'chat.started';
  visitor: string;
  operator: string;
}
export interface ChatEnded extends At {
  type: 'chat.ended';
  visitor: string;
  operator: string;
}

export type SimEvent =
  | OperatorJoined
  | OperatorLeft
  | OperatorStatusChanged
  | OperatorBreakStarted
  | OperatorBreakEnded
  | OperatorLanguagesChanged
  | VisitorArrived
  | VisitorQueued
  | VisitorAssigned
  | VisitorUnavailable
  | VisitorAbandoned
  | VisitorUnanswered
  | ChatStarted
  | ChatEnded;

export type SimEventType = SimEvent['type'];

export const EVENT_TYPES: readonly SimEventType[] = [
  'operator.joined',
  'operator.left',
  'operator.status',
  'operator.break.started',
  'operator.break.ended',
  'operator.languages',
  'visitor.arrived',
  'visitor.queued',
  'visitor.assigned',
  'visitor.unavailable',
  'visitor.abandoned',
  'visitor.unanswered',
  'chat.started',
  'chat.ended',
];

/** A consumer of the event log. */
export type EventSink = (event: SimEvent) => void;
