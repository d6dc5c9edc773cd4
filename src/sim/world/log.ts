/**
 * What the log says: every event the engine emits is written here, and nothing else happens here
 * (no counter, flag or queue changes). The machines' host callbacks (hosts.ts) and the input
 * handler call these once the books are up to date, so an event always describes the world as it
 * now is. Times are stamped to the millisecond (events.ts).
 */
import type { AssignmentReason, EventSink, JoinReason, LeaveReason, SimEvent } from '../events.ts';
import type { ChannelRecord, OperatorRecord, VisitorRecord } from './records.ts';

/** What the log reads of a channel, an operator and a visitor: their records, or stand-ins. */
export type LoggedChannel = Pick<ChannelRecord, 'id'>;
export type LoggedOperator = Pick<OperatorRecord, 'id' | 'extraLanguages'>;
export interface LoggedVisitor extends Pick<
  VisitorRecord,
  'id' | 'lang' | 'country' | 'expertises' | 'previousOperator'
> {
  channel: LoggedChannel;
  operator: LoggedOperator | null;
}

/**
 * Where the machines' callbacks write the log: the EventLog below (events as objects, to a sink),
 * or log-codec.ts's EncodedLog (the same events in compact form, decoded by an EventLog elsewhere).
 */
export interface LogWriter {
  /** Events written so far. */
  readonly count: number;
  arrived(v: VisitorRecord): void;
  queued(v: VisitorRecord, position: number): void;
  assigned(v: VisitorRecord, operator: string, reason: AssignmentReason): void;
  unavailable(v: VisitorRecord): void;
  abandoned(v: VisitorRecord, reason: 'patience' | 'run-ended'): void;
  unanswered(v: VisitorRecord): void;
  chat(type: 'chat.started' | 'chat.ended', v: VisitorRecord): void;
  status(op: OperatorRecord, status: 'online' | 'away' | 'offline'): void;
  break(type: 'operator.break.started' | 'operator.break.ended', op: OperatorRecord): void;
  joined(op: OperatorRecord, ch: ChannelRecord, reason: JoinReason): void;
  left(op: OperatorRecord, ch: ChannelRecord, reason: LeaveReason): void;
  languages(op: OperatorRecord): void;
  /** Hands over whatever is still held (the engine calls it before it returns to its caller). */
  flush(): void;
}

/** Milliseconds precision in the log keeps it readable and byte-stable. */
export const stamp = (t: number) => Math.round(t * 1000) / 1000;

export class EventLog implements LogWriter {
  /** Events emitted so far. */
  count = 0;

  /** The last instant stamped, and its stamp: most events come several to an instant. */
  private stampedAt = NaN;
  private stamped = 0;

  constructor(
    /** The world's clock: `t` is read at each event. */
    private readonly clock: { readonly t: number },
    private readonly sink: EventSink | undefined,
  ) {}

  /** The current instant, as logged. */
  private now(): number {
    const t = this.clock.t;
    if (t !== this.stampedAt) {
      this.stampedAt = t;
      this.stamped = stamp(t);
    }
    return this.stamped;
  }

  /** Every event was handed to the sink as it was made. */
  flush(): void {}

  private emit(e: SimEvent): void {
    this.count++;
    if (this.sink) this.sink(e);
  }

  // ---------------------------------------------------------------- visitors

  arrived(v: LoggedVisitor): void {
    const t = this.now();
    const type = 'visitor.arrived';
    // Written whole, as one literal per common case: fields added one by one to an object
    // would each time allocate a second store for them (one visitor in five returns).
    if (v.country === undefined && v.expertises.length === 0) {
      if (v.previousOperator === undefined)
        this.emit({ t, type, visitor: v.id, channel: v.channel.id, lang: v.lang });
      else
        this.emit({
          t,
          type,
          visitor: v.id,
          channel: v.channel.id,
          lang: v.lang,
          previousOperator: v.previousOperator,
        });
      return;
    }
    const e: SimEvent = { t, type, visitor: v.id, channel: v.channel.id, lang: v.lang };
    if (v.country !== undefined) e.country = v.country;
    if (v.expertises.length > 0) e.expertises = v.expertises;
    if (v.previousOperator !== undefined) e.previousOperator = v.previousOperator;
    this.emit(e);
  }

  queued(v: LoggedVisitor, position: number): void {
    this.emit({
      t: this.now(),
      type: 'visitor.queued',
      visitor: v.id,
      channel: v.channel.id,
      position,
    });
  }

  assigned(v: LoggedVisitor, operator: string, reason: AssignmentReason): void {
    this.emit({
      t: this.now(),
      type: 'visitor.assigned',
      visitor: v.id,
      operator,
      channel: v.channel.id,
      reason,
    });
  }

  unavailable(v: LoggedVisitor): void {
    this.emit({
      t: this.now(),
      type: 'visitor.unavailable',
      visitor: v.id,
      channel: v.channel.id,
    });
  }

  abandoned(v: LoggedVisitor, reason: 'patience' | 'run-ended'): void {
    this.emit({
      t: this.now(),
      type: 'visitor.abandoned',
      visitor: v.id,
      channel: v.channel.id,
      reason,
    });
  }

  unanswered(v: LoggedVisitor): void {
    this.emit({
      t: this.now(),
      type: 'visitor.unanswered',
      visitor: v.id,
      operator: v.operator!.id,
      channel: v.channel.id,
    });
  }

  /** `chat.started` or `chat.ended`. */
  chat(type: 'chat.started' | 'chat.ended', v: LoggedVisitor): void {
    this.emit({ t: this.now(), type, visitor: v.id, operator: v.operator!.id });
  }

  // ---------------------------------------------------------------- operators

  status(op: LoggedOperator, status: 'online' | 'away' | 'offline'): void {
    this.emit({ t: this.now(), type: 'operator.status', operator: op.id, status });
  }

  /** `operator.break.started` or `operator.break.ended`. */
  break(type: 'operator.break.started' | 'operator.break.ended', op: LoggedOperator): void {
    this.emit({ t: this.now(), type, operator: op.id });
  }

  joined(op: LoggedOperator, ch: LoggedChannel, reason: JoinReason): void {
    this.emit({
      t: this.now(),
      type: 'operator.joined',
      operator: op.id,
      channel: ch.id,
      reason,
    });
  }

  left(op: LoggedOperator, ch: LoggedChannel, reason: LeaveReason): void {
    this.emit({
      t: this.now(),
      type: 'operator.left',
      operator: op.id,
      channel: ch.id,
      reason,
    });
  }

  languages(op: LoggedOperator): void {
    this.emit({
      t: this.now(),
      type: 'operator.languages',
      operator: op.id,
      languages: op.extraLanguages.slice(),
    });
  }
}
