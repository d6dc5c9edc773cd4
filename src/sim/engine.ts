/**
 * The world: owns the virtual clock, spawns the operator, visitor and channel machines, asks the
 * policy, and emits the event log. Pure: no DOM, no storage, no wall clock, no unseeded randomness.
 *
 * Machines define behaviour; their actions only log and notify the world. The world records the
 * cross-actor work those notifications imply (start the chats waiting for an operator, let queued
 * visitors in) and does it once the current machine step is over, in FIFO order. That keeps the
 * order of events causal and identical whether machines run as XState actors or compiled.
 */
import { EventQueue, type Scheduled } from './clock.ts';
import type { AssignmentReason, Candidate, EventSink, Exclusion, SimEvent } from './events.ts';
import {
  channelMachine,
  type ChannelContext,
  type ChannelEvent,
  type QueueEntry,
} from './machines/channel.ts';
import {
  operatorMachine,
  type OperatorContext,
  type OperatorEvent,
  type OperatorHost,
} from './machines/operator.ts';
import {
  visitorMachine,
  type Assignment,
  type VisitorContext,
  type VisitorEvent,
  type VisitorHost,
} from './machines/visitor.ts';
import {
  getPolicy,
  type OperatorView,
  type Policy,
  type PolicyContext,
  type PolicyRequest,
} from './policies/index.ts';
import { cumulativeWeights, stream, type Rng } from './random.ts';
import {
  ActorRuntime,
  CompiledRuntime,
  KIND_CALLBACK,
  KIND_TIMER,
  type Instance,
  type MachineRuntime,
  type RuntimeClock,
} from './runtime.ts';
import { chatNameOf, type Operator, type Scenario, type VisitorStream } from './scenario/types.ts';

/** A human input (the trainee's actions), applied at simulated time `t`. */
export interface HumanInput {
  t: number;
  type:
    'operator.activity' | 'operator.join' | 'operator.leave' | 'operator.languages' | 'chat.close';
  operator: string;
  channel?: string;
  languages?: string[];
  visitor?: string;
}

export interface EngineOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's policy. */
  policy?: string;
  /** Human inputs to replay, in time order. */
  inputs?: HumanInput[];
  onEvent?: EventSink;
  /** `compiled` (default, fast) or `actors` (real XState actors, the reference path). */
  runtime?: 'compiled' | 'actors';
}

export interface OperatorState {
  id: string;
  name: string;
  chatName: string;
  lang: string;
  extraLanguages: string[];
  status: 'online' | 'away' | 'offline';
  state: string;
  onBreak: boolean;
  channels: string[];
  load: number;
  sessions: { visitor: string; channel: string; started: boolean }[];
  /** When the inactivity timer fires, if it runs. */
  inactivityDeadline: number | null;
}

export interface WorldView {
  t: number;
  operators: OperatorState[];
  channels: {
    id: string;
    name: string;
    maxSessions: number | null;
    state: string;
    members: string[];
    queue: { visitor: string; lang: string; arrivedAt: number }[];
  }[];
  visitors: {
    id: string;
    channel: string;
    lang: string;
    state: string;
    arrivedAt: number;
    operator?: string;
  }[];
}

export interface Engine {
  readonly now: number;
  readonly done: boolean;
  /** Events emitted so far. */
  readonly eventCount: number;
  /** The human inputs applied so far (to store with a run and replay it). */
  readonly inputs: readonly HumanInput[];
  /** Time of the next scheduled happening (Infinity when finished). */
  nextTime(): number;
  /** Processes everything scheduled at the next instant. Returns false when the run is over. */
  step(): boolean;
  /** Processes everything scheduled at or before `t`, then sets the clock to `t`. */
  runUntil(t: number): void;
  run(): void;
  input(input: Omit<HumanInput, 't'>): void;
  view(): WorldView;
}

