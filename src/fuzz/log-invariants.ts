/**
 * What every event log must satisfy, whatever the scenario (issue 2 §4 and §6 "nothing lost"),
 * checked by reading the log alone: the promises a consumer (metrics, UI, storage) relies on.
 * Returns the violations as readable lines, so a failing fuzz run says what went wrong.
 */
import type { SimEvent } from '../sim/events.ts';
import { summarize } from '../sim/metrics.ts';
import { getPolicy } from '../sim/policies/index.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import {
  shiftOccurrences,
  startOffsetSeconds,
  type ShiftOccurrence,
} from '../sim/scenario/week.ts';

/** The last instant the log reaches (shifts are looked up until then). */
const logEnd = (log: readonly SimEvent[], horizon: number) =>
  Math.max(horizon, log.length > 0 ? log[log.length - 1].t : 0) + 1;

interface VisitorTrack {
  arrivedAt: number;
  channel: string;
  outcomes: string[];
  operator?: string;
  assignedAt?: number;
  started: number;
  startedAt?: number;
  unanswered: number;
  unansweredIndex?: number;
  ended: number;
  endedIndex?: number;
  /** Index of the event after which nothing may happen to this visitor. */
  finalIndex?: number;
}

export function logViolations(scenario: Scenario, log: readonly SimEvent[]): string[] {
  const out: string[] = [];
  const fail = (i: number, what: string) => {
    if (out.length < 20) out.push(`#${i} ${JSON.stringify(log[i] ?? null)}: ${what}`);
  };
  const horizon = scenario.durationMinutes * 60;
  const maxSessions = new Map(scenario.channels.map((c) => [c.id, c.maxSessions]));
  const queueMode = scenario.whenNoOperator === 'queue';

  // Shift operators (issue 8): on shift only within their shifts, off shift (offline, in no
  // channel) at t = 0 unless a shift is in progress then.
  const offset = startOffsetSeconds(scenario.startsAt);
  const shiftsOf = new Map<string, ShiftOccurrence[]>();
  for (const op of scenario.operators) {
    const a = op.activity;
    if (a.kind === 'shifts')
      shiftsOf.set(op.id, shiftOccurrences(a.shifts, a.breaks, offset, 0, logEnd(log, horizon)));
  }
  const onShiftAt = (id: string, t: number) =>
    shiftsOf.get(id)!.some((o) => o.start <= t && t < o.end);

  // t = 0: every operator online and a member of its channels, said by the log.
  for (const op of scenario.operators) {
    const atZero = log.filter((e) => e.t === 0 && 'operator' in e && e.operator === op.id);
    if (shiftsOf.has(op.id)) {
      const on = onShiftAt(op.id, 0);
      if (
        !atZero.some(
          (e) => e.type === 'operator.status' && e.status === (on ? 'online' : 'offline'),
        )
      )
        out.push(`${op.id}: no operator.status ${on ? 'online' : 'offline'} at t=0`);
      for (const ch of op.channels) {
        const joined = atZero.some(
          (e) => e.type === 'operator.joined' && e.channel === ch && e.reason === 'shift',
        );
        if (joined !== on)
          out.push(`${op.id}: ${on ? 'no' : 'an'} operator.joined ${ch} {reason: shift} at t=0`);
      }
      continue;
    }
    if (!atZero.some((e) => e.type === 'operator.status' && e.status === 'online'))
      out.push(`${op.id}: no operator.status online at t=0`);
    for (const ch of op.channels)
      if (
        !atZero.some(
          (e) => e.type === 'operator.joined' && e.channel === ch && e.reason === 'start',
        )
      )
        out.push(`${op.id}: no operator.joined ${ch} {reason: start} at t=0`);
  }

  const visitors = new Map<string, VisitorTrack>();
  // A shift operator's presence and channels come from the log, from t = 0 on.
  const status = new Map(
    scenario.operators.map((o) => [o.id, shiftsOf.has(o.id) ? 'offline' : 'online']),
  );
  const members = new Map(
    scenario.operators.map((o) => [o.id, new Set(shiftsOf.has(o.id) ? [] : o.channels)]),
  );
  /** Open sessions per `operator channel`. */
  const open = new Map<string, number>();
  /** Queue mode: the visitors waiting in each channel, oldest first. */
  const queues = new Map(scenario.channels.map((c) => [c.id, [] as string[]]));
  const unqueue = (channel: string, visitor: string) => {
    const q = queues.get(channel)!;
    const at = q.indexOf(visitor);
    if (at >= 0) q.splice(at, 1);
    return at;
  };
  let lastT = 0;

  log.forEach((e, i) => {
    if (!Number.isFinite(e.t) || e.t < 0) fail(i, 'bad t');
    if (e.t < lastT) fail(i, `t goes back from ${lastT}`);
    lastT = Math.max(lastT, e.t);
    if (e.type === 'operator.joined' && e.reason === 'start' && e.t !== 0)
      fail(i, 'joined with reason start after t=0');
    if (
      (e.type === 'operator.joined' || e.type === 'operator.left') &&
      e.reason === 'shift' &&
      !shiftsOf.has(e.operator)
    )
      fail(i, 'a shift reason for an operator without shifts');

    if (e.type === 'visitor.arrived') {
      if (visitors.has(e.visitor)) fail(i, 'arrived twice');
      if (!(e.t < horizon)) fail(i, `arrived at or after the horizon ${horizon}`);
      visitors.set(e.visitor, {
        arrivedAt: e.t,
        channel: e.channel,
        outcomes: [],
        started: 0,
        unanswered: 0,
        ended: 0,
      });
      return;
    }
    if (!('visitor' in e)) {
      if (e.type === 'operator.status') status.set(e.operator, e.status);
      else if (e.type === 'operator.joined') {
        if (members.get(e.operator)!.has(e.channel) && e.reason !== 'start')
          fail(i, 'joined a channel it is a member of');
        members.get(e.operator)!.add(e.channel);
      } else if (e.type === 'operator.left') {
        if (!members.get(e.operator)!.has(e.channel)) fail(i, 'left a channel it is not in');
        members.get(e.operator)!.delete(e.channel);
      }
      return;
    }
    const v = visitors.get(e.visitor);
    if (!v) {
      fail(i, 'event for a visitor who never arrived');
      return;
    }
    if (v.finalIndex !== undefined && !(e.type === 'chat.ended' && v.unansweredIndex === i - 1))
      fail(i, `event after the visitor's last one (#${v.finalIndex})`);
    switch (e.type) {
      case 'visitor.queued':
        if (!queueMode) fail(i, 'queued in unavailable mode');
        if (v.outcomes.length > 0) fail(i, 'queued after an outcome');
        queues.get(e.channel)!.push(e.visitor);
        if (e.position !== queues.get(e.channel)!.length)
          fail(i, `position ${e.position}, but ${queues.get(e.channel)!.length} are waiting`);
        break;
      case 'visitor.unavailable':
        if (queueMode) fail(i, 'unavailable in queue mode');
        v.outcomes.push('unavailable');
        v.finalIndex = i;
        break;
      case 'visitor.abandoned':
        if (!queueMode) fail(i, 'abandoned in unavailable mode');
        v.outcomes.push('abandoned');
        v.finalIndex = i;
        unqueue(e.channel, e.visitor);
        break;
      case 'visitor.assigned': {
        v.outcomes.push('served');
        // FIFO: without an eligibility filter, whoever can serve the oldest waiting visitor can
        // serve anyone in the channel, so nobody is served before them (new arrivals included).
        const waiting = queues.get(e.channel)!;
        if (!getPolicy(e.reason.policy).eligible && waiting.length > 0 && waiting[0] !== e.visitor)
          fail(i, `served before ${waiting[0]}, who has waited longer`);
        unqueue(e.channel, e.visitor);
        v.operator = e.operator;
        v.assignedAt = e.t;
        if (e.channel !== v.channel) fail(i, 'assigned in another channel');
        if (status.get(e.operator) !== 'online')
          fail(i, `assigned to an operator who is ${status.get(e.operator)}`);
        if (!members.get(e.operator)?.has(e.channel))
          fail(i, 'assigned to an operator who is not a member');
        if (shiftsOf.has(e.operator) && !onShiftAt(e.operator, e.t))
          fail(i, 'assigned to an operator outside their shifts');
        const key = `${e.operator} ${e.channel}`;
        const n = (open.get(key) ?? 0) + 1;
        open.set(key, n);
        const max = maxSessions.get(e.channel);
        if (max !== null && max !== undefined && n > max)
          fail(i, `${n} sessions in ${e.channel}, max ${max}`);
        if (!e.reason || !e.reason.candidates.some((c) => c.operator === e.operator))
          fail(i, 'reason does not list the chosen operator as a candidate');
        break;
      }
      case 'chat.started':
        if (v.operator !== e.operator) fail(i, 'started with another operator');
        if (v.started++ > 0) fail(i, 'started twice');
        v.startedAt = e.t;
        break;
      case 'visitor.unanswered':
        if (v.operator !== e.operator) fail(i, 'unanswered by another operator');
        if (v.started > 0) fail(i, 'unanswered after the chat started');
        v.unanswered++;
        v.unansweredIndex = i;
        v.finalIndex = i;
        break;
      case 'chat.ended': {
        if (v.operator !== e.operator) fail(i, 'ended with another operator');
        if (v.ended++ > 0) fail(i, 'ended twice');
        if (v.unansweredIndex !== undefined && v.unansweredIndex !== i - 1)
          fail(i, 'an unanswered visitor’s chat.ended does not follow visitor.unanswered');
        if (v.unansweredIndex !== undefined && log[v.unansweredIndex].t !== e.t)
          fail(i, 'unanswered and chat.ended at different instants');
        v.endedIndex = i;
        v.finalIndex = i;
        const key = `${e.operator} ${v.channel}`;
        open.set(key, (open.get(key) ?? 0) - 1);
        break;
      }
    }
  });

  for (const [id, v] of visitors) {
    if (v.outcomes.length !== 1) out.push(`${id}: outcomes ${JSON.stringify(v.outcomes)}`);
    if (v.outcomes[0] === 'served' && v.ended !== 1)
      out.push(`${id}: served, ${v.ended} chat.ended`);
    if (v.outcomes[0] !== 'served' && (v.ended || v.started || v.unanswered))
      out.push(`${id}: not served but has chat events`);
  }
  for (const [key, n] of open) if (n !== 0) out.push(`${key}: ${n} sessions open at the end`);
  for (const [channel, q] of queues) if (q.length > 0) out.push(`${channel}: ${q} still queued`);

  const s = summarize(scenario, log);
  const count = (type: SimEvent['type']) => log.filter((e) => e.type === type).length;
  const expectations: [string, number, number][] = [
    ['summary.visitors', s.visitors, visitors.size],
    ['served + abandoned + unavailable', s.served + s.abandoned + s.unavailable, s.visitors],
    ['summary.served', s.served, count('visitor.assigned')],
    ['summary.abandoned', s.abandoned, count('visitor.abandoned')],
    ['summary.unavailable', s.unavailable, count('visitor.unavailable')],
    ['summary.unanswered', s.unanswered, count('visitor.unanswered')],
    ['summary.waiting', s.waiting, 0],
    ['summary.events', s.events, log.length],
    ['sum of operator sessions', s.operators.reduce((a, o) => a + o.sessions, 0), s.served],
  ];
  for (const [what, got, want] of expectations)
    if (got !== want) out.push(`${what}: ${got}, expected ${want}`);
  return out;
}
