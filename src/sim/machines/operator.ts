/**
 * The operator: presence (online / away / offline), being at the keyboard or on a break, and the
 * inactivity timer.
 *
 * Odoo's guide: "Operators that do not show any activity in Odoo for more than thirty minutes are
 * considered disconnected, and subsequently removed from the channel" (effect `remove`).
 * Odoo's code (bus presence AWAY_TIMER = 1800 s): their presence becomes `away`; they stay a member
 * but are not assigned (effect `away`). Either way, until the timer fires an absent operator is
 * still "online" to Odoo and can be assigned chats that nobody answers.
 *
 * Handling a chat is activity: an operator who starts a break while chats are in progress is
 * `finishing` them, and the inactivity timer starts when the last one ends.
 */
import { setup } from 'xstate';

export interface OperatorHost {
  logStatus(o: OperatorContext, status: 'online' | 'away' | 'offline'): void;
  logBreakStarted(o: OperatorContext): void;
  logBreakEnded(o: OperatorContext): void;
  /** Joins a channel (Join button, or back after an inactivity removal). */
  join(o: OperatorContext, channel: string, reason: 'join' | 'return'): void;
  /** Leaves a channel (Leave button, or removed for inactivity). */
  leave(o: OperatorContext, channel: string, reason: 'leave' | 'inactivity'): void;
  /** Back at the keyboard: chats waiting for them start; the channels' queues may move. */
  atKeyboard(o: OperatorContext): void;
  /** The inactivity timer (re)starts now. */
  inactivityTimerStarted(o: OperatorContext): void;
  /** Presence became `online` again: they are assignable. */
  available(o: OperatorContext): void;
}

export interface OperatorContext {
  host: OperatorHost;
  trainee: boolean;
  inactivityEffect: 'remove' | 'away';
  inactivityTimeoutSeconds: number;
  /** Chats the operator is actually conducting (started, not ended). */
  chatsInProgress: number;
  /** Current channel memberships, in scenario order. */
  channels: string[];
  /** Channels left because of inactivity, rejoined on return (the guide's removal). */
  removedFrom: string[];
}

export type OperatorEvent =
  | { type: 'operator.break.started' }
  | { type: 'operator.break.ended' }
  /** Mouse or keyboard activity of a trainee. */
  | { type: 'operator.activity' }
  /** One of the chats in progress ended. */
  | { type: 'operator.chat.ended' }
  | { type: 'operator.join'; channel: string }
  | { type: 'operator.leave'; channel: string };

export const operatorMachine = setup({
  types: {
    context: {} as { record: OperatorContext },
    input: {} as OperatorContext,
    events: {} as OperatorEvent,
  },
  guards: {
    isTrainee: ({ context }) => context.record.trainee,
    hasChatsInProgress: ({ context }) => context.record.chatsInProgress > 0,
    noChatInProgress: ({ context }) => context.record.chatsInProgress === 0,
    effectIsAway: ({ context }) => context.record.inactivityEffect === 'away',
    notMember: ({ context, event }) =>
      event.type === 'operator.join' && !context.record.channels.includes(event.channel),
    isMember: ({ context, event }) =>
      event.type === 'operator.leave' && context.record.channels.includes(event.channel),
  },
  actions: {
    logOnline: ({ context }) => context.record.host.logStatus(context.record, 'online'),
    logAway: ({ context }) => context.record.host.logStatus(context.record, 'away'),
    logOffline: ({ context }) => context.record.host.logStatus(context.record, 'offline'),
    logBreakStarted: ({ context }) => context.record.host.logBreakStarted(context.record),
    logBreakEnded: ({ context }) => context.record.host.logBreakEnded(context.record),
    join: ({ context, event }) => {
      if (event.type === 'operator.join')
        context.record.host.join(context.record, event.channel, 'join');
    },
    leave: ({ context, event }) => {
      if (event.type === 'operator.leave')
        context.record.host.leave(context.record, event.channel, 'leave');
    },
    removeFromChannels: ({ context }) => {
      context.record.removedFrom = context.record.channels.slice();
      for (const channel of context.record.removedFrom)
        context.record.host.leave(context.record, channel, 'inactivity');
    },
    rejoinChannels: ({ context }) => {
      const channels = context.record.removedFrom;
      context.record.removedFrom = [];
      for (const channel of channels) context.record.host.join(context.record, channel, 'return');
    },
    backAtKeyboard: ({ context }) => context.record.host.atKeyboard(context.record),
    becameAvailable: ({ context }) => context.record.host.available(context.record),
    startInactivityTimer: ({ context }) =>
      context.record.host.inactivityTimerStarted(context.record),
  },
  delays: {
    INACTIVITY: ({ context }) => context.record.inactivityTimeoutSeconds * 1000,
  },
}).createMachine({
  id: 'operator',
  // XState copies the context object; the record is shared by reference with the world.
  context: ({ input }) => ({ record: input }),
  initial: 'starting',
  // Membership does not depend on presence: Join and Leave work in every state.
  on: {
    'operator.join': { guard: 'notMember', actions: 'join' },
    'operator.leave': { guard: 'isMember', actions: 'leave' },
  },
  states: {
    starting: {
      always: [{ guard: 'isTrainee', target: 'online.idle' }, { target: 'online.working' }],
    },
    online: {
      initial: 'working',
      entry: ['logOnline', 'becameAvailable'],
      states: {
        /** At the keyboard (a simulated operator between breaks). */
        working: {
          entry: ['rejoinChannels', 'backAtKeyboard'],
          on: {
            'operator.break.started': [
              { guard: 'hasChatsInProgress', target: 'finishing', actions: 'logBreakStarted' },
              { target: 'idle', actions: 'logBreakStarted' },
            ],
          },
        },
        /** On a break but still finishing the chats in progress: that is activity. */
        finishing: {
          on: {
            'operator.chat.ended': { guard: 'noChatInProgress', target: 'idle' },
            'operator.break.ended': { target: 'working', actions: 'logBreakEnded' },
          },
        },
        /** No activity: the inactivity timer runs. A trainee's activity restarts it. */
        idle: {
          entry: 'startInactivityTimer',
          after: {
            INACTIVITY: [
              { guard: 'effectIsAway', target: '#operator.away' },
              { target: '#operator.disconnected' },
            ],
          },
          on: {
            'operator.break.ended': { target: 'working', actions: 'logBreakEnded' },
            'operator.activity': { target: 'idle', reenter: true },
          },
        },
      },
    },
    /** Odoo's code: presence `away`, still a member, not assignable. */
    away: {
      entry: 'logAway',
      on: {
        'operator.break.ended': { target: 'online.working', actions: 'logBreakEnded' },
        'operator.activity': 'online.idle',
      },
    },
    /** The guide: disconnected and removed from the channels. A trainee must Join again. */
    disconnected: {
      entry: ['logOffline', 'removeFromChannels'],
      on: {
        'operator.break.ended': { target: 'online.working', actions: 'logBreakEnded' },
        'operator.activity': 'online.idle',
      },
    },
  },
});
