/**
 * The books: who is a member of which channel, each operator's open sessions and load, and the
 * visitors in flight. Every count the policy, the capacity check or the view reads is changed here
 * and nowhere else. No events are emitted (log.ts) and no machine is driven (hosts.ts, routing.ts).
 */
import { removeAt } from '../lists.ts';
import type { ChannelRecord, OperatorRecord, VisitorRecord } from './records.ts';

export class Books {
  readonly channelById = new Map<string, ChannelRecord>();
  readonly operatorById = new Map<string, OperatorRecord>();
  /** Visitors in flight, unordered: a record knows its slot, so removal is a swap (no allocation). */
  readonly inFlight: VisitorRecord[] = [];

  constructor(
    /** In scenario order. */
    readonly channels: readonly ChannelRecord[],
    readonly operators: readonly OperatorRecord[],
  ) {
    for (const ch of channels) this.channelById.set(ch.id, ch);
    for (const op of operators) this.operatorById.set(op.id, op);
  }

  // ---------------------------------------------------------------- visitors in flight

  track(v: VisitorRecord): void {
    v.slot = this.inFlight.length;
    this.inFlight.push(v);
  }

  forget(v: VisitorRecord): void {
    const last = this.inFlight.pop()!;
    if (last !== v) {
      this.inFlight[v.slot] = last;
      last.slot = v.slot;
    }
  }

  inArrivalOrder(): VisitorRecord[] {
    return this.inFlight.slice().sort((a, b) => a.serial - b.serial);
  }

  findVisitor(id: string): VisitorRecord | undefined {
    return this.inFlight.find((x) => x.id === id);
  }

  // ---------------------------------------------------------------- sessions and loads

  /** The policy chose `op` for `v` at time `t`. */
  openSession(v: VisitorRecord, op: OperatorRecord, t: number): void {
    const ch = v.channel;
    op.load++;
    op.sessionsIn[ch.index]++;
    this.updateRoom(op, ch);
    op.lastAssignedAt = t;
    op.newestOpenSessionAt = t;
    v.assignedAt = t;
    op.open.push(v);
    ch.lastAssigned = op.index;
    v.operator = op;
    v.humanOperator = op.trainee;
  }

  /** The operator is conducting the chat (counts as activity for the operator machine). */
  chatStarted(v: VisitorRecord): void {
    v.started = true;
    v.operator!.chatsInProgress++;
  }

  /** The session is over: the visitor leaves the world and frees the operator's capacity. */
  closeSession(v: VisitorRecord): void {
    const op = v.operator!;
    op.load--;
    op.sessionsIn[v.channel.index]--;
    this.updateRoom(op, v.channel);
    const at = op.open.indexOf(v);
    if (at >= 0) removeAt(op.open, at);
    if (v.assignedAt === op.newestOpenSessionAt) op.newestOpenSessionAt = newestAssignment(op.open);
    this.forget(v);
    if (v.started) op.chatsInProgress--;
  }

  // ---------------------------------------------------------------- memberships

  /** Makes `op` a member of `ch` (kept in scenario order); false if they already were. */
  addMember(op: OperatorRecord, ch: ChannelRecord): boolean {
    if (op.memberOf[ch.index]) return false;
    op.memberOf[ch.index] = 1;
    op.channels = this.channels.filter((x) => op.memberOf[x.index]).map((x) => x.id);
    const at = ch.members.findIndex((m) => m.index > op.index);
    if (at < 0) ch.members.push(op);
    else ch.members.splice(at, 0, op);
    this.placeMembers(ch);
    return true;
  }

  /** Ends `op`'s membership of `ch`; false if they were not a member. */
  removeMember(op: OperatorRecord, ch: ChannelRecord): boolean {
    if (!op.memberOf[ch.index]) return false;
    op.memberOf[ch.index] = 0;
    op.channels = op.channels.filter((id) => id !== ch.id);
    ch.members.splice(ch.members.indexOf(op), 1);
    op.memberAt[ch.index] = -1;
    this.placeMembers(ch);
    return true;
  }

  // ---------------------------------------------------------------- room

  /** The members' positions and who has room, anew (a member joined or left). */
  private placeMembers(ch: ChannelRecord): void {
    const members = ch.members;
    ch.room = members.length > 31 ? -1 : 0;
    for (let i = 0; i < members.length; i++) {
      members[i].memberAt[ch.index] = i;
      this.updateRoom(members[i], ch);
    }
  }

  /** Whether `op` has room for one more session in `ch` changed, maybe: the bit follows. */
  private updateRoom(op: OperatorRecord, ch: ChannelRecord): void {
    const at = op.memberAt[ch.index];
    if (ch.room === -1 || at < 0) return;
    if (ch.maxSessions === null || op.sessionsIn[ch.index] < ch.maxSessions) ch.room |= 1 << at;
    else ch.room &= ~(1 << at);
  }

  memberChannels(op: OperatorRecord): ChannelRecord[] {
    return this.channels.filter((ch) => op.memberOf[ch.index]);
  }
}

function newestAssignment(open: readonly VisitorRecord[]): number {
  let newest = -Infinity;
  for (let i = 0; i < open.length; i++)
    if (open[i].assignedAt > newest) newest = open[i].assignedAt;
  return newest;
}