/** Payload-free machine events, allocated once (machines never keep or mutate events). */
const RUN_ENDED = { type: 'run.ended' } as const;
const UNAVAILABLE = { type: 'visitor.unavailable' } as const;
const BREAK_STARTED = { type: 'operator.break.started' } as const;
const BREAK_ENDED = { type: 'operator.break.ended' } as const;
const ACTIVITY = { type: 'operator.activity' } as const;
const CHAT_CLOSE = { type: 'chat.close' } as const;
const OPERATOR_CHAT_ENDED = { type: 'operator.chat.ended' } as const;
const OPERATOR_RETURNED = { type: 'operator.returned' } as const;

const KIND_ARRIVAL = 10;
const KIND_BREAK_START = 11;
const KIND_BREAK_END = 12;
const KIND_INPUT = 13;

/** Milliseconds precision in the log keeps it readable and byte-stable. */
const stamp = (t: number) => Math.round(t * 1000) / 1000;

interface ChannelRecord extends ChannelContext {
  index: number;
  id: string;
  name: string;
  maxSessions: number | null;
  /** Members in scenario order. */
  members: OperatorRecord[];
  lastAssigned: number;
  instance: Instance<ChannelContext>;
}

interface OperatorRecord extends OperatorContext, OperatorView {
  name: string;
  chatName: string;
  scenario: Operator;
  status: 'online' | 'away' | 'offline';
  atKeyboard: boolean;
  onBreak: boolean;
  /** Open sessions per channel index (Odoo 18.1 max_sessions counts per channel). */
  sessionsIn: Int32Array;
  memberOf: Uint8Array;
  /** Assigned sessions not ended. */
  open: Set<VisitorRecord>;
  /** Breaks of kind random-breaks draw from this stream. */
  breakRng: Rng | null;
  idleSince: number;
  /** Shared, frozen explanation entries (one per load, one per reason): an assignment allocates none. */
  candidateEntries: Candidate[];
  exclusionEntries: Partial<Record<Exclusion['why'], Exclusion>>;
  instance: Instance<OperatorContext>;
}

/** A visitor's record doubles as its policy request (lang, country, expertises, previousOperator). */
interface VisitorRecord extends VisitorContext, QueueEntry, PolicyRequest {
  serial: number;
  /** Index in the world's in-flight list. */
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

interface StreamState {
  spec: VisitorStream;
  channel: ChannelRecord;
  rng: Rng;
  langs: { keys: string[]; cumulative: number[] };
  countries: { keys: string[]; cumulative: number[] } | null;
  /** Operators whose scenario channels include this stream's channel (candidates for "previous operator"). */
  regulars: string[];
}

class World implements VisitorHost, OperatorHost, RuntimeClock, Engine {
  readonly queue = new EventQueue();
  t = 0;
  eventCount = 0;
  done = false;
  readonly inputs: HumanInput[] = [];

  private readonly policy: Policy;
  private readonly tieRng: Rng;
  private readonly seed: number;
  private readonly visitorRt: MachineRuntime<VisitorContext, VisitorEvent>;
  private readonly operatorRt: MachineRuntime<OperatorContext, OperatorEvent>;
  private readonly channelRt: MachineRuntime<ChannelContext, ChannelEvent>;
  private readonly channels: ChannelRecord[];
  private readonly channelById = new Map<string, ChannelRecord>();
  private readonly operators: OperatorRecord[];
  private readonly operatorById = new Map<string, OperatorRecord>();
  /** Visitors in flight, unordered: a record knows its slot, so removal is a swap (no per-visitor allocation). */
  private readonly visitors: VisitorRecord[] = [];
  private readonly streams: StreamState[];
  private readonly horizon: number;
  private readonly queueMode: boolean;
  /** A trainee sits in: human inputs can still change things when nothing is scheduled. */
  private readonly interactive: boolean;
  private readonly sink: EventSink | undefined;
  private pendingArrivals = 0;
  private serial = 0;
  /** Work recorded by machine actions, done after the current machine step. */
  private readonly deferred: ((() => void) | VisitorRecord)[] = [];

