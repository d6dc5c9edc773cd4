/**
 * A running practice attempt on the page: owns the TrainingSession (pure), maps real time and the
 * trainee's real mouse/keyboard activity onto simulated time, and exposes plain snapshots for the
 * components. The session's objects are not reactive; `version` is bumped after every change and
 * every getter reads it, so components re-render from fresh snapshots.
 */
import { createEngine } from '../../sim/engine';
import type { Scenario } from '../../sim/scenario/types';
import {
  ActivityThrottle,
  TrainingClock,
  speedFor,
  type SpeedSettings,
} from '../../sim/training/activity-time';
import type { CannedResponse } from '../../sim/training/commands';
import type { ChatMessage, Conversation } from '../../sim/training/conversation';
import { TrainingSession, type Notice, type TraineeInput } from '../../sim/training/session';
import type { AttemptViewState } from '../../store';

export type AppName = 'discuss' | 'livechat' | 'profile' | 'contacts';

export interface ConversationView {
  visitor: string;
  visitorName: string;
  lang: string;
  channel: string;
  messages: ChatMessage[];
  unread: number;
  ended: boolean;
  operatorName: string;
  routedBecause: string | undefined;
  waitingSince: number | null;
  endReason: Conversation['endReason'];
  rating: Conversation['rating'];
  /** The visitor's conversation machine state, e.g. `asking.followedUp`. */
  state: string;
}

export interface ChatWindowState {
  visitor: string;
  folded: boolean;
}

export interface AttemptOptions {
  scenario: Scenario;
  trainee: string;
  speed: SpeedSettings;
  /** Run the whole attempt at the quiet-period speed (trainer demos and tests). */
  alwaysFast: boolean;
  customQuestions: string[];
  canned: () => readonly CannedResponse[];
  /** Real-time source, milliseconds (performance.now in the page). */
  now?: () => number;
  /**
   * An interrupted attempt to pick up: its inputs are replayed up to `simT` (the same simulated
   * moment, the same conversations and messages) and the console is put back as it was.
   */
  resume?: { inputs: readonly TraineeInput[]; simT: number; view: AttemptViewState };
}

/**
 * `visibleName`: the Online Chat Name the visitor's header shows now (Odoo reads the operator's
 * current name); each operator message keeps the name it was sent under.
 */
const snapshot = (c: Conversation, visibleName: string): ConversationView => ({
  visitor: c.visitor,
  visitorName: c.visitorName,
  lang: c.lang,
  channel: c.channel,
  messages: c.messages.slice(),
  // An ended conversation asks nothing more of the trainee: no badge.
  unread: c.ended ? 0 : c.unread,
  ended: c.ended,
  operatorName: c.ended ? c.operatorName : visibleName,
  routedBecause: c.routedBecause,
  waitingSince: c.askedAt,
  endReason: c.endReason,
  rating: c.rating,
  state: c.state,
});

export class Attempt {
  readonly session: TrainingSession;
  readonly options: AttemptOptions;
  app = $state<AppName>('discuss');
  windows = $state<ChatWindowState[]>([]);
  /** The conversation open in Discuss's main view. */
  discussSelected = $state<string | null>(null);
  /** Per-conversation answer language toggle (null = detect from the text). */
  answerLang = $state<Record<string, string | null>>({});
  dismissedNotices = $state(0);
  /** The chat window that has the keyboard focus: the trainee is reading it. */
  focusedWindow = $state<string | null>(null);
  version = $state(0);
  finished = $state(false);

  private readonly clock: TrainingClock;
  private readonly throttle = new ActivityThrottle(5);
  private readonly now: () => number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastActivity = -Infinity;
  // Bookkeeping only (which conversations already got a window); nothing renders from it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private known = new Set<string>();

  constructor(options: AttemptOptions) {
    this.options = options;
    this.now = options.now ?? (() => performance.now());
    this.session = new TrainingSession({
      scenario: options.scenario,
      trainee: options.trainee,
      createEngine: (s, o) => createEngine(s, o),
      customQuestions: options.customQuestions,
      canned: options.canned(),
    });
    if (options.resume) this.replay(options.resume);
    this.clock = new TrainingClock(this.now(), this.session.now, this.currentSpeed());
  }

  /** Where the console is: stored with the inputs, so a resumed attempt looks as it did. */
  get view(): AttemptViewState {
    const unread: Record<string, number> = {};
    for (const c of this.session.conversations) unread[c.visitor] = c.unread;
    return {
      app: this.app,
      windows: $state.snapshot(this.windows),
      discussSelected: this.discussSelected,
      answerLang: $state.snapshot(this.answerLang),
      dismissedNotices: this.dismissedNotices,
      unread,
    };
  }

  private replay({ inputs, simT, view }: NonNullable<AttemptOptions['resume']>): void {
    for (const i of inputs) this.session.replayInput(i);
    this.session.advanceTo(simT);
    for (const c of this.session.conversations) {
      this.known.add(c.visitor);
      // Replay cannot know what the trainee read (reading is no input): the stored counts can.
      const unread = view.unread?.[c.visitor];
      if (unread !== undefined) c.unread = unread;
    }
    this.app = (view.app as AppName) ?? 'discuss';
    this.windows = view.windows.filter((w) => this.session.conversation(w.visitor));
    this.discussSelected = view.discussSelected;
    this.answerLang = { ...view.answerLang };
    this.dismissedNotices = view.dismissedNotices;
  }

