/**
 * The practice visitor's side of one live chat conversation with the trainee (Practice console):
 * when the visitor follows up, grows impatient and leaves unanswered, reads an answer, asks again,
 * thanks the operator and leaves. docs/practice-console.md states the rules.
 *
 * The machine decides *when*; the record (training/conversation.ts) says the words, draws the
 * waits from the visitor's seeded stream and keeps the transcript. Every wait is drawn by the
 * action that starts it and stored in `waitSeconds`, which the `after` delays read: the draws
 * happen in the same order on both runtimes, and a delay never draws.
 */
import { setup } from 'xstate';

export interface ConversationContext {
  /** Seconds until the visitor's next move of their own, drawn by the last action. */
  waitSeconds: number;
  /** More questions to ask once answered. */
  questionsLeft: number;
  /** The last answer was not in the visitor's language: they ask for theirs next. */
  answeredInAnotherLanguage: boolean;
  /** A question waits for an answer (the opening one included). */
  followUp(): void;
  showImpatience(): void;
  /** The operator's reply answered the pending question. */
  takeAnswer(): void;
  askForTheirLanguage(): void;
  askNextQuestion(): void;
  thank(): void;
  sayGoodbye(): void;
  /** The visitor leaves, or the conversation is over for another reason. */
  leave(reason: 'satisfied' | 'unanswered' | 'operator-left' | 'ended'): void;
}

export type ConversationEvent =
  /** The trainee sent a reply (not a command). */
  | { type: 'operator.replied' }
  /** The trainee typed `/leave` or closed the conversation. */
  | { type: 'operator.left' }
  /** The simulation ended the chat (the attempt ended, or the engine closed the session). */
  | { type: 'chat.ended' };

/** Every delay is the wait the last action drew. */
const drawnWait = ({ context }: { context: { record: ConversationContext } }) =>
  context.record.waitSeconds * 1000;

export const conversationMachine = setup({
  types: {
    context: {} as { record: ConversationContext },
    input: {} as ConversationContext,
    events: {} as ConversationEvent,
  },
  guards: {
    answeredInAnotherLanguage: ({ context }) => context.record.answeredInAnotherLanguage,
    hasQuestionsLeft: ({ context }) => context.record.questionsLeft > 0,
  },
  actions: {
    followUp: ({ context }) => context.record.followUp(),
    showImpatience: ({ context }) => context.record.showImpatience(),
    takeAnswer: ({ context }) => context.record.takeAnswer(),
    askForTheirLanguage: ({ context }) => context.record.askForTheirLanguage(),
    askNextQuestion: ({ context }) => context.record.askNextQuestion(),
    thank: ({ context }) => context.record.thank(),
    sayGoodbye: ({ context }) => context.record.sayGoodbye(),
    leaveSatisfied: ({ context }) => context.record.leave('satisfied'),
    leaveUnanswered: ({ context }) => context.record.leave('unanswered'),
    operatorLeft: ({ context }) => context.record.leave('operator-left'),
    chatEnded: ({ context }) => context.record.leave('ended'),
  },
  // One wait, drawn by the action that starts it; named after what the visitor waits for.
  delays: {
    FOLLOW_UP: drawnWait,
    IMPATIENCE: drawnWait,
    PATIENCE: drawnWait,
    READING: drawnWait,
    GOODBYE: drawnWait,
  },
}).createMachine({
  id: 'conversation',
  // XState copies the context object; the record is shared by reference with the session.
  context: ({ input }) => ({ record: input }),
  initial: 'asking',
  on: {
    'operator.left': '.operatorLeft',
    'chat.ended': '.ended',
  },
  states: {
    /** A visitor question waits for an answer; the opening one arrives with the assignment. */
    asking: {
      initial: 'waiting',
      on: { 'operator.replied': { target: 'reading', actions: 'takeAnswer' } },
      states: {
        waiting: { after: { FOLLOW_UP: { target: 'followedUp', actions: 'followUp' } } },
        followedUp: { after: { IMPATIENCE: { target: 'impatient', actions: 'showImpatience' } } },
        impatient: { after: { PATIENCE: '#conversation.unanswered' } },
      },
    },
    /** Answered: the visitor reads, then asks for their language, asks again, or thanks. */
    reading: {
      after: {
        READING: [
          { guard: 'answeredInAnotherLanguage', target: 'asking', actions: 'askForTheirLanguage' },
          { guard: 'hasQuestionsLeft', target: 'asking', actions: 'askNextQuestion' },
          { target: 'thanking', actions: 'thank' },
        ],
      },
    },
    thanking: { after: { GOODBYE: { target: 'satisfied', actions: 'sayGoodbye' } } },
    satisfied: { type: 'final', entry: 'leaveSatisfied' },
    unanswered: { type: 'final', entry: 'leaveUnanswered' },
    operatorLeft: { type: 'final', entry: 'operatorLeft' },
    ended: { type: 'final', entry: 'chatEnded' },
  },
});
