/**
 * One live chat conversation between a simulated visitor and the trainee. The visitor asks, waits
 * with their patience, follows up, shows impatience, and leaves: satisfied when answered, unanswered
 * when ignored too long ("Visitor left the conversation"). At the end they rate the session.
 *
 * *When* the visitor acts is the conversation machine's (machines/conversation.ts), run on the
 * engine's runtime and clock like the operator, visitor and channel machines; this record says the
 * words, draws the waits and keeps the transcript. Everything the visitor does is drawn from their
 * own seeded stream and keyed to simulated time, so the same (seed, trainee messages with their
 * times) always gives the same conversation.
 */
import { stream, type Rng } from '../random.ts';
import type { Instance, MachineRuntime } from '../runtime.ts';
import {
  conversationMachine,
  type ConversationContext,
  type ConversationEvent,
} from '../machines/conversation.ts';
import { fillTemplate, packFor, type MessagePack } from './message-packs.ts';
import { detectLanguage } from './language-detect.ts';
import { visitorJourney, type PageVisit } from './journey.ts';

export type Rating = 'happy' | 'neutral' | 'unhappy';
/** Odoo's rating values: Happy 5, Neutral 3, Unhappy 1. */
export const RATING_VALUE: Record<Rating, number> = { happy: 5, neutral: 3, unhappy: 1 };

export type Author = 'visitor' | 'operator' | 'system' | 'command';

export interface ChatMessage {
  id: string;
  t: number;
  author: Author;
  /** The name shown with the message: the visitor's, or the Online Chat Name the visitor saw. */
  authorName: string;
  text: string;
  /** Operator replies: the language they were judged to be in (null: could not tell). */
  lang?: string | null;
  /** Command output is visible only to the operator, never to the visitor. */
  operatorOnly?: boolean;
}

export type EndReason =
  /** The visitor got their answers, thanked and left. */
  | 'satisfied'
  /** The visitor gave up waiting for an answer. */
  | 'unanswered'
  /** The operator used /leave or closed the conversation. */
  | 'operator-left'
  /** The simulation ended the chat (e.g. the attempt ended). */
  | 'ended';

/** How patient and talkative visitors are (simulated seconds). */
export interface VisitorTemper {
  /** Wait before a follow-up when a question stays unanswered. */
  followUpAfter: [number, number];
  /** Further wait before showing impatience. */
  impatientAfter: [number, number];
  /** Further wait before leaving unanswered. */
  leaveAfter: [number, number];
  /** Time to read an answer and type the next message. */
  readingTime: [number, number];
  /** How many questions a visitor asks. */
  questions: [number, number];
}

export const DEFAULT_TEMPER: VisitorTemper = {
  followUpAfter: [60, 120],
  impatientAfter: [45, 90],
  leaveAfter: [30, 60],
  readingTime: [8, 25],
  questions: [1, 3],
};

export interface ConversationInit {
  visitor: string;
  channel: string;
  lang: string;
  seed: number;
  /** When the engine assigned the visitor to the trainee; their first message is sent then. */
  assignedAt: number;
  /** The Online Chat Name the visitor sees at assignment. */
  operatorName: string;
  temper?: VisitorTemper;
  /** Trainer-written questions; when given they replace the message pack's questions. */
  customQuestions?: readonly string[];
  /** Why the engine routed this visitor to the trainee, in words (for the conversation header). */
  routedBecause?: string;
}

/** Where a conversation's machine runs: the engine's runtime and clock (`Engine.machineRuntime`). */
export interface ConversationDriver {
  runtime: MachineRuntime<ConversationContext, ConversationEvent>;
  /** The clock's current simulated seconds. */
  now(): number;
  /** The visitor left on their own (satisfied or unanswered): the session closes the chat. */
  visitorLeft?(c: Conversation): void;
}

/** The conversation machine, for runtimes built by the engine (`Engine.machineRuntime`). */
export { conversationMachine };

/** One operator answer to one visitor message, for scoring. */
export interface Response {
  askedAt: number;
  answeredAt: number;
  first: boolean;
}

/** The waits (simulated seconds) the visitor's rating turns on; the debrief quotes them. */
export const RATING_RULES = { happyWithinSeconds: 60, unhappyOverSeconds: 150 } as const;

/**
 * The visitor's rating, from how fast and how well (in their language) they were answered.
 * Unanswered visitors are unhappy; a wrong-language-only conversation is unhappy; slow is neutral.
 */
