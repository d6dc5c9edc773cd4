/**
 * Per-operator Gantt segments for the trainer page's timeline: sessions, breaks, time not online, and
 * time out of a channel (removed for inactivity, or Leave). Unlike the summary this keeps one record
 * per session, so it is meant for runs a person will look at, not for the million-visitor bench.
 *
 * Segments still going on when `result()` is read end at the current end of the run and say `open`.
 */

import type { LeaveReason, OperatorStatus, SimEvent } from '../events.ts';
import type { Scenario } from '../scenario/types.ts';

interface Segment {
  start: number;
  end: number;
  /** Still going on at the end of what has been read. */
  open: boolean;
}

export interface SessionSegment extends Segment {
  visitor: string;
  channel: string;
  /** When the operator was at the keyboard, or null if never (unanswered, or not yet). */
  startedAt: number | null;
  unanswered: boolean;
}

export interface StatusSegment extends Segment {
  status: Exclude<OperatorStatus, 'online'>;
}

export interface AbsenceSegment extends Segment {
  channel: string;
  reason: LeaveReason;
}

export interface OperatorTimeline {
  id: string;
  sessions: SessionSegment[];
  breaks: Segment[];
  /** Periods when presence was away or offline. */
  statuses: StatusSegment[];
  /** Periods out of a channel after leaving it. */
  absences: AbsenceSegment[];
}

export interface Timeline {
  end: number;
  operators: OperatorTimeline[];
}

export interface TimelineReducer {
  add(e: SimEvent): void;
  result(): Timeline;
}

interface Open<T> {
  seg: T;
}

export function createTimeline(scenario: Scenario): TimelineReducer {
  const operators = new Map<string, OperatorTimeline>();
  for (const o of scenario.operators) operators.set(o.id, empty(o.id));
  const sessions = new Map<string, SessionSegment>();
  const breaks = new Map<string, Open<Segment>>();
  const statuses = new Map<string, Open<StatusSegment>>();
  const absences = new Map<string, AbsenceSegment>(); // key: operator \u0000 channel
  let lastT = 0;

  function empty(id: string): OperatorTimeline {
    return { id, sessions: [], breaks: [], statuses: [], absences: [] };
  }

  function op(id: string): OperatorTimeline {
    let o = operators.get(id);
    if (!o) {
      o = empty(id);
      operators.set(id, o);
    }
    return o;
  }

  function add(e: SimEvent): void {
    lastT = e.t;
    switch (e.type) {
      case 'visitor.assigned': {
        const seg: SessionSegment = {
          visitor: e.visitor,
          channel: e.channel,
          start: e.t,
          end: e.t,
          open: true,
          startedAt: null,
          unanswered: false,
        };
        op(e.operator).sessions.push(seg);
        sessions.set(e.visitor, seg);
        return;
      }
      case 'chat.started': {
        const s = sessions.get(e.visitor);
        if (s) s.startedAt = e.t;
        return;
      }
      case 'visitor.unanswered': {
        const s = sessions.get(e.visitor);
        if (s) s.unanswered = true;
        return;
      }
      case 'chat.ended': {
        const s = sessions.get(e.visitor);
        if (s) {
          s.end = e.t;
          s.open = false;
          sessions.delete(e.visitor);
        }
        return;
      }
      case 'operator.break.started': {
        if (breaks.has(e.operator)) return;
        const seg: Segment = { start: e.t, end: e.t, open: true };
        op(e.operator).breaks.push(seg);
        breaks.set(e.operator, { seg });
        return;
      }
      case 'operator.break.ended': {
        const b = breaks.get(e.operator);
        if (b) {
          b.seg.end = e.t;
          b.seg.open = false;
          breaks.delete(e.operator);
        }
        return;
      }
      case 'operator.status': {
        const current = statuses.get(e.operator);
        if (current && current.seg.status === e.status) return;
        if (current) {
          current.seg.end = e.t;
          current.seg.open = false;
          statuses.delete(e.operator);
        }
        if (e.status !== 'online') {
          const seg: StatusSegment = { status: e.status, start: e.t, end: e.t, open: true };
          op(e.operator).statuses.push(seg);
          statuses.set(e.operator, { seg });
        }
        return;
      }
      case 'operator.left': {
        const key = `${e.operator}\u0000${e.channel}`;
        if (absences.has(key)) return;
        const seg: AbsenceSegment = {
          channel: e.channel,
          reason: e.reason,
          start: e.t,
          end: e.t,
          open: true,
        };
        op(e.operator).absences.push(seg);
        absences.set(key, seg);
        return;
      }
      case 'operator.joined': {
        const key = `${e.operator}\u0000${e.channel}`;
        const seg = absences.get(key);
        if (seg) {
          seg.end = e.t;
          seg.open = false;
          absences.delete(key);
        }
        return;
      }
      default:
        return;
    }
  }

  function result(): Timeline {
    const end = Math.max(lastT, scenario.durationMinutes * 60);
    const close = <T extends Segment>(s: T): T => (s.open ? { ...s, end } : { ...s });
    return {
      end,
      operators: [...operators.values()].map((o) => ({
        id: o.id,
        sessions: o.sessions.map(close),
        breaks: o.breaks.map(close),
        statuses: o.statuses.map(close),
        absences: o.absences.map(close),
      })),
    };
  }

  return { add, result };
}
