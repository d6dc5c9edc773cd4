/**
 * The event log in compact form: the same events as log.ts writes, as numbers in typed-array
 * chunks, so that a run can hand its log to another thread that folds it into figures (the CLI's
 * summary, src/cli/fold.ts) while it goes on running.
 *
 * Why: an event object is cheap to make where it is made, but reading it back costs. The fold
 * reads events of a dozen shapes (every field load goes through V8's slow, megamorphic path), and
 * on the bench that was a quarter of the whole run. Here the world writes each event's numbers
 * where it knows them (a visitor's serial, a channel's or operator's index), and the other thread
 * rebuilds the objects with the very EventLog that makes them in a run (`LogDecoder`): what an
 * event says is still written once, in log.ts. test/sim/log-codec.test.ts checks on random
 * scenarios that the decoded log is the engine's log, byte for byte.
 *
 * Not the store's codec (src/store/event-codec.ts): that one packs event objects for IndexedDB,
 * whatever made them, and reading them back to pack them is the very cost avoided here (measured
 * ~125 ns per event, as much as folding them).
 *
 * A chunk is `{ data, count, strings, side }`: `STRIDE` numbers per event (its kind, the clock's
 * time, then the kind's fields), the strings first met in this chunk (each string is sent once, then
 * named by its number), and the rare values that are not numbers or strings (an arrival's
 * expertises, an operator's languages, a reason's candidate lists), in order.
 */
import type { AssignmentReason, JoinReason, LeaveReason } from '../events.ts';
import type { Scenario } from '../scenario/types.ts';
import { EventLog, type LoggedOperator, type LoggedVisitor, type LogWriter } from './log.ts';
import type { ChannelRecord, OperatorRecord, VisitorRecord } from './records.ts';

export interface LogChunk {
  data: Float64Array;
  count: number;
  strings: string[];
  side: unknown[];
}

/** Numbers per event: kind, time, and up to eight fields (a visitor.assigned has seven). */
const STRIDE = 10;
/**
 * Events per chunk: 330 kB, a millisecond or two of a run. Larger chunks were no faster and, held
 * while the fold thread warms up, cost peak memory.
 */
export const CHUNK_EVENTS = 1 << 12;

const ARRIVED = 1;
const QUEUED = 2;
const ASSIGNED = 3;
const UNAVAILABLE = 4;
const ABANDONED = 5;
const UNANSWERED = 6;
const CHAT_STARTED = 7;
const CHAT_ENDED = 8;
const STATUS = 9;
const BREAK_STARTED = 10;
const BREAK_ENDED = 11;
const JOINED = 12;
const LEFT = 13;
const LANGUAGES = 14;

/** No string / no side value. */
const NONE = -1;

/**
 * A LogWriter that writes compact chunks and hands each full one to `onChunk` (call `flush` at the
 * end for the last). Visitors are named by serial: arrivals.ts names visitor n `v${n}`.
 */
export class EncodedLog implements LogWriter {
  count = 0;
  private data: Float64Array;
  private n = 0;
  private readonly codes = new Map<string, number>();
  private strings: string[] = [];
  private side: unknown[] = [];

  constructor(
    private readonly clock: { readonly t: number },
    private readonly onChunk: (chunk: LogChunk) => void,
    private readonly chunkEvents: number = CHUNK_EVENTS,
    /** A used buffer to fill again, if one is there (EngineOptions.logBuffer). */
    private readonly recycled?: () => Float64Array | undefined,
  ) {
    this.data = new Float64Array(chunkEvents * STRIDE);
  }

  /** Hands over the events written since the last chunk, if any. */
  flush(): void {
    if (this.n === 0) return;
    const chunk: LogChunk = {
      data: this.data.subarray(0, this.n * STRIDE),
      count: this.n,
      strings: this.strings,
      side: this.side,
    };
    const size = this.chunkEvents * STRIDE;
    const used = this.recycled?.();
    this.data = used !== undefined && used.length === size ? used : new Float64Array(size);
    this.n = 0;
    this.strings = [];
    this.side = [];
    this.onChunk(chunk);
  }

  /** The start of the next event's slots, its kind and time written. */
  private next(kind: number): number {
    const at = this.n * STRIDE;
    this.data[at] = kind;
    this.data[at + 1] = this.clock.t;
    this.count++;
    return at;
  }

  /** Called once the event's fields are written. */
  private done(): void {
    if (++this.n === this.chunkEvents) this.flush();
  }

  /**
   * `code` for a field whose string mostly repeats (a run has one policy, and a tier and rule hold
   * for long stretches): the last string of each such field and its code, to skip the map.
   */
  private readonly lastString: (string | undefined)[] = [undefined, undefined, undefined];
  private readonly lastCode: number[] = [0, 0, 0];
  private codeOf(field: number, s: string): number {
    if (this.lastString[field] === s) return this.lastCode[field];
    const code = this.code(s);
    this.lastString[field] = s;
    this.lastCode[field] = code;
    return code;
  }