export function rateSession(s: {
  responseSeconds: readonly number[];
  inLanguage: number;
  otherLanguage: number;
  leftUnanswered: boolean;
}): Rating {
  if (s.leftUnanswered || s.responseSeconds.length === 0) return 'unhappy';
  if (s.otherLanguage > 0 && s.inLanguage === 0) return 'unhappy';
  const worst = Math.max(...s.responseSeconds);
  if (worst > RATING_RULES.unhappyOverSeconds) return 'unhappy';
  if (worst <= RATING_RULES.happyWithinSeconds && s.otherLanguage === 0) return 'happy';
  return 'neutral';
}

export class Conversation implements ConversationContext {
  readonly visitor: string;
  readonly channel: string;
  readonly lang: string;
  readonly visitorName: string;
  readonly assignedAt: number;
  readonly journey: PageVisit[];
  readonly routedBecause: string | undefined;
  readonly messages: ChatMessage[] = [];
  readonly responses: Response[] = [];
  /** The Online Chat Name the visitor currently sees. */
  operatorName: string;
  endReason: EndReason | null = null;
  endedAt: number | null = null;
  rating: Rating | null = null;
  /** Visitor messages the operator has not seen yet (Discuss shows the conversation in bold). */
  unread = 0;
  inLanguage = 0;
  otherLanguage = 0;
  /** When the operator's next answer is due from (the oldest unanswered visitor message), or null. */
  askedAt: number | null;

  // The machine's context (ConversationContext).
  waitSeconds: number;
  questionsLeft: number;
  answeredInAnotherLanguage = false;

  private readonly driver: ConversationDriver;
  private readonly instance: Instance<ConversationContext>;
  private readonly stream: Rng;
  private readonly pack: MessagePack;
  private readonly temper: VisitorTemper;
  private readonly questions: readonly string[];
  private seq = 0;
  /** The reply the machine is taking (`operator.replied`). */
  private reply: { t: number; lang: string | null } | null = null;

  constructor(init: ConversationInit, driver: ConversationDriver) {
    this.visitor = init.visitor;
    this.channel = init.channel;
    this.lang = init.lang;
    this.assignedAt = init.assignedAt;
    this.operatorName = init.operatorName;
    this.routedBecause = init.routedBecause;
    this.driver = driver;
    this.temper = init.temper ?? DEFAULT_TEMPER;
    this.stream = stream(init.seed, `visitor:${init.visitor}`);
    this.pack = packFor(init.lang);
    this.questions =
      init.customQuestions && init.customQuestions.length > 0
        ? init.customQuestions
        : this.pack.questions;
    this.visitorName = this.stream.pick(this.pack.names);
    this.journey = visitorJourney(this.stream, init.assignedAt);
    const [fewest, most] = this.temper.questions;
    this.questionsLeft = fewest + this.stream.int(most - fewest + 1) - 1;
    // Odoo opens the session on the visitor's first message: it arrives with the assignment.
    this.say(
      init.assignedAt,
      `${this.stream.pick(this.pack.greetings)} ${this.stream.pick(this.questions)}`,
    );
    this.askedAt = init.assignedAt;
    this.waitSeconds = this.draw(this.temper.followUpAfter);
    this.instance = driver.runtime.start(this);
  }

  get ended(): boolean {
    return this.instance.done;
  }

  /** The machine's state, e.g. `asking.followedUp` (shown in the statechart). */
  get state(): string {
    return this.driver.runtime.stateOf(this.instance);
  }

  get leftUnanswered(): boolean {
    return this.endReason === 'unanswered';
  }

  /**
   * The operator's reply. `answerLang` is the chat window's language toggle (null: detect from the
   * text). Returns the recorded message.
   */
  operatorReply(
    t: number,
    text: string,
    operatorName: string,
    answerLang: string | null,
  ): ChatMessage {
    this.operatorName = operatorName;
    const lang =
      answerLang ?? detectLanguage(text, [...new Set([this.lang, ...LANGUAGE_CANDIDATES])]);
    const msg = this.push({ t, author: 'operator', authorName: operatorName, text, lang });
    if (this.ended) return msg;
    if (lang !== null) {
      if (sameLanguage(lang, this.lang)) this.inLanguage++;
      else this.otherLanguage++;
    }
    this.reply = { t, lang };
    this.send({ type: 'operator.replied' });
    this.reply = null;
    return msg;
  }