  constructor(
    readonly scenario: Scenario,
    options: EngineOptions,
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.policy = getPolicy(options.policy ?? scenario.policy);
    this.sink = options.onEvent;
    this.tieRng = stream(this.seed, 'tie-breaks');
    this.policyContext = { now: 0, rng: this.tieRng, lastAssignedInChannel: -1 };
    this.horizon = scenario.durationMinutes * 60;
    this.queueMode = scenario.whenNoOperator === 'queue';
    this.interactive = scenario.operators.some((o) => o.activity.kind === 'trainee');
    const Runtime = options.runtime === 'actors' ? ActorRuntime : CompiledRuntime;
    this.visitorRt = new Runtime<VisitorContext, VisitorEvent>(visitorMachine, this);
    this.operatorRt = new Runtime<OperatorContext, OperatorEvent>(operatorMachine, this);
    this.channelRt = new Runtime<ChannelContext, ChannelEvent>(channelMachine, this);

    const nChannels = scenario.channels.length;
    this.channels = scenario.channels.map((c, index) => {
      const rec = {
        index,
        id: c.id,
        name: c.name,
        maxSessions: c.maxSessions,
        members: [],
        lastAssigned: -1,
        head: null,
        tail: null,
        queueLength: 0,
      } as unknown as ChannelRecord;
      this.channelById.set(c.id, rec);
      return rec;
    });
    for (const ch of this.channels) ch.instance = this.channelRt.start(ch);

    this.operators = scenario.operators.map((o, index) => {
      const rec = {
        host: this,
        index,
        id: o.id,
        name: o.name,
        chatName: chatNameOf(o),
        scenario: o,
        lang: o.lang,
        extraLanguages: o.extraLanguages.slice(),
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
        status: 'offline',
        atKeyboard: false,
        onBreak: false,
        sessionsIn: new Int32Array(nChannels),
        memberOf: new Uint8Array(nChannels),
        open: new Set(),
        breakRng: o.activity.kind === 'random-breaks' ? stream(this.seed, `breaks:${o.id}`) : null,
        idleSince: 0,
        candidateEntries: [],
        exclusionEntries: {},
      } as unknown as OperatorRecord;
      this.operatorById.set(o.id, rec);
      return rec;
    });

    this.streams = scenario.visitors.map((spec, i) => ({
      spec,
      channel: this.channelById.get(spec.channel)!,
      rng: stream(this.seed, `visitors:${i}`),
      langs: cumulativeWeights(spec.languages),
      countries: spec.countries ? cumulativeWeights(spec.countries) : null,
      regulars: scenario.operators
        .filter((o) => o.channels.includes(spec.channel))
        .map((o) => o.id),
    }));

    // t = 0: every operator is online and a member of its channels.
    for (const op of this.operators) {
      op.instance = this.operatorRt.start(op);
      for (const channelId of op.scenario.channels) this.join(op, channelId, 'start');
    }
    this.flush();
    for (const op of this.operators) this.scheduleBreaks(op);
    for (const input of options.inputs ?? []) this.queue.push(input.t, KIND_INPUT, input);
    this.streams.forEach((s, i) => this.scheduleArrival(i, 0));
  }

  get now(): number {
    return this.t;
  }

  // ------------------------------------------------------------------ the loop

  nextTime(): number {
    return this.done ? Infinity : this.queue.peekTime();
  }

  step(): boolean {
    if (this.done) return false;
    const t = this.queue.peekTime();
    if (t === Infinity) {
      this.finish();
      return false;
    }
    while (!this.done && this.queue.peekTime() === t) this.processNext();
    return !this.done;
  }

  /**
   * With a trainee in the scenario, never ends the run just because nothing is scheduled: a human
   * input may still come (a trainee who joins again serves the waiting visitors).
   */
  runUntil(t: number): void {
    while (!this.done && this.queue.peekTime() <= t) this.processNext();
    if (!this.done && !this.interactive && this.queue.peekTime() === Infinity) this.finish();
    if (!this.done && t > this.t) this.t = t;
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
      case KIND_ARRIVAL:
        this.arrive(e as Scheduled<number>);
        break;
      case KIND_BREAK_START:
        this.breakStarts(e.payload as OperatorRecord);
        break;
      case KIND_BREAK_END:
        this.breakEnds(e.payload as OperatorRecord);
        break;
      case KIND_INPUT:
        this.apply(e.payload as HumanInput);
        break;
    }
    this.flush();
    if (this.pendingArrivals === 0 && this.visitors.length === 0) this.done = true;
  }

