/**
 * The world: owns the virtual clock and the one event queue, and runs the loop. It wires the parts
 * together; each part has one job and its own file:
 *
 * - arrivals.ts: visitor traffic (when visitors come, who they are);
 * - breaks.ts: operators' scheduled breaks;
 * - routing.ts: who gets the visitor (candidates, policy, queue draining);
 * - books.ts: memberships, sessions, loads, visitors in flight;
 * - hosts.ts: the machines' callbacks, and the cross-machine work they defer;
 * - log.ts: what the log says (every event is written there);
 * - view.ts: the snapshot the page reads;
 * - records.ts: the records the parts share (each machine's context).
 *
 * Machines define behaviour (src/sim/machines/); the world only schedules what the scenario says
 * and tells the machines what happened. Pure: no DOM, no storage, no wall clock, no unseeded
 * randomness.
 */
import type { AnyStateMachine } from 'xstate';
import { EventQueue, type Scheduled } from '../clock.ts';
import { channelMachine, type ChannelContext, type ChannelEvent } from '../machines/channel.ts';
import { operatorMachine, type OperatorContext, type OperatorEvent } from '../machines/operator.ts';
import { visitorMachine, type VisitorContext, type VisitorEvent } from '../machines/visitor.ts';
import { getPolicy } from '../policies/index.ts';
import { stream } from '../random.ts';
import {
  ActorRuntime,
  CompiledRuntime,
  KIND_CALLBACK,
  KIND_TIMER,
  type Instance,
  type MachineRuntime,
  type RuntimeClock,
} from '../runtime.ts';
import type { Scenario } from '../scenario/types.ts';
import { Arrivals, KIND_ARRIVAL } from './arrivals.ts';
import { Books } from './books.ts';
import { Breaks, KIND_BREAK_END, KIND_BREAK_START } from './breaks.ts';
import { KIND_SHIFT_END, KIND_SHIFT_START, Shifts } from './shifts.ts';
import { MachineHosts, type Runtimes } from './hosts.ts';
import { EventLog, type LogWriter } from './log.ts';
import { EncodedLog } from './log-codec.ts';
import { channelRecord, operatorRecord, type OperatorRecord } from './records.ts';
import { Router } from './routing.ts';
import type { Engine, EngineInput, EngineOptions, HumanInput, WorldView } from './types.ts';
import { buildView } from './view.ts';

/** Payload-free machine events, allocated once (machines never keep or mutate events). */
const RUN_ENDED = { type: 'run.ended' } as const;
const ACTIVITY = { type: 'operator.activity' } as const;
const CHAT_CLOSE = { type: 'chat.close' } as const;

const KIND_INPUT = 13;
/** The end of a trainee's run: the scenario's duration (their shift) is over. */
const KIND_END = 14;

export class World implements RuntimeClock, Engine {
  readonly queue = new EventQueue();
  t = 0;
  done = false;
  readonly inputs: HumanInput[] = [];

  private readonly rt: Runtimes;
  private readonly Runtime: typeof CompiledRuntime | typeof ActorRuntime;
  private readonly log: LogWriter;
  private readonly books: Books;
  private readonly hosts: MachineHosts;
  private readonly router: Router;
  private readonly arrivals: Arrivals;
  private readonly breaks: Breaks;
  private readonly shifts: Shifts;
  /**
   * A trainee sits in: human inputs can change things even when nothing else is scheduled, so the
   * run ends at the scenario's duration (or when the trainee ends the attempt), not when the world
   * falls quiet.
   */
  private readonly interactive: boolean;

