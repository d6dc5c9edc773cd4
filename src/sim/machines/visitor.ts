/**
 * The visitor: arrived → waiting → chatting → ended, or abandoned, unanswered or unavailable.
 *
 * The machine is the single definition of a visitor's behaviour. Its context is the visitor's
 * record in the world; actions only log and notify the world (`host`), which does any cross-actor
 * work afterwards, so the same machine runs identically as an XState actor or compiled.
 */
import { setup } from 'xstate';

/** What a visitor needs from the world. Notifications may only record work to do later. */
export interface VisitorHost {
  /** Current simulated seconds. */
  time(): number;
  logArrived(v: VisitorContext): void;
  logQueued(v: VisitorContext, position: number): void;
  logAssigned(v: VisitorContext, assignment: Assignment): void;
  logUnavailable(v: VisitorContext): void;
  logAbandoned(v: VisitorContext, reason: 'patience' | 'run-ended'): void;
  logUnanswered(v: VisitorContext): void;
  logChatStarted(v: VisitorContext): void;
  logChatEnded(v: VisitorContext): void;
  /** The session is over: free the operator's capacity (and let queued visitors in). */
  sessionClosed(v: VisitorContext): void;
  /** The visitor gave up while queued: take them out of the channel's queue. */
  leftQueue(v: VisitorContext): void;
}

export interface VisitorContext {
  host: VisitorHost;
  /** Simulated seconds. */
  arrivedAt: number;
  /** Seconds of patience from arrival; Infinity = waits as long as it takes. */
  patienceSeconds: number;
  /** Seconds from the operator being at the keyboard to the end of the chat. */
  chatSeconds: number;
  /**
   * The operator is a human trainee: the conversation lasts until they or the visitor close it
   * (`chat.close`), not for `chatSeconds`.
   */
  humanOperator: boolean;
}

/** The policy's decision, carried by `visitor.assigned`. */
export interface Assignment {
  operator: string;
  /** Whether the operator is at the keyboard now; if not the visitor waits for their return. */
  atKeyboard: boolean;
  reason: unknown;
}

export type VisitorEvent =
  | ({ type: 'visitor.assigned' } & Assignment)
  | { type: 'visitor.queued'; position: number }
  | { type: 'visitor.unavailable' }
  /** The absent operator is back at the keyboard. */
  | { type: 'operator.returned' }
  /** The operator (a trainee) closed the conversation. */
  | { type: 'chat.close' }
  /** The run is over and nothing can ever serve this visitor. */
  | { type: 'run.ended' };

const toMs = (seconds: number) => seconds * 1000;

export const visitorMachine = setup({
  types: {
    context: {} as { record: VisitorContext },
    input: {} as VisitorContext,
    events: {} as VisitorEvent,
  },
  guards: {
    operatorAtKeyboard: ({ event }) => event.type === 'visitor.assigned' && event.atKeyboard,
  },
  actions: {
    logArrived: ({ context }) => context.record.host.logArrived(context.record),
    logQueued: ({ context, event }) =>
      context.record.host.logQueued(
        context.record,
        event.type === 'visitor.queued' ? event.position : 0,
      ),
    logAssigned: ({ context, event }) => {
      if (event.type === 'visitor.assigned') context.record.host.logAssigned(context.record, event);
    },
    logUnavailable: ({ context }) => context.record.host.logUnavailable(context.record),
    logAbandoned: ({ context, event }) =>
      context.record.host.logAbandoned(
        context.record,
        event.type === 'run.ended' ? 'run-ended' : 'patience',
      ),
    logUnanswered: ({ context }) => context.record.host.logUnanswered(context.record),
    logChatStarted: ({ context }) => context.record.host.logChatStarted(context.record),
    logChatEnded: ({ context }) => context.record.host.logChatEnded(context.record),
    closeSession: ({ context }) => context.record.host.sessionClosed(context.record),
    leaveQueue: ({ context }) => context.record.host.leftQueue(context.record),
  },
  delays: {
    // Patience counts from arrival, whatever the visitor waits for (the queue or an absent operator).
    PATIENCE: ({ context }) =>
      toMs(
        Math.max(
          0,
          context.record.arrivedAt + context.record.patienceSeconds - context.record.host.time(),
        ),
      ),
    CHAT: ({ context }) =>
      context.record.humanOperator ? Infinity : toMs(context.record.chatSeconds),
  },
}).createMachine({
  id: 'visitor',
  // XState copies the context object; the record is shared by reference with the world.
  context: ({ input }) => ({ record: input }),
  initial: 'arrived',
  states: {
    arrived: {
      entry: 'logArrived',
      on: {
        'visitor.assigned': [
          { guard: 'operatorAtKeyboard', target: 'chatting', actions: 'logAssigned' },
          { target: 'waiting.forOperator', actions: 'logAssigned' },
        ],
        'visitor.queued': { target: 'waiting.inQueue', actions: 'logQueued' },
        'visitor.unavailable': 'unavailable',
      },
    },
    waiting: {
      initial: 'inQueue',
      states: {
        /** In the channel's queue (the `queue` what-if; Odoo has no queue). */
        inQueue: {
          after: { PATIENCE: '#visitor.abandoned' },
          on: {
            'visitor.assigned': [
              { guard: 'operatorAtKeyboard', target: '#visitor.chatting', actions: 'logAssigned' },
              { target: 'forOperator', actions: 'logAssigned' },
            ],
            'run.ended': '#visitor.abandoned',
          },
        },
        /** Assigned to an operator who is away from the keyboard: nobody answers yet. */
        forOperator: {
          after: { PATIENCE: '#visitor.unanswered' },
          on: {
            'operator.returned': '#visitor.chatting',
            'chat.close': '#visitor.ended',
            'run.ended': '#visitor.unanswered',
          },
        },
      },
    },
    chatting: {
      entry: 'logChatStarted',
      after: { CHAT: 'ended' },
      // run.ended: a trainee's conversation still open when a run without a human ends.
      on: { 'chat.close': 'ended', 'run.ended': 'ended' },
    },
    ended: { type: 'final', entry: ['logChatEnded', 'closeSession'] },
    abandoned: { type: 'final', entry: ['logAbandoned', 'leaveQueue'] },
    unanswered: { type: 'final', entry: ['logUnanswered', 'logChatEnded', 'closeSession'] },
    unavailable: { type: 'final', entry: 'logUnavailable' },
  },
});
