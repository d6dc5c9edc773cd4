/**
 * The live chat channel (Odoo's im_livechat.channel): its members are kept by the world; the
 * machine tracks whether visitors are queueing (the `queue` what-if; Odoo itself has no queue).
 */
import { setup } from 'xstate';

export interface QueueEntry {
  /** Linked list: O(1) removal when a visitor in the middle abandons or is matched. */
  prev: QueueEntry | null;
  next: QueueEntry | null;
}

export interface ChannelContext {
  /** Waiting visitors, oldest first. */
  head: QueueEntry | null;
  tail: QueueEntry | null;
  queueLength: number;
}

export type ChannelEvent =
  { type: 'visitor.queued'; entry: QueueEntry } | { type: 'visitor.dequeued'; entry: QueueEntry };

export const channelMachine = setup({
  types: {
    context: {} as { record: ChannelContext },
    input: {} as ChannelContext,
    events: {} as ChannelEvent,
  },
  guards: {
    lastInQueue: ({ context }) => context.record.queueLength === 1,
  },
  actions: {
    enqueue: ({ context, event }) => {
      if (event.type !== 'visitor.queued') return;
      const e = event.entry;
      e.prev = context.record.tail;
      e.next = null;
      if (context.record.tail) context.record.tail.next = e;
      else context.record.head = e;
      context.record.tail = e;
      context.record.queueLength++;
    },
    dequeue: ({ context, event }) => {
      if (event.type !== 'visitor.dequeued') return;
      const e = event.entry;
      if (e.prev) e.prev.next = e.next;
      else context.record.head = e.next;
      if (e.next) e.next.prev = e.prev;
      else context.record.tail = e.prev;
      e.prev = e.next = null;
      context.record.queueLength--;
    },
  },
}).createMachine({
  id: 'channel',
  // XState copies the context object; the record is shared by reference with the world.
  context: ({ input }) => ({ record: input }),
  initial: 'open',
  states: {
    /** Nobody waiting. */
    open: {
      on: { 'visitor.queued': { target: 'queueing', actions: 'enqueue' } },
    },
    /** Visitors wait, oldest first, until an operator is available or their patience runs out. */
    queueing: {
      on: {
        'visitor.queued': { actions: 'enqueue' },
        'visitor.dequeued': [
          { guard: 'lastInQueue', target: 'open', actions: 'dequeue' },
          { actions: 'dequeue' },
        ],
      },
    },
  },
});