  /** Nothing is scheduled any more: visitors still waiting can never be served. */
  private finish(): void {
    for (const v of this.inFlightInArrivalOrder()) this.visitorRt.send(v.instance, RUN_ENDED);
    this.flush();
    this.done = true;
  }

  private forget(v: VisitorRecord): void {
    const last = this.visitors.pop()!;
    if (last !== v) {
      this.visitors[v.slot] = last;
      last.slot = v.slot;
    }
  }

  private inFlightInArrivalOrder(): VisitorRecord[] {
    return this.visitors.slice().sort((a, b) => a.serial - b.serial);
  }

  private flush(): void {
    const d = this.deferred;
    if (d.length === 0) return;
    for (let i = 0; i < d.length; i++) {
      const task = d[i];
      if (typeof task === 'function') task();
      else this.afterSessionClosed(task);
    }
    d.length = 0;
  }

  /** The hot deferred task (once per visitor) is the record itself: no closure to allocate. */
  private afterSessionClosed(v: VisitorRecord): void {
    if (v.started) this.operatorRt.send(v.operator!.instance, OPERATOR_CHAT_ENDED);
    const ch = v.channel;
    if (ch.head !== null) this.drain([ch]);
  }

  // ------------------------------------------------------------------ arrivals

  private scheduleArrival(streamIndex: number, from: number): void {
    const s = this.streams[streamIndex];
    if (s.spec.arrivalsPerHour <= 0) return;
    const t = from + s.rng.exponential(3600 / s.spec.arrivalsPerHour);
    // Compared as logged (to the millisecond): a visitor drawn a fraction of a millisecond before
    // the horizon would otherwise be logged as arriving at it, outside [0, duration).
    if (stamp(t) >= this.horizon) return;
    this.pendingArrivals++;
    this.queue.push(t, KIND_ARRIVAL, streamIndex);
  }

  private arrive(e: Scheduled<number>): void {
    this.pendingArrivals--;
    const s = this.streams[e.payload];
    const rng = s.rng;
    // Every attribute comes from the stream's own rng, drawn at arrival: the same seed gives the
    // same visitors whatever the policy (common random numbers for comparisons).
    const lang = s.langs.keys[rng.weighted(s.langs.cumulative)];
    const country = s.countries
      ? s.countries.keys[rng.weighted(s.countries.cumulative)]
      : undefined;
    let previousOperator: string | undefined;
    if (
      s.spec.returningFraction > 0 &&
      rng.uniform() < s.spec.returningFraction &&
      s.regulars.length > 0
    )
      previousOperator = s.regulars[rng.int(s.regulars.length)];
    const chatSeconds = Math.max(0, rng.sample(s.spec.chatMinutes) * 60);
    const patienceSeconds = s.spec.patienceMinutes
      ? Math.max(0, rng.sample(s.spec.patienceMinutes) * 60)
      : Infinity;
    this.scheduleArrival(e.payload, this.t);

    const serial = ++this.serial;
    const v = {
      host: this,
      serial,
      slot: 0,
      id: `v${serial}`,
      channel: s.channel,
      lang,
      country,
      expertises: s.spec.expertises,
      previousOperator,
      arrivedAt: this.t,
      patienceSeconds,
      chatSeconds,
      humanOperator: false,
      operator: null,
      assignedAt: -Infinity,
      started: false,
      prev: null,
      next: null,
    } as unknown as VisitorRecord;
    v.slot = this.visitors.length;
    this.visitors.push(v);
    v.instance = this.visitorRt.start(v);
    this.route(v);
  }

  /** Reused for every choice: policies read it and keep nothing. */
  private readonly policyContext: PolicyContext;

  /** Filled by `candidates(…, explain = true)`: the members who are not candidates, and why. */
  private excluded: Exclusion[] | undefined;

