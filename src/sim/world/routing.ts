/**
 * Who gets the visitor: the channel members who can take them now (and why the others cannot),
 * the policy's choice among them, and the queue draining that serves the longest-waiting visitors
 * when capacity frees or an operator becomes available (the `queue` what-if).
 *
 * Routing decides and tells the machines (visitor.assigned / queued / unavailable, channel
 * queued / dequeued); the books record the session; the visitor machine's actions log it.
 */
import type { AssignmentReason, Candidate, Exclusion } from '../events.ts';
import type { ChannelContext, ChannelEvent } from '../machines/channel.ts';
import type { OperatorContext, OperatorEvent } from '../machines/operator.ts';
import type { VisitorContext, VisitorEvent } from '../machines/visitor.ts';
import type { Policy, PolicyContext, PolicyRequest } from '../policies/index.ts';
import type { Rng } from '../random.ts';
import type { MachineRuntime } from '../runtime.ts';
import type { Books } from './books.ts';
import {
  absenceOf,
  type ChannelRecord,
  type OperatorRecord,
  type VisitorRecord,
} from './records.ts';

/** The candidates of a reason when the engine does not explain (shared, never changed). */
const NOT_LISTED: Candidate[] = Object.freeze([]) as unknown as Candidate[];
const UNAVAILABLE = { type: 'visitor.unavailable' } as const;

export class Router {
  /** Reused for every choice: policies read it and keep nothing. */
  private readonly policyContext: PolicyContext;
  /** Filled by `candidates(…, explain = true)`: the members who are not candidates, and why. */
  private excluded: Exclusion[] | undefined;
  /**
   * The candidates list, reused for every choice: the policy reads it during `choose` and the
   * reason copies what it keeps. The exclusions are gathered here too, then copied to their exact
   * size for the event (a list grown one push at a time reserves room for 17).
   */
  private readonly candidateList: OperatorRecord[] = [];
  private readonly exclusionList: Exclusion[] = [];
  /** The operator machine's tags, read for every member of the channel for every visitor. */
  private readonly assignable: (op: OperatorRecord['instance']) => boolean;
  private readonly atKeyboard: (op: OperatorRecord['instance']) => boolean;

  constructor(
    private readonly clock: { readonly t: number },
    private readonly books: Books,
    readonly policy: Policy,
    tieRng: Rng,
    /** `whenNoOperator: queue`: visitors nobody can take wait in the channel's queue. */
    readonly queueMode: boolean,
    /** List the candidates and the excluded members in each reason (EngineOptions.explain). */
    private readonly explain: boolean,
    private readonly visitorRt: MachineRuntime<VisitorContext, VisitorEvent>,
    private readonly channelRt: MachineRuntime<ChannelContext, ChannelEvent>,
    private readonly operatorRt: MachineRuntime<OperatorContext, OperatorEvent>,
  ) {
    this.policyContext = { now: 0, rng: tieRng, lastAssignedInChannel: -1 };
    this.assignable = operatorRt.tagTest('assignable');
    this.atKeyboard = operatorRt.tagTest('atKeyboard');
  }

  /** A visitor just arrived: assign, queue, or tell them nobody is available. */
  route(v: VisitorRecord): void {
    const candidates = this.candidates(v.channel, v, this.explain);
    if (candidates.length > 0) this.assign(v, candidates, this.excluded);
    else if (this.queueMode) {
      this.channelRt.send(v.channel.instance, { type: 'visitor.queued', entry: v });
      this.visitorRt.send(v.instance, { type: 'visitor.queued', position: v.channel.queueLength });
    } else this.visitorRt.send(v.instance, UNAVAILABLE);
  }

  /** Capacity freed or an operator became available: serve the longest-waiting visitors who can be. */
  drain(channels: readonly ChannelRecord[]): void {
    if (!this.queueMode) return;
    for (;;) {
      let best: VisitorRecord | null = null;
      for (const ch of channels) {
        for (let e = ch.head as VisitorRecord | null; e; e = e.next as VisitorRecord | null) {
          if (best && e.serial > best.serial) break;
          // gave up in this very instant; its removal from the queue is pending
          if (e.instance.done) continue;
          if (this.canServe(ch, e)) {
            best = e;
            break;
          }
          // Without an eligibility filter, if the oldest cannot be served nobody here can.
          if (!this.policy.eligible) break;
        }
      }
      if (!best) return;
      this.channelRt.send(best.channel.instance, { type: 'visitor.dequeued', entry: best });
      const candidates = this.candidates(best.channel, best, this.explain);
      this.assign(best, candidates, this.excluded);
    }
  }

