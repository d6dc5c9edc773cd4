/**
 * A practice visitor's conversation on its own clock, without an engine: the conversation machine
 * on either runtime, its timers in an EventQueue that `runTo` drains in time order (as the engine
 * does). For tests of the visitor's behaviour and of scoring.
 */
import fc from 'fast-check';
import { EventQueue } from '../../../src/sim/clock.ts';
import { createEngine } from '../../../src/sim/engine.ts';
import {
  conversationMachine,
  type ConversationContext,
  type ConversationEvent,
} from '../../../src/sim/machines/conversation.ts';
import {
  ActorRuntime,
  CompiledRuntime,
  KIND_TIMER,
  type Instance,
} from '../../../src/sim/runtime.ts';
import { Conversation, type ConversationInit } from '../../../src/sim/training/conversation.ts';
import { practiceScenario, TRAINEE_SEAT } from '../../../src/sim/training/practice-scenarios.ts';
import { TrainingSession } from '../../../src/sim/training/session.ts';

export interface PracticeVisitor {
  c: Conversation;
  /** Simulated seconds now. */
  readonly now: number;
  /** The visitor's next move of their own (Infinity when none is pending). */
  next(): number;
  /** Runs the visitor's own moves up to `t`, then sets the clock to `t`. */
  runTo(t: number): void;
  /** Runs until the visitor leaves (or nothing is pending). */
  runToEnd(): void;
  /** The operator's reply at `t` (the clock first runs to `t`). */
  reply(t: number, text: string, lang?: string | null): void;
}

export function practiceVisitor(
  init: Partial<ConversationInit> & { visitor: string },
  runtime: 'compiled' | 'actors' = 'compiled',
): PracticeVisitor {
  const full: ConversationInit = {
    channel: 'website',
    lang: 'fr_FR',
    seed: 42,
    assignedAt: 100,
    operatorName: 'Sam',
    ...init,
  };
  const clock = { t: full.assignedAt, queue: new EventQueue(), time: () => clock.t };
  const Runtime = runtime === 'actors' ? ActorRuntime : CompiledRuntime;
  const rt = new Runtime<ConversationContext, ConversationEvent>(conversationMachine, clock);
  const c = new Conversation(full, { runtime: rt, now: () => clock.t });
  const runTo = (t: number) => {
    while (clock.queue.size > 0 && clock.queue.peekTime() <= t) {
      const e = clock.queue.pop()!;
      clock.t = e.t;
      if (e.kind === KIND_TIMER) (e.payload as Instance).runtime.fire(e);
      else (e.payload as () => void)();
    }
    if (t > clock.t && t !== Infinity) clock.t = t;
  };
  return {
    c,
    get now() {
      return clock.t;
    },
    next: () => clock.queue.peekTime(),
    runTo,
    runToEnd: () => runTo(Infinity),
    reply: (t, text, lang = null) => {
      runTo(t);
      c.operatorReply(t, text, 'Sam', lang);
    },
  };
}

// ------------------------------------------------------------------ whole practice attempts

/** What a random trainee does after waiting `dt` seconds, to the `pick`-th open conversation. */
export interface TraineeStep {
  dt: number;
  act: 'wait' | 'answer' | 'answer-other' | 'leave' | 'help';
  pick: number;
}

export const traineeStepsArb: fc.Arbitrary<TraineeStep[]> = fc.array(
  fc.record({
    dt: fc.integer({ min: 1, max: 150 }),
    act: fc.constantFrom('wait', 'answer', 'answer', 'answer', 'answer-other', 'leave', 'help'),
    pick: fc.nat({ max: 7 }),
  }),
  { minLength: 10, maxLength: 80 },
);

/** A practice attempt in the seat of `TRAINEE_SEAT`, on either runtime. */
export function practiceSession(
  scenarioId: string,
  runtime: 'compiled' | 'actors',
  seed?: number,
): TrainingSession {
  return new TrainingSession({
    scenario: practiceScenario(scenarioId),
    trainee: TRAINEE_SEAT,
    seed,
    createEngine: (scenario, o) => createEngine(scenario, { ...o, runtime }),
  });
}

/**
 * Plays the steps: the trainee joins every channel, stays active, and answers (in the visitor's
 * language or in English or German), leaves, or asks /help; then the attempt ends.
 */
export function playAttempt(s: TrainingSession, steps: readonly TraineeStep[]): void {
  for (const ch of s.scenario.channels) s.join(ch.id);
  for (const { dt, act, pick } of steps) {
    s.advanceTo(s.now + dt);
    s.activity();
    const open = s.openConversations();
    if (open.length === 0 || act === 'wait') continue;
    const c = open[pick % open.length];
    if (act === 'answer') s.submit(c.visitor, 'Thank you, I am looking into it.', c.lang);
    else if (act === 'answer-other')
      s.submit(
        c.visitor,
        'Thank you, I am looking into it.',
        c.lang === 'de_DE' ? 'en_US' : 'de_DE',
      );
    else if (act === 'leave') s.submit(c.visitor, '/leave');
    else s.submit(c.visitor, '/help');
  }
  s.finish();
}

/** Everything an attempt produced: the event log and every conversation, in JSON. */
export function attemptTrace(s: TrainingSession): string {
  return JSON.stringify({
    events: s.events,
    conversations: s.conversations.map((c) => ({
      visitor: c.visitor,
      state: c.state,
      messages: c.messages,
      responses: c.responses,
      endReason: c.endReason,
      endedAt: c.endedAt,
      rating: c.rating,
    })),
  });
}