  /** Channel members who can take the visitor now, in scenario order. */
  private candidates(ch: ChannelRecord, req: PolicyRequest, explain: boolean): OperatorRecord[] {
    const candidates: OperatorRecord[] = [];
    let excluded: Exclusion[] | undefined;
    for (const op of ch.members) {
      const why = this.whyNot(ch, req, op);
      if (why === null) candidates.push(op);
      else if (explain) (excluded ??= []).push(exclusionEntry(op, why));
    }
    this.excluded = excluded;
    return candidates;
  }

  /** Whether some member could take the visitor now (`candidates` without building lists). */
  private canServe(ch: ChannelRecord, req: PolicyRequest): boolean {
    for (const op of ch.members) if (this.whyNot(ch, req, op) === null) return true;
    return false;
  }

  /** Why a channel member cannot take the visitor now, or null if they can. */
  private whyNot(
    ch: ChannelRecord,
    req: PolicyRequest,
    op: OperatorRecord,
  ): Exclusion['why'] | null {
    if (op.status !== 'online') return op.status;
    if (ch.maxSessions !== null && op.sessionsIn[ch.index] >= ch.maxSessions) return 'capacity';
    if (this.policy.eligible && !this.policy.eligible(req, op)) return 'not-eligible';
    return null;
  }

  private route(v: VisitorRecord): void {
    const candidates = this.candidates(v.channel, v, true);
    if (candidates.length > 0) this.assign(v, candidates, this.excluded);
    else if (this.queueMode) {
      this.channelRt.send(v.channel.instance, { type: 'visitor.queued', entry: v });
      this.visitorRt.send(v.instance, { type: 'visitor.queued', position: v.channel.queueLength });
    } else this.visitorRt.send(v.instance, UNAVAILABLE);
  }

  private assign(v: VisitorRecord, candidates: OperatorRecord[], excluded?: Exclusion[]): void {
    const ch = v.channel;
    const ctx = this.policyContext;
    ctx.now = this.t;
    ctx.lastAssignedInChannel = ch.lastAssigned;
    const choice = this.policy.choose(v, candidates, ctx);
    const op = choice.operator as OperatorRecord;
    if (!candidates.includes(op))
      throw new Error(`policy ${this.policy.name} chose ${op.id}, who is not a candidate`);
    const reason: AssignmentReason = {
      policy: this.policy.name,
      tier: choice.tier,
      rule: choice.rule,
      candidates: choice.group.map((o) => candidateEntry(o as OperatorRecord)),
      ties: choice.ties,
    };
    if (excluded) reason.excluded = excluded;
    op.load++;
    op.sessionsIn[ch.index]++;
    op.lastAssignedAt = this.t;
    op.newestOpenSessionAt = this.t;
    v.assignedAt = this.t;
    op.open.add(v);
    ch.lastAssigned = op.index;
    v.operator = op;
    v.humanOperator = op.trainee;
    this.visitorRt.send(v.instance, {
      type: 'visitor.assigned',
      operator: op.id,
      atKeyboard: op.atKeyboard,
      reason,
    });
  }