  private assign(v: VisitorRecord, candidates: OperatorRecord[], excluded?: Exclusion[]): void {
    const ch = v.channel;
    const ctx = this.policyContext;
    ctx.now = this.clock.t;
    ctx.lastAssignedInChannel = ch.lastAssigned;
    const choice = this.policy.choose(v, candidates, ctx);
    const op = choice.operator as OperatorRecord;
    if (!candidates.includes(op))
      throw new Error(`policy ${this.policy.name} chose ${op.id}, who is not a candidate`);
    const policy = this.policy.name;
    const { tier, rule, ties } = choice;
    const group = this.explain
      ? choice.group.map((o) => candidateEntry(o as OperatorRecord))
      : NOT_LISTED;
    // One literal each way: a field added afterwards would allocate a second store for it.
    const reason: AssignmentReason = excluded
      ? { policy, tier, rule, candidates: group, ties, excluded }
      : { policy, tier, rule, candidates: group, ties };
    this.books.openSession(v, op, this.clock.t);
    this.visitorRt.send(v.instance, {
      type: 'visitor.assigned',
      operator: op.id,
      atKeyboard: this.atKeyboard(op.instance),
      reason,
    });
  }

  /** Channel members who can take the visitor now, in scenario order. */
  private candidates(ch: ChannelRecord, req: PolicyRequest, explain: boolean): OperatorRecord[] {
    const candidates = this.candidateList;
    const excluded = this.exclusionList;
    // Emptied by pop: setting `length` goes through a slow runtime call.
    while (candidates.length > 0) candidates.pop();
    while (excluded.length > 0) excluded.pop();
    const members = ch.members;
    if (!explain && ch.room !== -1) {
      // Only the members with room (the books keep them as bits, in members' order).
      for (let room = ch.room; room !== 0; room &= room - 1) {
        const op = members[31 - Math.clz32(room & -room)];
        if (this.canTake(req, op)) candidates.push(op);
      }
      this.excluded = undefined;
      return candidates;
    }
    for (let i = 0; i < members.length; i++) {
      const op = members[i];
      const why = this.whyNot(ch, req, op);
      if (why === null) candidates.push(op);
      else if (explain) excluded.push(why);
    }
    this.excluded = excluded.length > 0 ? excluded.slice() : undefined;
    return candidates;
  }

  /** Whether some member could take the visitor now (`candidates` without building lists). */
  private canServe(ch: ChannelRecord, req: PolicyRequest): boolean {
    const members = ch.members;
    if (ch.room !== -1) {
      for (let room = ch.room; room !== 0; room &= room - 1)
        if (this.canTake(req, members[31 - Math.clz32(room & -room)])) return true;
      return false;
    }
    for (let i = 0; i < members.length; i++)
      if (this.whyNot(ch, req, members[i]) === null) return true;
    return false;
  }

  /** A member with room can take the visitor now: assignable, and eligible if the policy asks. */
  private canTake(req: PolicyRequest, op: OperatorRecord): boolean {
    return this.assignable(op.instance) && (!this.policy.eligible || this.policy.eligible(req, op));
  }

  /**
   * Why a channel member cannot take the visitor now (the operator's own explanation entry), or
   * null if they can.
   */
  private whyNot(ch: ChannelRecord, req: PolicyRequest, op: OperatorRecord): Exclusion | null {
    const why = op.excludedFor;
    if (!this.assignable(op.instance))
      return absenceOf(this.operatorRt, op) === 'away' ? why.away : why.offline;
    if (ch.maxSessions !== null && op.sessionsIn[ch.index] >= ch.maxSessions) return why.capacity;
    if (this.policy.eligible && !this.policy.eligible(req, op)) return why.notEligible;
    return null;
  }
}

/**
 * Explanation entries are immutable and shared between events: the event log treats every event as
 * read-only, and 1M assignments would otherwise allocate tens of millions of tiny objects.
 */
function candidateEntry(op: OperatorRecord): Candidate {
  return (op.candidateEntries[op.load] ??= Object.freeze({ operator: op.id, load: op.load }));
}