  constructor(
    readonly scenario: Scenario,
    options: EngineOptions,
  ) {
    const seed = options.seed ?? scenario.seed;
    const horizon = scenario.durationMinutes * 60;
    const queueMode = scenario.whenNoOperator === 'queue';
    this.interactive = scenario.operators.some((o) => o.activity.kind === 'trainee');
    const Runtime = options.runtime === 'actors' ? ActorRuntime : CompiledRuntime;
    this.Runtime = Runtime;
    this.rt = {
      visitor: new Runtime<VisitorContext, VisitorEvent>(visitorMachine, this),
      operator: new Runtime<OperatorContext, OperatorEvent>(operatorMachine, this),
      channel: new Runtime<ChannelContext, ChannelEvent>(channelMachine, this),
    };
    if (options.onEvent && options.onLogChunk)
      throw new Error('EngineOptions: give onEvent or onLogChunk, not both');
    this.log = options.onLogChunk
      ? new EncodedLog(this, options.onLogChunk, options.logChunkEvents, options.logBuffer)
      : new EventLog(this, options.onEvent);
    const hosts = (this.hosts = new MachineHosts(this, this.log, this.rt, queueMode));

    const channels = scenario.channels.map(channelRecord);
    for (const ch of channels) ch.instance = this.rt.channel.start(ch);
    const operators = scenario.operators.map((o, i) => operatorRecord(o, i, scenario, seed, hosts));
    this.books = hosts.books = new Books(channels, operators);
    this.router = hosts.router = new Router(
      this,
      this.books,
      getPolicy(options.policy ?? scenario.policy),
      stream(seed, 'tie-breaks'),
      queueMode,
      options.explain ?? true,
      this.rt.visitor,
      this.rt.channel,
      this.rt.operator,
    );
    this.arrivals = new Arrivals(scenario, seed, this.books, this.queue, horizon);
    this.breaks = new Breaks(this, this.queue, this.rt.operator, horizon, () => this.quiet());
    this.shifts = new Shifts(scenario, this.queue, this.rt.operator, horizon);

    // t = 0: every operator is online and a member of its channels.
    for (const op of operators) {
      op.instance = this.rt.operator.start(op);
      // A shift operator's machine joins their channels when a shift is on (at t = 0 too).
      if (op.shiftChannels === null)
        for (const channelId of op.scenario.channels) hosts.join(op, channelId, 'start');
    }
    hosts.flush();
    for (const op of operators) this.breaks.schedule(op);
    for (const op of operators) this.shifts.schedule(op);
    for (const input of options.inputs ?? []) this.queue.push(input.t, KIND_INPUT, input);
    this.arrivals.start();
    if (this.interactive) this.queue.push(horizon, KIND_END, null);
  }

  get now(): number {
    return this.t;
  }

  get eventCount(): number {
    return this.log.count;
  }

  /** RuntimeClock: the machines' `after` delays count from here. */
  time(): number {
    return this.t;
  }

  // ------------------------------------------------------------------ the loop

  nextTime(): number {
    return this.done ? this.nextGuestTime() : this.queue.peekTime();
  }

  step(): boolean {
    if (this.done) return false;
    const t = this.queue.peekTime();
    if (t === Infinity) {
      this.finish();
      return false;
    }
    while (!this.done && this.queue.peekTime() === t) this.processNext();
    this.log.flush();
    return !this.done;
  }

  /** A trainee's run always has its end scheduled, so it never finishes here before its duration. */
  runUntil(t: number): void {
    while (!this.done && this.queue.peekTime() <= t) this.processNext();
    if (!this.done && this.queue.peekTime() === Infinity) this.finish();
    if (this.done) this.runGuests(t);
    else if (t > this.t) this.t = t;
    this.log.flush();
  }

  /** Machines run on this engine's runtime and clock for others (`machineRuntime`). */
  private readonly guests: MachineRuntime<unknown, { type: string }>[] = [];

  machineRuntime<C, E extends { type: string }>(machine: AnyStateMachine): MachineRuntime<C, E> {
    const rt = new this.Runtime<C, E>(machine, this);
    this.guests.push(rt as MachineRuntime<unknown, { type: string }>);
    return rt;
  }