  /** Capacity freed or an operator became available: serve the longest-waiting visitors who can be. */
  private drain(channels: readonly ChannelRecord[]): void {
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
      const candidates = this.candidates(best.channel, best, true);
      this.assign(best, candidates, this.excluded);
    }
  }

  // ------------------------------------------------------------------ breaks and inputs

  private scheduleBreaks(op: OperatorRecord): void {
    const a = op.scenario.activity;
    if (a.kind === 'breaks') {
      for (const b of a.breaks) {
        this.queue.push(b.atMinute * 60, KIND_BREAK_START, op);
        this.queue.push((b.atMinute + b.minutes) * 60, KIND_BREAK_END, op);
      }
    } else if (a.kind === 'random-breaks') {
      const at = this.t + op.breakRng!.sample(a.everyMinutes) * 60;
      // Random breaks start within the run's duration only. A visitor nobody can ever serve (no
      // member speaks their language, the trainee went away) waits with no patience for ever;
      // breaks drawn after the last arrival would keep the clock going and the run never ends.
      if (at < this.horizon) this.queue.push(at, KIND_BREAK_START, op);
    }
  }

  private breakStarts(op: OperatorRecord): void {
    const a = op.scenario.activity;
    if (a.kind === 'random-breaks')
      this.queue.push(this.t + op.breakRng!.sample(a.minutes) * 60, KIND_BREAK_END, op);
    this.operatorRt.send(op.instance, BREAK_STARTED);
  }

  private breakEnds(op: OperatorRecord): void {
    this.operatorRt.send(op.instance, BREAK_ENDED);
    // No new random break after the horizon: visitors that nobody can ever serve must not keep
    // the run alive forever (they end as abandoned when nothing is left to happen).
    if (op.scenario.activity.kind === 'random-breaks' && this.t < this.horizon && !this.quiet())
      this.scheduleBreaks(op);
  }

  /** No visitor will come any more and none is in flight. */
  private quiet(): boolean {
    return this.pendingArrivals === 0 && this.visitors.length === 0;
  }

  input(input: Omit<HumanInput, 't'>): void {
    if (this.done) return;
    const full = { ...input, t: this.t } as HumanInput;
    this.apply(full);
    this.flush();
  }

  private apply(input: HumanInput): void {
    this.inputs.push(input);
    const op = this.operatorById.get(input.operator);
    if (!op) return;
    switch (input.type) {
      case 'operator.activity':
        this.operatorRt.send(op.instance, ACTIVITY);
        break;
      case 'operator.join':
      case 'operator.leave':
        if (input.channel && this.channelById.has(input.channel))
          this.operatorRt.send(op.instance, { type: input.type, channel: input.channel });
        break;
      case 'operator.languages':
        op.extraLanguages = (input.languages ?? []).filter((l) =>
          this.scenario.languages.includes(l),
        );
        this.emit({
          t: stamp(this.t),
          type: 'operator.languages',
          operator: op.id,
          languages: op.extraLanguages.slice(),
        });
        // New languages can make the operator eligible for queued visitors (language-strict).
        this.deferred.push(() => this.drain(this.memberChannels(op)));
        break;
      case 'chat.close': {
        const v = this.visitors.find((x) => x.id === input.visitor);
        if (v && v.operator === op) this.visitorRt.send(v.instance, CHAT_CLOSE);
        break;
      }
    }
  }

  // ------------------------------------------------------------------ VisitorHost

  time(): number {
    return this.t;
  }

  private emit(e: SimEvent): void {
    this.eventCount++;
    if (this.sink) this.sink(e);
  }

  logArrived(c: VisitorContext): void {
    const v = c as VisitorRecord;
    const e: SimEvent = {
      t: stamp(this.t),
      type: 'visitor.arrived',
      visitor: v.id,
      channel: v.channel.id,
      lang: v.lang,
    };
    if (v.country !== undefined) e.country = v.country;
    if (v.expertises.length > 0) e.expertises = v.expertises;
    if (v.previousOperator !== undefined) e.previousOperator = v.previousOperator;
    this.emit(e);
  }
  logQueued(c: VisitorContext, position: number): void {
    const v = c as VisitorRecord;
    this.emit({
      t: stamp(this.t),
      type: 'visitor.queued',
      visitor: v.id,
      channel: v.channel.id,
      position,
    });
  }
  logAssigned(c: VisitorContext, a: Assignment): void {
    const v = c as VisitorRecord;
    this.emit({
      t: stamp(this.t),
      type: 'visitor.assigned',
      visitor: v.id,
      operator: a.operator,
      channel: v.channel.id,
      reason: a.reason as AssignmentReason,
    });
  }
  logUnavailable(c: VisitorContext): void {
    const v = c as VisitorRecord;
    this.emit({
      t: stamp(this.t),
      type: 'visitor.unavailable',
      visitor: v.id,
      channel: v.channel.id,
    });
    this.forget(v);
  }
  logAbandoned(c: VisitorContext, reason: 'patience' | 'run-ended'): void {
    const v = c as VisitorRecord;
    this.emit({
      t: stamp(this.t),
      type: 'visitor.abandoned',
      visitor: v.id,
      channel: v.channel.id,
      reason,
    });
    this.forget(v);
  }
  logUnanswered(c: VisitorContext): void {
    const v = c as VisitorRecord;
    this.emit({
      t: stamp(this.t),
      type: 'visitor.unanswered',
      visitor: v.id,
      operator: v.operator!.id,
      channel: v.channel.id,
    });
  }
  logChatStarted(c: VisitorContext): void {
    const v = c as VisitorRecord;
    v.started = true;
    v.operator!.chatsInProgress++;
    this.emit({ t: stamp(this.t), type: 'chat.started', visitor: v.id, operator: v.operator!.id });
  }
  logChatEnded(c: VisitorContext): void {
    const v = c as VisitorRecord;
    this.emit({ t: stamp(this.t), type: 'chat.ended', visitor: v.id, operator: v.operator!.id });
  }
  sessionClosed(c: VisitorContext): void {
    const v = c as VisitorRecord;
    const op = v.operator!;
    const ch = v.channel;
    op.load--;
    op.sessionsIn[ch.index]--;
    op.open.delete(v);
    if (v.assignedAt === op.newestOpenSessionAt) op.newestOpenSessionAt = newestAssignment(op.open);
    this.forget(v);
    if (v.started) op.chatsInProgress--;
    this.deferred.push(v);
  }
  leftQueue(c: VisitorContext): void {
    const v = c as VisitorRecord;
    this.deferred.push(() =>
      this.channelRt.send(v.channel.instance, { type: 'visitor.dequeued', entry: v }),
    );
  }

  // ------------------------------------------------------------------ OperatorHost

  logStatus(c: OperatorContext, status: 'online' | 'away' | 'offline'): void {
    const op = c as OperatorRecord;
    op.status = status;
    if (status !== 'online') op.atKeyboard = false;
    this.emit({ t: stamp(this.t), type: 'operator.status', operator: op.id, status });
  }
  logBreakStarted(c: OperatorContext): void {
    const op = c as OperatorRecord;
    op.onBreak = true;
    op.atKeyboard = false;
    this.emit({ t: stamp(this.t), type: 'operator.break.started', operator: op.id });
  }
  logBreakEnded(c: OperatorContext): void {
    const op = c as OperatorRecord;
    op.onBreak = false;
    this.emit({ t: stamp(this.t), type: 'operator.break.ended', operator: op.id });
  }
  join(c: OperatorContext, channelId: string, reason: 'join' | 'return' | 'start'): void {
    const op = c as OperatorRecord;
    const ch = this.channelById.get(channelId);
    if (!ch || op.memberOf[ch.index]) return;
    op.memberOf[ch.index] = 1;
    op.channels = this.channels.filter((x) => op.memberOf[x.index]).map((x) => x.id);
    const at = ch.members.findIndex((m) => m.index > op.index);
    if (at < 0) ch.members.push(op);
    else ch.members.splice(at, 0, op);
    this.emit({
      t: stamp(this.t),
      type: 'operator.joined',
      operator: op.id,
      channel: ch.id,
      reason,
    });
    if (reason !== 'start') this.deferred.push(() => this.drain([ch]));
  }
  leave(c: OperatorContext, channelId: string, reason: 'leave' | 'inactivity'): void {
    const op = c as OperatorRecord;
    const ch = this.channelById.get(channelId);
    if (!ch || !op.memberOf[ch.index]) return;
    op.memberOf[ch.index] = 0;
    op.channels = op.channels.filter((id) => id !== ch.id);
    ch.members.splice(ch.members.indexOf(op), 1);
    this.emit({ t: stamp(this.t), type: 'operator.left', operator: op.id, channel: ch.id, reason });
  }
  inactivityTimerStarted(c: OperatorContext): void {
    (c as OperatorRecord).idleSince = this.t;
  }
  atKeyboard(c: OperatorContext): void {
    const op = c as OperatorRecord;
    op.atKeyboard = true;
    const waiting = [...op.open].filter((v) => !v.started);
    if (waiting.length > 0 || this.queueMode)
      this.deferred.push(() => {
        for (const v of waiting) this.visitorRt.send(v.instance, OPERATOR_RETURNED);
        this.drain(this.memberChannels(op));
      });
  }
  available(c: OperatorContext): void {
    const op = c as OperatorRecord;
    if (op.trainee) op.atKeyboard = true;
    if (this.queueMode && this.t > 0) this.deferred.push(() => this.drain(this.memberChannels(op)));
  }

  private memberChannels(op: OperatorRecord): ChannelRecord[] {
    return this.channels.filter((ch) => op.memberOf[ch.index]);
  }

  // ------------------------------------------------------------------ view

  view(): WorldView {
    return {
      t: this.t,
      operators: this.operators.map((op) => {
        const state = this.operatorRt.stateOf(op.instance);
        const timer = state === 'online.idle' ? this.inactivityDeadline(op) : null;
        return {
          id: op.id,
          name: op.name,
          chatName: op.chatName,
          lang: op.lang,
          extraLanguages: op.extraLanguages.slice(),
          status: op.status,
          state,
          onBreak: op.onBreak,
          channels: op.channels.slice(),
          load: op.load,
          sessions: [...op.open].map((v) => ({
            visitor: v.id,
            channel: v.channel.id,
            started: v.started,
          })),
          inactivityDeadline: timer,
        };
      }),
      channels: this.channels.map((ch) => {
        const queue: WorldView['channels'][number]['queue'] = [];
        for (let e = ch.head as VisitorRecord | null; e; e = e.next as VisitorRecord | null)
          queue.push({ visitor: e.id, lang: e.lang, arrivedAt: e.arrivedAt });
        return {
          id: ch.id,
          name: ch.name,
          maxSessions: ch.maxSessions,
          state: this.channelRt.stateOf(ch.instance),
          members: ch.members.map((m) => m.id),
          queue,
        };
      }),
      visitors: this.inFlightInArrivalOrder().map((v) => ({
        id: v.id,
        channel: v.channel.id,
        lang: v.lang,
        state: this.visitorRt.stateOf(v.instance),
        arrivedAt: v.arrivedAt,
        ...(v.operator ? { operator: v.operator.id } : {}),
      })),
    };
  }

  private inactivityDeadline(op: OperatorRecord): number {
    return op.idleSince + op.inactivityTimeoutSeconds;
  }
}