  private code(s: string | undefined): number {
    if (s === undefined) return NONE;
    let code = this.codes.get(s);
    if (code === undefined) {
      code = this.codes.size;
      this.codes.set(s, code);
      this.strings.push(s);
    }
    return code;
  }

  private sideValue(value: unknown): number {
    this.side.push(value);
    return this.side.length - 1;
  }

  /** The visitor's operator by index when `id` is theirs (always, from the engine), else by name. */
  private operatorCode(v: VisitorRecord, id: string): number {
    const op = v.operator;
    return op !== null && op.id === id ? op.index : -2 - this.code(id);
  }

  arrived(v: VisitorRecord): void {
    const at = this.next(ARRIVED);
    const d = this.data;
    d[at + 2] = v.serial;
    d[at + 3] = v.channel.index;
    d[at + 4] = this.code(v.lang);
    d[at + 5] = this.code(v.country);
    d[at + 6] = this.code(v.previousOperator);
    d[at + 7] = v.expertises.length > 0 ? this.sideValue(v.expertises) : NONE;
    this.done();
  }

  queued(v: VisitorRecord, position: number): void {
    const at = this.next(QUEUED);
    this.data[at + 2] = v.serial;
    this.data[at + 3] = v.channel.index;
    this.data[at + 4] = position;
    this.done();
  }

  assigned(v: VisitorRecord, operator: string, reason: AssignmentReason): void {
    const at = this.next(ASSIGNED);
    const d = this.data;
    d[at + 2] = v.serial;
    d[at + 3] = v.channel.index;
    d[at + 4] = this.operatorCode(v, operator);
    // The decision travels as strings and a number; an explained one keeps its lists whole.
    const listed = reason.candidates.length > 0 || reason.excluded !== undefined;
    d[at + 5] = listed ? this.sideValue(reason) : NONE;
    d[at + 6] = this.codeOf(0, reason.policy);
    d[at + 7] = this.codeOf(1, reason.tier);
    d[at + 8] = this.codeOf(2, reason.rule);
    d[at + 9] = reason.ties;
    this.done();
  }

  unavailable(v: VisitorRecord): void {
    this.visitorInChannel(UNAVAILABLE, v);
  }

  abandoned(v: VisitorRecord, reason: 'patience' | 'run-ended'): void {
    const at = this.next(ABANDONED);
    this.data[at + 2] = v.serial;
    this.data[at + 3] = v.channel.index;
    this.data[at + 4] = this.code(reason);
    this.done();
  }

  unanswered(v: VisitorRecord): void {
    this.visitorInChannel(UNANSWERED, v);
  }

  chat(type: 'chat.started' | 'chat.ended', v: VisitorRecord): void {
    const at = this.next(type === 'chat.started' ? CHAT_STARTED : CHAT_ENDED);
    this.data[at + 2] = v.serial;
    this.data[at + 3] = v.operator!.index;
    this.done();
  }

  status(op: OperatorRecord, status: 'online' | 'away' | 'offline'): void {
    const at = this.next(STATUS);
    this.data[at + 2] = op.index;
    this.data[at + 3] = this.code(status);
    this.done();
  }

  break(type: 'operator.break.started' | 'operator.break.ended', op: OperatorRecord): void {
    const at = this.next(type === 'operator.break.started' ? BREAK_STARTED : BREAK_ENDED);
    this.data[at + 2] = op.index;
    this.done();
  }

  joined(op: OperatorRecord, ch: ChannelRecord, reason: JoinReason): void {
    this.membership(JOINED, op, ch, reason);
  }

  left(op: OperatorRecord, ch: ChannelRecord, reason: LeaveReason): void {
    this.membership(LEFT, op, ch, reason);
  }

  languages(op: OperatorRecord): void {
    const at = this.next(LANGUAGES);
    this.data[at + 2] = op.index;
    this.data[at + 3] = this.sideValue(op.extraLanguages.slice());
    this.done();
  }

  /** unavailable and unanswered: the visitor, their channel (and the operator, if any). */
  private visitorInChannel(kind: number, v: VisitorRecord): void {
    const at = this.next(kind);
    this.data[at + 2] = v.serial;
    this.data[at + 3] = v.channel.index;
    this.data[at + 4] = v.operator === null ? NONE : v.operator.index;
    this.done();
  }

  private membership(kind: number, op: OperatorRecord, ch: ChannelRecord, reason: string): void {
    const at = this.next(kind);
    this.data[at + 2] = op.index;
    this.data[at + 3] = ch.index;
    this.data[at + 4] = this.code(reason);
    this.done();
  }
}

/**
 * Rebuilds the events of a run's chunks, in order, with an EventLog: the objects are those the run
 * would have made. Feed it every chunk of one run, in order.
 */
