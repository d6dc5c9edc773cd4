/**
 * The view: a plain snapshot of the world for the page and the practice session (who is online,
 * members, queues, sessions, machine states). Built on demand from the books and the machines;
 * nothing is kept for it between calls.
 */
import type { Books } from './books.ts';
import type { Runtimes } from './hosts.ts';
import type { OperatorRecord, VisitorRecord } from './records.ts';
import type { WorldView } from './types.ts';

export function buildView(t: number, books: Books, rt: Runtimes): WorldView {
  return {
    t,
    operators: books.operators.map((op) => {
      const state = rt.operator.stateOf(op.instance);
      const timer = state === 'online.idle' ? inactivityDeadline(op) : null;
      return {
        id: op.id,
        name: op.name,
        chatName: op.chatName,
        lang: op.lang,
        extraLanguages: op.extraLanguages.slice(),
        status: op.status,
        state,
        onBreak: op.onBreak,
        channels: op.channels.slice(),
        load: op.load,
        sessions: [...op.open].map((v) => ({
          visitor: v.id,
          channel: v.channel.id,
          started: v.started,
        })),
        inactivityDeadline: timer,
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

function inactivityDeadline(op: OperatorRecord): number {
  return op.idleSince + op.inactivityTimeoutSeconds;
}