/**
 * Explanation entries are immutable and shared between events: the event log treats every event as
 * read-only, and 1M assignments would otherwise allocate tens of millions of tiny objects.
 */
function candidateEntry(op: OperatorRecord): Candidate {
  return (op.candidateEntries[op.load] ??= Object.freeze({ operator: op.id, load: op.load }));
}
function newestAssignment(open: Set<VisitorRecord>): number {
  let newest = -Infinity;
  for (const v of open) if (v.assignedAt > newest) newest = v.assignedAt;
  return newest;
}
function exclusionEntry(op: OperatorRecord, why: Exclusion['why']): Exclusion {
  return (op.exclusionEntries[why] ??= Object.freeze({ operator: op.id, why }));
}

/** Creates an engine positioned at t = 0 (operators online and joined). */
export function createEngine(scenario: Scenario, options: EngineOptions = {}): Engine {
  return new World(scenario, options);
}

/** Runs a scenario to the end. */
export function runScenario(scenario: Scenario, options: EngineOptions = {}): Engine {
  const engine = createEngine(scenario, options);
  engine.run();
  return engine;
}

/** Runs a scenario and returns its whole event log (tests, small runs). */
export function eventLog(scenario: Scenario, options: EngineOptions = {}): SimEvent[] {
  const events: SimEvent[] = [];
  const also = options.onEvent;
  runScenario(scenario, {
    ...options,
    onEvent: (e) => {
      events.push(e);
      also?.(e);
    },
  });
  return events;
}
