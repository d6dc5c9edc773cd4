/**
 * The world's records: one per channel, operator and visitor. A record is at once the machine's
 * context (XState keeps it by reference), what the policy reads (OperatorView, PolicyRequest) and
 * the books' entry (loads, sessions, memberships). Built here, changed only by books.ts (the
 * numbers) and by the machines themselves (their own context fields).
 */
import type { Candidate, Exclusion } from '../events.ts';
import type { ChannelContext, QueueEntry } from '../machines/channel.ts';
import type { OperatorContext, OperatorEvent, OperatorHost } from '../machines/operator.ts';
import type { VisitorContext, VisitorHost } from '../machines/visitor.ts';
import type { OperatorView, PolicyRequest } from '../policies/index.ts';
import { stream, type Rng } from '../random.ts';
import type { Instance, MachineRuntime } from '../runtime.ts';
import {
  chatNameOf,
  languageInterner,
  type Channel,
  type Operator,
  type Scenario,
} from '../scenario/types.ts';
import { shiftOccurrences, startOffsetSeconds } from '../scenario/week.ts';

export interface ChannelRecord extends ChannelContext {
  index: number;
  id: string;
  name: string;
  maxSessions: number | null;
  /** Members in scenario order. */
  members: OperatorRecord[];
  lastAssigned: number;
  /**
   * The members with room for one more session here (bit i: `members[i]`), kept by the books, so
   * that routing looks at those only; -1 when the channel has more than 31 members (routing then
   * looks at every member).
   */
  room: number;
  /** `[this]`, made once: draining one channel's queue is done once per ended session. */
  alone: ChannelRecord[];
  instance: Instance<ChannelContext>;
}

export interface OperatorRecord extends OperatorContext, OperatorView {
  name: string;
  chatName: string;
  scenario: Operator;
  /** Open sessions per channel index (Odoo 18.1 max_sessions counts per channel). */
  sessionsIn: Int32Array;
  memberOf: Uint8Array;
  /** Position in each channel's members (-1 when not a member). */
  memberAt: Int32Array;
  /** Assigned sessions not ended, in assignment order (a few at most: a list, not a set). */
  open: VisitorRecord[];
  /** Breaks of kind random-breaks draw from this stream. */
  breakRng: Rng | null;
  /** Shared, frozen explanation entries (one per load, one per reason): an assignment allocates none. */
  candidateEntries: Candidate[];
  excludedFor: { away: Exclusion; offline: Exclusion; capacity: Exclusion; notEligible: Exclusion };
  instance: Instance<OperatorContext>;
}

/** A visitor's record doubles as its policy request (lang, country, expertises, previousOperator). */
export interface VisitorRecord extends VisitorContext, QueueEntry, PolicyRequest {
  serial: number;
  /** Index in the books' in-flight list. */
  slot: number;
  id: string;
  channel: ChannelRecord;
  lang: string;
  country?: string;
  expertises: string[];
  previousOperator?: string;
  operator: OperatorRecord | null;
  assignedAt: number;
  started: boolean;
  instance: Instance<VisitorContext>;
}

/**
 * A visitor's record, as arrivals.ts makes it. Its id, `v${serial}`, is made when first read: a
 * run that logs in compact form (log-codec.ts names visitors by serial) never reads it, and making
 * a million of them cost ~3% of such a run (number to string, and its cache's write barrier).
 */
export class Visitor implements VisitorRecord {
  slot = 0;
  humanOperator = false;
  operator: OperatorRecord | null = null;
  assignedAt = -Infinity;
  started = false;
  prev: QueueEntry | null = null;
  next: QueueEntry | null = null;
  /** Set by the world when it starts the machine. */
  instance = null as unknown as Instance<VisitorContext>;
  private name: string | null = null;

  constructor(
    readonly host: VisitorHost,
    readonly serial: number,
    readonly channel: ChannelRecord,
    readonly lang: string,
    readonly country: string | undefined,
    readonly expertises: string[],
    readonly previousOperator: string | undefined,
    readonly arrivedAt: number,
    readonly patienceSeconds: number,
    readonly chatSeconds: number,
  ) {}

  get id(): string {
    return (this.name ??= `v${this.serial}`);
  }
}

/** Whether one of the operator's shifts is in progress at time 0 (it may have begun before). */
function onShiftAt0(a: Extract<Operator['activity'], { kind: 'shifts' }>, scenario: Scenario) {
  const offset = startOffsetSeconds(scenario.startsAt);
  return shiftOccurrences(a.shifts, a.breaks, offset, 0, 1).some((o) => o.start <= 0);
}

/** The instance is set by the caller once the machine is started with the record. */
export function channelRecord(c: Channel, index: number): ChannelRecord {
  const record = {
    index,
    id: c.id,
    name: c.name,
    maxSessions: c.maxSessions,
    members: [],
    lastAssigned: -1,
    room: 0,
    head: null,
    tail: null,
    queueLength: 0,
  } as unknown as ChannelRecord;
  record.alone = [record];
  return record;
}

export function operatorRecord(
  o: Operator,
  index: number,
  scenario: Scenario,
  seed: number,
  host: OperatorHost,
): OperatorRecord {
  const nChannels = scenario.channels.length;
  const lang = languageInterner(scenario);
  return {
    host,
    index,
    id: o.id,
    name: o.name,
    chatName: chatNameOf(o),
    scenario: o,
    lang: lang(o.lang),
    extraLanguages: o.extraLanguages.map(lang),
    country: o.country,
    expertises: o.expertises,
    load: 0,
    lastAssignedAt: -Infinity,
    newestOpenSessionAt: -Infinity,
    trainee: o.activity.kind === 'trainee',
    inactivityEffect: scenario.inactivity.effect,
    inactivityTimeoutSeconds: scenario.inactivity.timeoutMinutes * 60,
    chatsInProgress: 0,
    channels: [],
    removedFrom: [],
    shiftChannels: o.activity.kind === 'shifts' ? o.channels.slice() : null,
    onShiftAtStart: o.activity.kind === 'shifts' && onShiftAt0(o.activity, scenario),
    sessionsIn: new Int32Array(nChannels),
    memberOf: new Uint8Array(nChannels),
    memberAt: new Int32Array(nChannels).fill(-1),
    open: [],
    breakRng: o.activity.kind === 'random-breaks' ? stream(seed, `breaks:${o.id}`) : null,
    candidateEntries: [],
    excludedFor: {
      away: Object.freeze({ operator: o.id, why: 'away' }),
      offline: Object.freeze({ operator: o.id, why: 'offline' }),
      capacity: Object.freeze({ operator: o.id, why: 'capacity' }),
      notEligible: Object.freeze({ operator: o.id, why: 'not-eligible' }),
    },
  } as unknown as OperatorRecord;
}

/**
 * An operator's presence, read from their machine's state tags (machines/operator.ts): `online`
 * while assignable, else `away` or `offline`.
 */
export function presenceOf(
  rt: MachineRuntime<OperatorContext, OperatorEvent>,
  op: OperatorRecord,
): 'online' | 'away' | 'offline' {
  return rt.hasTag(op.instance, 'assignable') ? 'online' : absenceOf(rt, op);
}

/** The presence of an operator who is not assignable. */
export function absenceOf(
  rt: MachineRuntime<OperatorContext, OperatorEvent>,
  op: OperatorRecord,
): 'away' | 'offline' {
  return rt.hasTag(op.instance, 'away') ? 'away' : 'offline';
}
