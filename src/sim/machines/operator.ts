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
 *
 * Shifts (issue 8): an operator who works shifts is `offShift` (offline, in no channel) between
 * them. At a shift's start they join their channels and come online; at its end they leave their
 * channels at once (no new visitor), finish the chats in progress (`online.shiftEnding`), then go
 * offline. A shift's breaks end within it (the validator sees to it), so a shift ends while the
 * operator is at work, never away or disconnected.
 *
 * What the world asks about an operator is read from this machine, never kept beside it: the
 * state tags (`assignable`: presence online, Odoo may assign; `atKeyboard`: a chat assigned now
 * starts at once; `onBreak`; `away` / `offline`: the presence when not assignable) and the pending
 * INACTIVITY timer (when it fires). Change them here and the engine follows.
 */
import { setup } from 'xstate';

/**
 * The inside of a state a simulated operator is in only during a break (idle, away,
 * disconnected), and a trainee only for their own inactivity: told apart on entry, so that the
 * tags say which. `trainee` is the trainee's substate.
 */
const onBreakOrTrainee = <T extends object>(trainee: T) =>
  ({
    initial: 'onBreak',
    states: {
      onBreak: { tags: ['onBreak'], always: { guard: 'isTrainee', target: 'trainee' } },
      trainee,
    },
  }) as const;

export interface OperatorHost {
  logStatus(o: OperatorContext, status: 'online' | 'away' | 'offline'): void;
  logBreakStarted(o: OperatorContext): void;
  logBreakEnded(o: OperatorContext): void;
  /** Joins a channel (Join button, back after an inactivity removal, or a shift starts). */
  join(o: OperatorContext, channel: string, reason: 'join' | 'return' | 'shift'): void;
  /** Leaves a channel (Leave button, removed for inactivity, or a shift ends). */
  leave(o: OperatorContext, channel: string, reason: 'leave' | 'inactivity' | 'shift'): void;
  /** Back at the keyboard: chats waiting for them start; the channels' queues may move. */
  atKeyboard(o: OperatorContext): void;
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
  /** The channels a shift operator joins at each shift's start; null for an operator without shifts. */
  shiftChannels: string[] | null;
  /** A shift operator whose shift is in progress at time 0 (else they start off shift). */
  onShiftAtStart: boolean;
}

export type OperatorEvent =
  | { type: 'operator.break.started' }
  | { type: 'operator.break.ended' }
  /** Mouse or keyboard activity of a trainee. */
  | { type: 'operator.activity' }
  /** One of the chats in progress ended. */
  | { type: 'operator.chat.ended' }
  | { type: 'operator.join'; channel: string }
  | { type: 'operator.leave'; channel: string }
  | { type: 'operator.shift.started' }
  | { type: 'operator.shift.ended' };

export const operatorMachine = setup({
  types: {
    context: {} as { record: OperatorContext },
    input: {} as OperatorContext,
    events: {} as OperatorEvent,
  },
  guards: {
    isTrainee: ({ context }) => context.record.trainee,
    offShiftAtStart: ({ context }) =>
      context.record.shiftChannels !== null && !context.record.onShiftAtStart,
    onShiftAtStart: ({ context }) =>
      context.record.shiftChannels !== null && context.record.onShiftAtStart,
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
    joinForShift: ({ context }) => {
      for (const channel of context.record.shiftChannels ?? [])
        context.record.host.join(context.record, channel, 'shift');
    },
    leaveForShift: ({ context }) => {
      for (const channel of context.record.channels.slice())
        context.record.host.leave(context.record, channel, 'shift');
    },
    backAtKeyboard: ({ context }) => context.record.host.atKeyboard(context.record),
    becameAvailable: ({ context }) => context.record.host.available(context.record),
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
      always: [
        { guard: 'isTrainee', target: 'online.idle' },
        { guard: 'offShiftAtStart', target: 'offShift' },
        { guard: 'onShiftAtStart', target: 'online.working', actions: 'joinForShift' },
        { target: 'online.working' },
      ],
    },
    online: {
      tags: ['assignable'],
      initial: 'working',
      entry: ['logOnline', 'becameAvailable'],
      on: { 'operator.shift.ended': '.shiftEnding' },
      states: {
        /** At the keyboard (a simulated operator between breaks). */
        working: {
          tags: ['atKeyboard'],
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
          tags: ['onBreak'],
          on: {
            'operator.chat.ended': { guard: 'noChatInProgress', target: 'idle' },
            'operator.break.ended': { target: 'working', actions: 'logBreakEnded' },
          },
        },
        /** No activity: the inactivity timer runs. A trainee's activity restarts it. */
        idle: {
          // The trainee sits at the keyboard; only their own activity counts.
          ...onBreakOrTrainee({ tags: ['atKeyboard'] }),
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
        /** The shift is over: out of every channel, finishing the chats in progress. */
        shiftEnding: {
          entry: 'leaveForShift',
          always: { guard: 'noChatInProgress', target: '#operator.offShift' },
          on: {
            'operator.chat.ended': { guard: 'noChatInProgress', target: '#operator.offShift' },
            // Back for the next shift before the last chat ended: still online, joins again.
            'operator.shift.started': { target: 'working', actions: 'joinForShift' },
          },
        },
      },
    },
    /** Between shifts: offline and in no channel, so never assigned. */
    offShift: {
      tags: ['offline'],
      entry: 'logOffline',
      on: {
        'operator.shift.started': { target: 'online.working', actions: 'joinForShift' },
      },
    },
    /** Odoo's code: presence `away`, still a member, not assignable. */
    away: {
      tags: ['away'],
      ...onBreakOrTrainee({}),
      entry: 'logAway',
      on: {
        'operator.break.ended': { target: 'online.working', actions: 'logBreakEnded' },
        'operator.activity': 'online.idle',
      },
    },
    /** The guide: disconnected and removed from the channels. A trainee must Join again. */
    disconnected: {
      tags: ['offline'],
      ...onBreakOrTrainee({}),
      entry: ['logOffline', 'removeFromChannels'],
      on: {
        'operator.break.ended': { target: 'online.working', actions: 'logBreakEnded' },
        'operator.activity': 'online.idle',
      },
    },
  },
});