  /** Starts real-time ticking (4 times a second is plenty for a chat). */
  start(): void {
    if (this.timer === null) this.timer = setInterval(() => this.tick(), 250);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  get simNow(): number {
    void this.version;
    return this.session.now;
  }

  get speed(): number {
    void this.version;
    return this.clock.speed;
  }

  get conversations(): ConversationView[] {
    void this.version;
    return this.session.conversations.map((c) => snapshot(c, this.session.visibleName));
  }

  conversation(visitor: string): ConversationView | undefined {
    void this.version;
    const c = this.session.conversation(visitor);
    return c ? snapshot(c, this.session.visibleName) : undefined;
  }

  get seat() {
    void this.version;
    return this.session.seat();
  }

  get channels() {
    void this.version;
    return this.session.view().channels;
  }

  get notices(): Notice[] {
    void this.version;
    return this.session.notices.slice(this.dismissedNotices);
  }

  get chatName(): string {
    void this.version;
    return this.session.chatName;
  }

  get languages(): string[] {
    void this.version;
    return this.session.languages.slice();
  }

  get durationSeconds(): number {
    return this.options.scenario.durationMinutes * 60;
  }

  /** The shift is over: no visitor comes any more (conversations still open may go on). */
  get shiftOver(): boolean {
    return this.simNow >= this.durationSeconds;
  }

  /**
   * Advances simulated time to the real now; a speed-up stops as soon as a chat arrives. The
   * clock stops at the end of the shift, and goes on past it only while the trainee still has
   * conversations to finish.
   */
  tick(): void {
    if (this.finished) return;
    const real = this.now();
    const end = this.durationSeconds;
    const speed = this.currentSpeed();
    if (this.session.now >= end && this.session.isQuiet()) {
      // Nothing left to happen: time stands still until the trainee ends the attempt.
      this.clock.setSpeed(real, 0);
      this.readOpenConversations();
      this.version++;
      return;
    }
    const fast = this.clock.speed > this.options.speed.base;
    let target = this.clock.simAt(real);
    // Stop exactly at the end of the shift; the next tick decides whether time goes on.
    if (this.session.now < end && target > end) target = end;
    const reached = this.session.advanceTo(target, fast && !this.options.alwaysFast);
    // Behind the real-time mapping (a fast-forward stopped early, or the end of the shift): re-anchor.
    if (reached < this.clock.simAt(real)) this.clock.rebase(real, reached, speed);
    else this.clock.setSpeed(real, speed);
    this.openNewWindows();
    this.readOpenConversations();
    this.version++;
  }

  /**
   * Real mouse or keyboard activity on the page. A mousemove fires ~60 times a second; a quarter
   * of a second of real time is far finer than the inactivity timeout needs.
   */
  activity(): void {
    if (this.finished) return;
    const real = this.now();
    if (real - this.lastActivity < 250) return;
    this.lastActivity = real;
    this.tick();
    if (this.throttle.offer(this.session.now)) {
      this.session.activity();
      this.version++;
    }
  }

  join(channel: string) {
    this.tick();
    this.session.join(channel);
    this.version++;
  }

  leave(channel: string) {
    this.tick();
    this.session.leave(channel);
    this.version++;
  }

  setChatName(name: string) {
    this.session.setChatName(name);
    this.version++;
  }

  setLanguages(languages: string[]) {
    this.tick();
    this.session.setLanguages(languages);
    this.version++;
  }

  send(visitor: string, text: string): void {
    this.tick();
    this.session.submit(visitor, text, this.answerLang[visitor] ?? null, this.options.canned());
    this.session.conversation(visitor)?.markRead();
    this.version++;
  }

  markRead(visitor: string): void {
    this.session.conversation(visitor)?.markRead();
    this.version++;
  }

  /** A chat window got or lost the keyboard focus: while it has it, its messages are read. */
  focusWindow(visitor: string | null): void {
    this.focusedWindow = visitor;
    if (visitor !== null) this.markRead(visitor);
  }

  openInDiscuss(visitor: string): void {
    this.app = 'discuss';
    this.discussSelected = visitor;
    this.markRead(visitor);
  }

  toggleFold(visitor: string): void {
    this.windows = this.windows.map((w) =>
      w.visitor === visitor ? { ...w, folded: !w.folded } : w,
    );
  }

  closeWindow(visitor: string): void {
    this.windows = this.windows.filter((w) => w.visitor !== visitor);
  }

  /** Opens (or brings back, unfolded) the chat window of a conversation, as the newest one. */
  openWindow(visitor: string): void {
    this.windows = [
      ...this.windows.filter((w) => w.visitor !== visitor),
      { visitor, folded: false },
    ];
  }

  finish() {
    this.tick();
    this.stop();
    this.finished = true;
    const score = this.session.finish();
    this.version++;
    return score;
  }

  private currentSpeed(): number {
    const s = this.options.speed;
    if (this.options.alwaysFast) return Math.max(s.base, s.quiet);
    return speedFor(s, this.session.isQuiet());
  }

  /**
   * Messages that arrive in a conversation the trainee has open (selected in Discuss, or its chat
   * window focused) are read as they come; an ended conversation keeps no unread count.
   */
  private readOpenConversations(): void {
    const open = this.app === 'discuss' ? this.discussSelected : this.focusedWindow;
    for (const c of this.session.conversations)
      if (c.unread > 0 && (c.ended || c.visitor === open)) c.markRead();
  }

  /** Odoo opens a chat window in the bottom-right corner when a conversation is assigned. */
  private openNewWindows(): void {
    for (const c of this.session.conversations) {
      if (this.known.has(c.visitor)) continue;
      this.known.add(c.visitor);
      this.openWindow(c.visitor);
    }
  }
}
