/**
 * A practice attempt: the engine runs the scenario (other operators, visitors, routing), the
 * trainee sits in one operator's seat, and this layer plays the conversations of the visitors the
 * engine routes to the trainee.
 *
 * The trainee's actions go into the engine as human inputs (so they are in the same event log and
 * change routing at once), and are also recorded here with their simulated times. An attempt is
 * therefore (scenario, seed, inputs): `replayAttempt` rebuilds every conversation from them.
 * No clock is read here; the page decides what "now" is (see activity-time.ts).
 */
import type { SimEvent, AssignmentReason } from '../events.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Engine, HumanInput } from '../world/types.ts';
import { chatNameOf } from '../scenario/types.ts';
import {
  Conversation,
  conversationMachine,
  type ChatMessage,
  type ConversationDriver,
  type VisitorTemper,
} from './conversation.ts';
import { parseComposer, helpText, type CannedResponse } from './commands.ts';
import { historyText } from './journey.ts';
import { languageLabel } from './message-packs.ts';
import { scoreAttempt, type AttemptScore } from './scoring.ts';

export type CreateEngine = (
  scenario: Scenario,
  options: { seed: number; onEvent: (e: SimEvent) => void },
) => Engine;

/** Everything the trainee did, with simulated times: the replayable part of an attempt. */
export type TraineeInput =
  | { t: number; type: 'operator.activity' }
  | { t: number; type: 'operator.join'; channel: string }
  | { t: number; type: 'operator.leave'; channel: string }
  | { t: number; type: 'operator.languages'; languages: string[] }
  /** Online Chat Name: visitors see it; it does not change routing, so the engine never hears of it. */
  | { t: number; type: 'operator.chatName'; name: string }
  /** What the trainee typed in a conversation (commands and `:shortcut`s expanded at send time). */
  | { t: number; type: 'chat.message'; visitor: string; text: string; lang: string | null };

export interface Notice {
  t: number;
  kind: 'inactivity' | 'info';
  text: string;
}

export interface TrainingOptions {
  scenario: Scenario;
  /** The operator id whose seat the trainee takes (its activity must be `{kind: 'trainee'}`). */
  trainee: string;
  seed?: number;
  createEngine: CreateEngine;
  temper?: VisitorTemper;
  customQuestions?: readonly string[];
  /** Canned responses used when replaying typed text. */
  canned?: readonly CannedResponse[];
}

/** Why the engine routed a visitor to the trainee, in the guide's words. */
export function describeRouting(reason: AssignmentReason, lang: string): string {
  const l = languageLabel(lang);
  const tier: Record<string, string> = {
    'main-language': `you speak ${l} (your main language)`,
    'chat-language': `${l} is one of your Online Chat Languages`,
    language: `you speak ${l}`,
    'previous-operator': 'you talked with this visitor before',
    country: `nobody available speaks ${l}; you are in the visitor's country`,
    'all-expertises': `nobody available speaks ${l}; you have the expertise asked for`,
    'one-expertise': `nobody available speaks ${l}; you have one of the expertises asked for`,
    anyone: `nobody available speaks ${l}`,
    rotation: 'it was your turn in the rotation',
  };
  const base = tier[reason.tier.split('+')[0]] ?? reason.tier;
  // Odoo 19 marks a choice the buffer narrowed with `+buffer` (e.g. `idle+buffer`).
  const how = reason.rule.split('+')[0];
  const rule =
    how === 'idle'
      ? 'you had no chat in progress'
      : how === 'least-active'
        ? 'you had the fewest chats in progress'
        : null;
  return rule ? `${base}; ${rule}` : base;
}

export class TrainingSession {
  readonly scenario: Scenario;
  readonly trainee: string;
  readonly seed: number;
  readonly events: SimEvent[] = [];
  readonly inputs: TraineeInput[] = [];
  readonly notices: Notice[] = [];
  readonly conversations: Conversation[] = [];
  chatName: string;
  languages: string[];
  /** Set when the attempt is over; no more inputs are accepted. */
  endedAt: number | null = null;