export class LogDecoder {
  private readonly clock = { t: 0 };
  readonly log: EventLog;
  private readonly strings: string[] = [];
  private readonly channels: { id: string }[];
  private readonly operators: LoggedOperator[];
  /** The stand-in record each event is written from (the log keeps none of it). */
  private readonly visitor: LoggedVisitor = {
    id: '',
    channel: { id: '' },
    lang: '',
    country: undefined,
    expertises: [],
    previousOperator: undefined,
    operator: null,
  };
  /** The last visitor named, and their id: a visitor's events mostly come together. */
  private serial = -1;

  constructor(scenario: Pick<Scenario, 'channels' | 'operators'>, sink: (e: never) => void) {
    this.log = new EventLog(this.clock, sink as never);
    this.channels = scenario.channels.map((c) => ({ id: c.id }));
    this.operators = scenario.operators.map((o) => ({ id: o.id, extraLanguages: [] }));
  }

  decode(chunk: LogChunk): void {
    for (const s of chunk.strings) this.strings.push(s);
    const d = chunk.data;
    const log = this.log;
    for (let i = 0; i < chunk.count; i++) {
      const at = i * STRIDE;
      this.clock.t = d[at + 1];
      switch (d[at]) {
        case ARRIVED: {
          const v = this.visitorAt(d[at + 2], d[at + 3], NONE);
          v.lang = this.string(d[at + 4])!;
          v.country = this.string(d[at + 5]);
          v.previousOperator = this.string(d[at + 6]);
          v.expertises = d[at + 7] === NONE ? [] : (chunk.side[d[at + 7]] as string[]);
          log.arrived(v);
          break;
        }
        case QUEUED:
          log.queued(this.visitorAt(d[at + 2], d[at + 3], NONE), d[at + 4]);
          break;
        case ASSIGNED: {
          const code = d[at + 4];
          const operator = code >= 0 ? this.operators[code].id : this.string(-2 - code)!;
          const reason: AssignmentReason =
            d[at + 5] !== NONE
              ? (chunk.side[d[at + 5]] as AssignmentReason)
              : {
                  policy: this.string(d[at + 6])!,
                  tier: this.string(d[at + 7])!,
                  rule: this.string(d[at + 8])!,
                  candidates: [],
                  ties: d[at + 9],
                };
          log.assigned(this.visitorAt(d[at + 2], d[at + 3], NONE), operator, reason);
          break;
        }
        case UNAVAILABLE:
          log.unavailable(this.visitorAt(d[at + 2], d[at + 3], NONE));
          break;
        case ABANDONED:
          log.abandoned(
            this.visitorAt(d[at + 2], d[at + 3], NONE),
            this.string(d[at + 4]) as 'patience' | 'run-ended',
          );
          break;
        case UNANSWERED:
          log.unanswered(this.visitorAt(d[at + 2], d[at + 3], d[at + 4]));
          break;
        case CHAT_STARTED:
        case CHAT_ENDED:
          log.chat(
            d[at] === CHAT_STARTED ? 'chat.started' : 'chat.ended',
            this.visitorAt(d[at + 2], NONE, d[at + 3]),
          );
          break;
        case STATUS:
          log.status(
            this.operators[d[at + 2]],
            this.string(d[at + 3]) as 'online' | 'away' | 'offline',
          );
          break;
        case BREAK_STARTED:
        case BREAK_ENDED:
          log.break(
            d[at] === BREAK_STARTED ? 'operator.break.started' : 'operator.break.ended',
            this.operators[d[at + 2]],
          );
          break;
        case JOINED:
        case LEFT: {
          const op = this.operators[d[at + 2]];
          const ch = this.channels[d[at + 3]];
          const reason = this.string(d[at + 4])!;
          if (d[at] === JOINED) log.joined(op, ch, reason as JoinReason);
          else log.left(op, ch, reason as LeaveReason);
          break;
        }
        case LANGUAGES: {
          const op = this.operators[d[at + 2]];
          op.extraLanguages = chunk.side[d[at + 3]] as string[];
          log.languages(op);
          break;
        }
        default:
          throw new Error(`log chunk: unknown event kind ${d[at]} at event ${i}`);
      }
    }
  }

  private string(code: number): string | undefined {
    return code === NONE ? undefined : this.strings[code];
  }

  /** The stand-in visitor `v${serial}`, in channel `channel`, with operator `operator`. */
  private visitorAt(serial: number, channel: number, operator: number): LoggedVisitor {
    const v = this.visitor;
    if (serial !== this.serial) {
      this.serial = serial;
      v.id = `v${serial}`;
    }
    if (channel !== NONE) v.channel = this.channels[channel];
    v.operator = operator === NONE ? null : this.operators[operator];
    return v;
  }
}