  /** Command output: shown to the operator only. */
  note(t: number, text: string): ChatMessage {
    return this.push({ t, author: 'command', authorName: 'OdooBot', text, operatorOnly: true });
  }

  /** The operator left (/leave or closing from Discuss). */
  leaveByOperator(t: number): void {
    if (this.ended) return;
    this.endedAt = t;
    this.send({ type: 'operator.left' });
  }

  /**
   * The simulation ended the chat from outside (the attempt ended, the engine closed it). The
   * visitor did not choose to leave, so they give no rating.
   */
  endBySimulation(t: number): void {
    if (this.ended) return;
    this.endedAt = t;
    this.send({ type: 'chat.ended' });
  }

  markRead(): void {
    this.unread = 0;
  }

  // ---------------------------------------------------------------- the machine's actions

  followUp(): void {
    this.say(this.now(), this.stream.pick(this.pack.followUps));
    this.waitSeconds = this.draw(this.temper.impatientAfter);
  }

  showImpatience(): void {
    this.say(this.now(), this.stream.pick(this.pack.impatience));
    this.waitSeconds = this.draw(this.temper.leaveAfter);
  }

  takeAnswer(): void {
    const { t, lang } = this.reply!;
    this.responses.push({
      askedAt: this.askedAt!,
      answeredAt: t,
      first: this.responses.length === 0,
    });
    this.askedAt = null;
    this.answeredInAnotherLanguage = lang !== null && !sameLanguage(lang, this.lang);
    this.waitSeconds = this.draw(this.temper.readingTime);
  }

  askForTheirLanguage(): void {
    this.answeredInAnotherLanguage = false;
    this.ask(this.stream.pick(this.pack.wrongLanguage));
  }

  askNextQuestion(): void {
    this.questionsLeft--;
    this.ask(this.stream.pick(this.questions));
  }

  thank(): void {
    this.say(this.now(), fillTemplate(this.stream.pick(this.pack.thanks), this.operatorName));
    this.waitSeconds = this.draw([3, 8]);
  }

  sayGoodbye(): void {
    this.say(this.now(), this.stream.pick(this.pack.goodbyes));
  }

  leave(reason: EndReason): void {
    // Set by the session for the ends it causes; the visitor's own end is now.
    const t = this.endedAt ?? this.now();
    this.push({
      t,
      author: 'system',
      authorName: '',
      text:
        reason === 'operator-left'
          ? `${this.operatorName} left the conversation`
          : 'Visitor left the conversation',
    });
    this.endReason = reason;
    this.endedAt = t;
    // The simulation ending the chat is not the visitor's choice: no rating then.
    if (reason !== 'ended')
      this.rating = rateSession({
        responseSeconds: this.responses.map((r) => r.answeredAt - r.askedAt),
        inLanguage: this.inLanguage,
        otherLanguage: this.otherLanguage,
        leftUnanswered:
          reason === 'unanswered' || (reason === 'operator-left' && this.askedAt !== null),
      });
    if (reason === 'satisfied' || reason === 'unanswered') this.driver.visitorLeft?.(this);
  }

  // ---------------------------------------------------------------- helpers

  private send(event: ConversationEvent): void {
    this.driver.runtime.send(this.instance, event);
  }

  private now(): number {
    return this.driver.now();
  }

  private ask(text: string): void {
    const t = this.now();
    this.say(t, text);
    this.askedAt = t;
    this.waitSeconds = this.draw(this.temper.followUpAfter);
  }

  private say(t: number, text: string): void {
    this.push({ t, author: 'visitor', authorName: this.visitorName, text });
    this.unread++;
  }

  private push(m: Omit<ChatMessage, 'id'>): ChatMessage {
    const msg: ChatMessage = { id: `${this.visitor}:${this.seq++}`, ...m };
    this.messages.push(msg);
    return msg;
  }

  private draw([min, max]: [number, number]): number {
    return Math.round(this.stream.between(min, max));
  }
}

const LANGUAGE_CANDIDATES = ['en_US', 'fr_FR', 'de_DE', 'es_ES', 'nl_NL', 'it_IT', 'pt_BR'];

/** fr_BE and fr_FR are the same language to a reader. */
export function sameLanguage(a: string, b: string): boolean {
  return a === b || a.split(/[_-]/)[0].toLowerCase() === b.split(/[_-]/)[0].toLowerCase();
}