  private readonly engine: Engine;
  /** The conversations' machines, on the engine's runtime and clock. */
  private readonly driver: ConversationDriver;
  /** Visitors who left on their own during the engine's last instant: their chats to close. */
  private readonly left: Conversation[] = [];
  private readonly byVisitor = new Map<string, Conversation>();
  private readonly pending: SimEvent[] = [];
  private readonly options: TrainingOptions;
  private readonly userName: string;
  private clock = 0;

  constructor(options: TrainingOptions) {
    this.options = options;
    this.scenario = options.scenario;
    this.trainee = options.trainee;
    this.seed = options.seed ?? options.scenario.seed;
    const op = options.scenario.operators.find((o) => o.id === options.trainee);
    if (!op) throw new Error(`The scenario has no operator "${options.trainee}" for the trainee.`);
    this.userName = op.name;
    this.chatName = op.chatName ?? '';
    this.languages = [...op.extraLanguages];
    this.engine = options.createEngine(options.scenario, {
      seed: this.seed,
      onEvent: (e) => this.pending.push(e),
    });
    this.driver = {
      runtime: this.engine.machineRuntime(conversationMachine),
      now: () => this.engine.now,
      visitorLeft: (c) => this.left.push(c),
    };
    this.flush();
  }

  /** Simulated seconds. The engine stops its clock when it has nothing left to do; the attempt does not. */
  get now(): number {
    return Math.max(this.clock, this.engine.now);
  }

  /** The name visitors see: the Online Chat Name, or the user's name when it is empty. */
  get visibleName(): string {
    return chatNameOf({ name: this.userName, chatName: this.chatName });
  }

  get name(): string {
    return this.userName;
  }

  view() {
    return this.engine.view();
  }

  /** The trainee's seat in the engine's view. */
  seat() {
    return this.engine.view().operators.find((o) => o.id === this.trainee);
  }

  openConversations(): Conversation[] {
    return this.conversations.filter((c) => !c.ended);
  }

  /**
   * The inputs the engine received, visitors' `chat.close` included: with the scenario and seed,
   * the engine alone replays this attempt's event log (the trainer page can open it as a run).
   */
  engineInputs(): HumanInput[] {
    return this.engine.inputs.map((i) => ({ ...i }));
  }

  /** Nothing needs the trainee: no open conversation. The trainer may allow a speed-up then. */
  isQuiet(): boolean {
    return this.openConversations().length === 0;
  }

  conversation(visitor: string): Conversation | undefined {
    return this.byVisitor.get(visitor);
  }

  /**
   * Runs the world up to simulated time `t`, one instant at a time: the engine's happenings and the
   * visitors' own moves (their conversation machines' timers are on the engine's clock) in time
   * order, so a visitor assigned at 221 s can follow up at 300 s within one call.
   */
  advanceTo(t: number, stopWhenBusy = false): number {
    if (t < this.now) return this.now;
    for (;;) {
      // A speed-up is for quiet periods only: stop the moment a conversation arrives, so that the
      // visitor's wait starts at normal speed.
      if (stopWhenBusy && !this.isQuiet()) {
        this.clock = this.now;
        return this.now;
      }
      const next = this.engine.nextTime();
      if (next > t) break;
      this.engine.runUntil(Math.max(next, this.engine.now));
      this.flush();
    }
    this.engine.runUntil(t);
    this.clock = t;
    this.flush();
    return t;
  }

  activity(): void {
    this.record({ t: this.now, type: 'operator.activity' });
    this.engine.input({ type: 'operator.activity', operator: this.trainee });
    this.flush();
  }

  join(channel: string): void {
    this.record({ t: this.now, type: 'operator.join', channel });
    this.engine.input({ type: 'operator.join', operator: this.trainee, channel });
    this.flush();
  }

