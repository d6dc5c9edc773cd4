/**
 * The view: a plain snapshot of the world for the page and the practice session (who is online,
 * members, queues, sessions, machine states). Built on demand from the books and the machines;
 * nothing is kept for it between calls.
 */
import type { Books } from './books.ts';
import type { Runtimes } from './hosts.ts';
import { presenceOf, type VisitorRecord } from './records.ts';
import type { WorldView } from './types.ts';

export function buildView(t: number, books: Books, rt: Runtimes): WorldView {
  return {
    t,
    operators: books.operators.map((op) => {
      const state = rt.operator.stateOf(op.instance);
      return {
        id: op.id,
        name: op.name,
        chatName: op.chatName,
        lang: op.lang,
        extraLanguages: op.extraLanguages.slice(),
        status: presenceOf(rt.operator, op),
        state,
        onBreak: rt.operator.hasTag(op.instance, 'onBreak'),
        channels: op.channels.slice(),
        load: op.load,
        sessions: op.open.map((v) => ({
          visitor: v.id,
          channel: v.channel.id,
          started: v.started,
        })),
        inactivityDeadline: rt.operator.timerTime(op.instance, 'INACTIVITY'),
      };
    }),
    channels: books.channels.map((ch) => {
      const queue: WorldView['channels'][number]['queue'] = [];
      for (let e = ch.head as VisitorRecord | null; e; e = e.next as VisitorRecord | null)
        queue.push({ visitor: e.id, lang: e.lang, arrivedAt: e.arrivedAt });
      return {
        id: ch.id,
        name: ch.name,
        maxSessions: ch.maxSessions,
        state: rt.channel.stateOf(ch.instance),
        members: ch.members.map((m) => m.id),
        queue,
      };
    }),
    visitors: books.inArrivalOrder().map((v) => ({
      id: v.id,
      channel: v.channel.id,
      lang: v.lang,
      state: rt.visitor.stateOf(v.instance),
      arrivedAt: v.arrivedAt,
      ...(v.operator ? { operator: v.operator.id } : {}),
    })),
  };
}