  /**
   * After the run is over only guests' timers still fire, and the clock goes on for them: a
   * practice visitor's conversation outlasts the trainee's shift. The world's own pending
   * entries are dropped (its machines had their `run.ended`).
   */
  private runGuests(t: number): void {
    if (this.guests.length === 0) return;
    while (this.nextGuestTime() <= t) {
      const e = this.queue.pop()!;
      this.t = e.t;
      if (e.kind === KIND_TIMER) (e.payload as Instance).runtime.fire(e);
      else (e.payload as () => void)();
    }
    if (t > this.t) this.t = t;
  }

  private nextGuestTime(): number {
    for (let e = this.queue.peek(); e; e = this.queue.peek()) {
      const rt =
        e.kind === KIND_TIMER
          ? (e.payload as Instance).runtime
          : e.kind === KIND_CALLBACK
            ? e.aux
            : null;
      if (this.guests.includes(rt as MachineRuntime<unknown, { type: string }>)) return e.t;
      this.queue.pop();
    }
    return Infinity;
  }

  run(): void {
    while (!this.done) {
      if (this.queue.peekTime() === Infinity) this.finish();
      else this.processNext();
    }
  }

  private processNext(): void {
    const e = this.queue.pop()!;
    this.t = e.t;
    switch (e.kind) {
      case KIND_TIMER:
        (e.payload as Instance).runtime.fire(e);
        break;
      case KIND_CALLBACK:
        (e.payload as () => void)();
        break;
      case KIND_ARRIVAL: {
        const v = this.arrivals.arrive(e as Scheduled<number>, this.hosts);
        this.books.track(v);
        v.instance = this.rt.visitor.start(v);
        this.router.route(v);
        break;
      }
      case KIND_BREAK_START:
        this.breaks.starts(e.payload as OperatorRecord);
        break;
      case KIND_BREAK_END:
        this.breaks.ends(e.payload as OperatorRecord);
        break;
      case KIND_SHIFT_START:
        this.shifts.starts(e.payload as OperatorRecord);
        break;
      case KIND_SHIFT_END:
        this.shifts.ends(e.payload as OperatorRecord);
        break;
      case KIND_INPUT:
        this.apply(e.payload as HumanInput);
        break;
      case KIND_END:
        this.finish();
        break;
    }
    this.hosts.flush();
    if (!this.interactive && this.quiet()) this.end();
  }

  /** Nothing is scheduled any more: visitors still waiting can never be served. */
  private finish(): void {
    for (const v of this.books.inArrivalOrder()) this.rt.visitor.send(v.instance, RUN_ENDED);
    this.hosts.flush();
    this.end();
  }

  private end(): void {
    this.done = true;
    this.log.flush();
  }

  /** No visitor will come any more and none is in flight. */
  private quiet(): boolean {
    return this.arrivals.pending === 0 && this.books.inFlight.length === 0;
  }

  // ------------------------------------------------------------------ human inputs

  input(input: EngineInput): void {
    if (this.done) return;
    const full = { ...input, t: this.t } as HumanInput;
    this.apply(full);
    this.hosts.flush();
    this.log.flush();
  }

  private apply(input: HumanInput): void {
    this.inputs.push(input);
    const op = this.books.operatorById.get(input.operator);
    if (!op) return;
    switch (input.type) {
      case 'operator.activity':
        this.rt.operator.send(op.instance, ACTIVITY);
        break;
      case 'operator.join':
      case 'operator.leave':
        if (input.channel && this.books.channelById.has(input.channel))
          this.rt.operator.send(op.instance, { type: input.type, channel: input.channel });
        break;
      case 'operator.languages':
        op.extraLanguages = (input.languages ?? []).filter((l) =>
          this.scenario.languages.includes(l),
        );
        this.log.languages(op);
        // New languages can make the operator eligible for queued visitors (language-strict).
        this.hosts.later(() => this.router.drain(this.books.memberChannels(op)));
        break;
      case 'chat.close': {
        const v = this.books.findVisitor(input.visitor ?? '');
        if (v && v.operator === op) this.rt.visitor.send(v.instance, CHAT_CLOSE);
        break;
      }
    }
  }

  view(): WorldView {
    return buildView(this.t, this.books, this.rt);
  }
}