  leave(channel: string): void {
    this.record({ t: this.now, type: 'operator.leave', channel });
    this.engine.input({ type: 'operator.leave', operator: this.trainee, channel });
    this.flush();
  }

  /** Online Chat Languages: only the scenario's enabled languages are kept. */
  setLanguages(languages: readonly string[]): void {
    const enabled = languages.filter((l) => this.scenario.languages.includes(l));
    this.languages = [...new Set(enabled)];
    this.record({ t: this.now, type: 'operator.languages', languages: [...this.languages] });
    this.engine.input({
      type: 'operator.languages',
      operator: this.trainee,
      languages: [...this.languages],
    });
    this.flush();
  }

  setChatName(name: string): void {
    this.chatName = name;
    this.record({ t: this.now, type: 'operator.chatName', name });
  }

  /**
   * What the trainee sends from a chat window or Discuss. Commands print operator-only output;
   * anything else is a reply to the visitor. `lang` is the window's language toggle (null = detect).
   */
  submit(
    visitor: string,
    text: string,
    lang: string | null = null,
    canned?: readonly CannedResponse[],
  ): ChatMessage | null {
    const c = this.byVisitor.get(visitor);
    if (!c || this.endedAt !== null) return null;
    const parsed = parseComposer(text, canned ?? this.options.canned ?? []);
    if (parsed.kind === 'empty') return null;
    const stored = parsed.kind === 'message' ? parsed.text : text.trim();
    this.record({ t: this.now, type: 'chat.message', visitor, text: stored, lang });
    return this.apply(c, stored, lang);
  }

  /** Ends the attempt: conversations still open are closed without a rating. */
  finish(): AttemptScore {
    if (this.endedAt === null) {
      this.endedAt = this.now;
      for (const c of this.openConversations()) c.endBySimulation(this.now);
    }
    return this.score();
  }

  score(): AttemptScore {
    return scoreAttempt({
      trainee: this.trainee,
      conversations: this.conversations,
      events: this.events,
      endedAt: this.endedAt ?? this.now,
      inactivityEffect: this.scenario.inactivity.effect,
      inactivityMinutes: this.scenario.inactivity.timeoutMinutes,
    });
  }

  private apply(c: Conversation, text: string, lang: string | null): ChatMessage | null {
    const parsed = parseComposer(text, []);
    if (parsed.kind === 'command') {
      if (parsed.name === 'help') return c.note(this.now, helpText());
      if (parsed.name === 'history') return c.note(this.now, historyText(c.journey, this.now));
      if (parsed.name === 'leave') {
        if (!c.ended) {
          c.leaveByOperator(this.now);
          this.engine.input({ type: 'chat.close', operator: this.trainee, visitor: c.visitor });
          this.flush();
        }
        return null;
      }
      return c.note(this.now, `Unknown command "/${parsed.name}". Type /help to see the commands.`);
    }
    if (parsed.kind === 'empty') return null;
    const msg = c.operatorReply(this.now, text, this.visibleName, lang);
    this.engine.input({ type: 'operator.activity', operator: this.trainee });
    this.flush();
    return msg;
  }

  private record(i: TraineeInput): void {
    if (this.endedAt === null) this.inputs.push(i);
  }

  /**
   * Hands the engine's new events to the conversation layer, in order, then closes in the engine
   * the chats of visitors who left on their own, at the instant they left (the engine has just
   * run that instant).
   */
  private flush(): void {
    for (;;) {
      while (this.pending.length > 0) {
        const e = this.pending.shift()!;
        this.events.push(e);
        this.onEvent(e);
      }
      const c = this.left.shift();
      if (!c) return;
      this.engine.input({ type: 'chat.close', operator: this.trainee, visitor: c.visitor });
    }
  }

