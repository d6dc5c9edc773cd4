/**
 * The machines' host callbacks: what the operator, visitor and channel machines ask of the world
 * while they step. A callback updates the books and writes the log at once; any work on another
 * machine (start the chats waiting for an operator, let queued visitors in) is recorded with
 * `later` and done by `flush` once the current machine step is over, in FIFO order. That keeps
 * the order of events causal and identical whether machines run as XState actors or compiled.
 */
import type { ChannelContext, ChannelEvent } from '../machines/channel.ts';
import type { OperatorContext, OperatorEvent, OperatorHost } from '../machines/operator.ts';
import type { Assignment, VisitorContext, VisitorEvent, VisitorHost } from '../machines/visitor.ts';
import type { AssignmentReason, JoinReason, LeaveReason } from '../events.ts';
import type { MachineRuntime } from '../runtime.ts';
import type { Books } from './books.ts';
import type { LogWriter } from './log.ts';
import type { OperatorRecord, VisitorRecord } from './records.ts';
import type { Router } from './routing.ts';

const OPERATOR_CHAT_ENDED = { type: 'operator.chat.ended' } as const;
const OPERATOR_RETURNED = { type: 'operator.returned' } as const;

export interface Runtimes {
  visitor: MachineRuntime<VisitorContext, VisitorEvent>;
  operator: MachineRuntime<OperatorContext, OperatorEvent>;
  channel: MachineRuntime<ChannelContext, ChannelEvent>;
}

export class MachineHosts implements VisitorHost, OperatorHost {
  /** Work recorded by machine actions, done after the current machine step. */
  private readonly deferred: ((() => void) | VisitorRecord)[] = [];
  // Set by the world once they exist: the records they are built from name this host.
  books!: Books;
  router!: Router;

  constructor(
    private readonly clock: { readonly t: number },
    private readonly log: LogWriter,
    private readonly rt: Runtimes,
    private readonly queueMode: boolean,
  ) {}

  /** Records work to do once the current machine step is over. */
  later(task: () => void): void {
    this.deferred.push(task);
  }

  /** Does the recorded work, including what it records in turn, in FIFO order. */
  flush(): void {
    const d = this.deferred;
    if (d.length === 0) return;
    for (let i = 0; i < d.length; i++) {
      const task = d[i];
      if (typeof task === 'function') task();
      else this.afterSessionClosed(task);
    }
    while (d.length > 0) d.pop(); // setting `length` goes through a slow runtime call
  }

  /** The hot deferred task (once per visitor) is the record itself: no closure to allocate. */
  private afterSessionClosed(v: VisitorRecord): void {
    if (v.started) this.rt.operator.send(v.operator!.instance, OPERATOR_CHAT_ENDED);
    const ch = v.channel;
    if (ch.head !== null) this.router.drain(ch.alone);
  }

  // ---------------------------------------------------------------- VisitorHost

  time(): number {
    return this.clock.t;
  }

  logArrived(c: VisitorContext): void {
    this.log.arrived(c as VisitorRecord);
  }
  logQueued(c: VisitorContext, position: number): void {
    this.log.queued(c as VisitorRecord, position);
  }
  logAssigned(c: VisitorContext, a: Assignment): void {
    this.log.assigned(c as VisitorRecord, a.operator, a.reason as AssignmentReason);
  }
  logUnavailable(c: VisitorContext): void {
    this.log.unavailable(c as VisitorRecord);
    this.books.forget(c as VisitorRecord);
  }
  logAbandoned(c: VisitorContext, reason: 'patience' | 'run-ended'): void {
    this.log.abandoned(c as VisitorRecord, reason);
    this.books.forget(c as VisitorRecord);
  }
  logUnanswered(c: VisitorContext): void {
    this.log.unanswered(c as VisitorRecord);
  }
  logChatStarted(c: VisitorContext): void {
    this.books.chatStarted(c as VisitorRecord);
    this.log.chat('chat.started', c as VisitorRecord);
  }
  logChatEnded(c: VisitorContext): void {
    this.log.chat('chat.ended', c as VisitorRecord);
  }
  sessionClosed(c: VisitorContext): void {
    this.books.closeSession(c as VisitorRecord);
    this.deferred.push(c as VisitorRecord);
  }
  leftQueue(c: VisitorContext): void {
    const v = c as VisitorRecord;
    this.later(() =>
      this.rt.channel.send(v.channel.instance, { type: 'visitor.dequeued', entry: v }),
    );
  }

  // ---------------------------------------------------------------- OperatorHost

  logStatus(c: OperatorContext, status: 'online' | 'away' | 'offline'): void {
    this.log.status(c as OperatorRecord, status);
  }
  logBreakStarted(c: OperatorContext): void {
    this.log.break('operator.break.started', c as OperatorRecord);
  }
  logBreakEnded(c: OperatorContext): void {
    this.log.break('operator.break.ended', c as OperatorRecord);
  }
  join(c: OperatorContext, channelId: string, reason: JoinReason): void {
    const op = c as OperatorRecord;
    const ch = this.books.channelById.get(channelId);
    if (!ch || !this.books.addMember(op, ch)) return;
    this.log.joined(op, ch, reason);
    if (reason !== 'start') this.later(() => this.router.drain(ch.alone));
  }
  leave(c: OperatorContext, channelId: string, reason: LeaveReason): void {
    const op = c as OperatorRecord;
    const ch = this.books.channelById.get(channelId);
    if (!ch || !this.books.removeMember(op, ch)) return;
    this.log.left(op, ch, reason);
  }
  atKeyboard(c: OperatorContext): void {
    const op = c as OperatorRecord;
    const waiting = op.open.filter((v) => !v.started);
    if (waiting.length > 0 || this.queueMode)
      this.later(() => {
        for (const v of waiting) this.rt.visitor.send(v.instance, OPERATOR_RETURNED);
        this.router.drain(this.books.memberChannels(op));
      });
  }
  available(c: OperatorContext): void {
    const op = c as OperatorRecord;
    if (this.queueMode && this.clock.t > 0)
      this.later(() => this.router.drain(this.books.memberChannels(op)));
  }
}