  /**
   * The engine times every chat with the stream's `chatMinutes`, the trainee's too. For the trainee
   * the visitor's behaviour here decides when the conversation ends (and closes it in the engine
   * with `chat.close`), so the engine's own `chat.ended` for a still-open conversation is ignored.
   */
  private onEvent(e: SimEvent): void {
    if (e.type === 'visitor.assigned' && e.operator === this.trainee) {
      const arrival = this.findArrival(e.visitor);
      const lang = arrival?.lang ?? this.scenario.languages[0];
      const c = new Conversation(
        {
          visitor: e.visitor,
          channel: e.channel,
          lang,
          seed: this.seed,
          assignedAt: e.t,
          operatorName: this.visibleName,
          temper: this.options.temper,
          customQuestions: this.options.customQuestions,
          routedBecause: describeRouting(e.reason, lang),
        },
        this.driver,
      );
      this.conversations.push(c);
      this.byVisitor.set(e.visitor, c);
    } else if (e.type === 'visitor.unanswered' && e.operator === this.trainee) {
      this.byVisitor.get(e.visitor)?.endBySimulation(e.t);
    } else if (
      e.type === 'operator.left' &&
      e.operator === this.trainee &&
      e.reason === 'inactivity'
    ) {
      this.inactivityNotice(e.t).channels.push(
        this.scenario.channels.find((c) => c.id === e.channel)?.name ?? e.channel,
      );
      this.refreshNotice();
    } else if (
      e.type === 'operator.status' &&
      e.operator === this.trainee &&
      e.status !== 'online'
    ) {
      this.inactivityNotice(e.t);
      this.refreshNotice();
    }
  }

  private current: { notice: Notice; channels: string[] } | null = null;

  /** One notice per disconnection, however many channels it removed the trainee from. */
  private inactivityNotice(t: number): { notice: Notice; channels: string[] } {
    if (this.current && this.current.notice.t === t) return this.current;
    const notice: Notice = { t, kind: 'inactivity', text: '' };
    this.notices.push(notice);
    this.current = { notice, channels: [] };
    return this.current;
  }

  private refreshNotice(): void {
    if (!this.current) return;
    const minutes = this.scenario.inactivity.timeoutMinutes;
    const { notice, channels } = this.current;
    notice.text =
      this.scenario.inactivity.effect === 'away'
        ? `Your status is Away: no mouse or keyboard activity for ${minutes} minutes, so no chats are assigned to you. Move the mouse or type to be online again.`
        : `You were disconnected: no mouse or keyboard activity for ${minutes} minutes.` +
          (channels.length > 0 ? ` You were removed from ${channels.join(', ')}.` : '') +
          ' Join a channel again in Live Chat → Channels to receive chats.';
  }

  private findArrival(visitor: string) {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i];
      if (e.type === 'visitor.arrived' && e.visitor === visitor) return e;
    }
    return undefined;
  }

  /** Applies a recorded input at its time (replay). */
  replayInput(i: TraineeInput): void {
    this.advanceTo(i.t);
    switch (i.type) {
      case 'operator.activity':
        return this.activity();
      case 'operator.join':
        return this.join(i.channel);
      case 'operator.leave':
        return this.leave(i.channel);
      case 'operator.languages':
        return this.setLanguages(i.languages);
      case 'operator.chatName':
        return this.setChatName(i.name);
      case 'chat.message': {
        const c = this.byVisitor.get(i.visitor);
        if (!c) return;
        this.record(i);
        this.apply(c, i.text, i.lang);
        return;
      }
    }
  }
}

/** Rebuilds an attempt from its scenario, seed and inputs, and ends it at `endedAt`. */
export function replayAttempt(
  options: TrainingOptions,
  inputs: readonly TraineeInput[],
  endedAt: number,
): TrainingSession {
  const s = new TrainingSession(options);
  for (const i of inputs) s.replayInput(i);
  s.advanceTo(endedAt);
  s.finish();
  return s;
}
