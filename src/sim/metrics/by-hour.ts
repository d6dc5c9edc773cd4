/**
 * Staffing by hour: per hour of the scenario's clock (weekday and hour of the day), what came in,
 * how it was answered, who was on shift and how many operators the hour needed.
 *
 * - `arrivals`: visitors who arrived in that hour;
 * - `answeredWithinTarget`: of them, the share whose chat started (an operator at the keyboard took
 *   it) within `serviceLevelSeconds` of arrival; null for an hour with no arrival;
 * - `meanWaitSeconds`: arrival → assignment over those of them who were served (as in the summary);
 * - `onShift`: operators on shift, averaged over the hour (an operator without shifts counts as on
 *   shift all the time; breaks do not take anyone off shift);
 * - `neededErlang`: the operators the hour needs to answer SERVICE_LEVEL_TARGET of its visitors
 *   within `serviceLevelSeconds`, from its expected arrivals (the profile, the rate or the trace)
 *   and each stream's mean chat length: Erlang A when visitors have patience, else Erlang C, per
 *   channel with `maxSessions` sessions per operator, summed over channels (analytic.ts).
 *
 * A run longer than a week meets the same weekday and hour more than once: each row then averages
 * over its occurrences (counts per occurrence, shares over all of its visitors).
 */
import { distMeanSeconds, operatorsNeeded } from '../analytic.ts';
import type { SimEvent } from '../events.ts';
import { WEEKDAYS, type Scenario, type Weekday } from '../scenario/types.ts';
import { shiftOccurrences, startOffsetSeconds, WEEK_SECONDS } from '../scenario/week.ts';
import { expectedArrivals } from '../traffic.ts';

export interface HourRow {
  /** Hour of the day, 0–23 (the hour from `hour`:00 to `hour`:59). */
  hour: number;
  weekday: Weekday;
  arrivals: number;
  answeredWithinTarget: number | null;
  meanWaitSeconds: number | null;
  onShift: number;
  neededErlang: number;
}

export interface ByHourReducer {
  add(e: SimEvent): void;
  result(): HourRow[];
}

/** Times are rounded to the millisecond; a wait of exactly the threshold counts as within it. */
const EPSILON = 1e-6;

interface Slot {
  hourOfWeek: number;
  /** The simulated seconds of each occurrence in the run: [start, end) clipped to the run. */
  spans: [number, number][];
  arrivals: number;
  within: number;
  served: number;
  waitSum: number;
}

/** Each hour of the week the run covers, in the order the run meets them. */
function slotsOf(scenario: Scenario): {
  offset: number;
  slots: Slot[];
  byHourOfWeek: Map<number, Slot>;
} {
  const offset = startOffsetSeconds(scenario.startsAt);
  const horizon = scenario.durationMinutes * 60;
  const slots: Slot[] = [];
  const byHourOfWeek = new Map<number, Slot>();
  for (let t = 0; t < horizon;) {
    const abs = Math.floor((offset + t) / 3600);
    const end = Math.min(horizon, (abs + 1) * 3600 - offset);
    const how = abs % (WEEK_SECONDS / 3600);
    let slot = byHourOfWeek.get(how);
    if (!slot) {
      slot = { hourOfWeek: how, spans: [], arrivals: 0, within: 0, served: 0, waitSum: 0 };
      byHourOfWeek.set(how, slot);
      slots.push(slot);
    }
    slot.spans.push([t, end]);
    t = end;
  }
  return { offset, slots, byHourOfWeek };
}

/** Operators on shift during [from, to), summed over operators, as operator-seconds. */
function onShiftSeconds(scenario: Scenario, offset: number, from: number, to: number): number {
  let sum = 0;
  for (const op of scenario.operators) {
    const a = op.activity;
    if (a.kind !== 'shifts') {
      sum += to - from;
      continue;
    }
    for (const o of shiftOccurrences(a.shifts, a.breaks, offset, from, to))
      sum += Math.max(0, Math.min(to, o.end) - Math.max(from, o.start));
  }
  return sum;
}

/** Operators needed for the visitors expected during [from, to) (see the file's comment). */
function neededDuring(scenario: Scenario, from: number, to: number): number {
  let needed = 0;
  for (const ch of scenario.channels) {
    let arrivals = 0;
    let chatSum = 0;
    let patienceSum = 0;
    let allPatient = true;
    for (const s of scenario.visitors) {
      if (s.channel !== ch.id) continue;
      const n = expectedArrivals(scenario, s, from, to);
      if (n <= 0) continue;
      arrivals += n;
      chatSum += n * distMeanSeconds(s.chatMinutes);
      if (s.patienceMinutes) patienceSum += n * distMeanSeconds(s.patienceMinutes);
      else allPatient = false;
    }
    if (arrivals <= 0) continue;
    const meanChat = chatSum / arrivals;
    if (!(meanChat > 0)) continue;
    needed += operatorsNeeded({
      arrivalRate: arrivals / (to - from),
      meanChatSeconds: meanChat,
      meanPatienceSeconds: allPatient && patienceSum > 0 ? patienceSum / arrivals : null,
      maxSessions: ch.maxSessions,
      serviceLevelSeconds: scenario.serviceLevelSeconds,
    });
  }
  return needed;
}

export function createByHour(scenario: Scenario): ByHourReducer {
  const { offset, slots, byHourOfWeek } = slotsOf(scenario);
  const target = scenario.serviceLevelSeconds;
  /** Visitors in flight: their slot and arrival time, until their chat starts or they leave. */
  const visitors = new Map<string, { slot: Slot; at: number; assigned: boolean }>();
  const slotAt = (t: number) =>
    byHourOfWeek.get(Math.floor((offset + t) / 3600) % (WEEK_SECONDS / 3600));

  return {
    add(e: SimEvent): void {
      switch (e.type) {
        case 'visitor.arrived': {
          const slot = slotAt(e.t);
          if (!slot) return; // after the run's duration: no row (arrivals never are)
          slot.arrivals++;
          visitors.set(e.visitor, { slot, at: e.t, assigned: false });
          break;
        }
        case 'visitor.assigned': {
          const v = visitors.get(e.visitor);
          if (!v || v.assigned) return;
          v.assigned = true;
          v.slot.served++;
          v.slot.waitSum += e.t - v.at;
          break;
        }
        case 'chat.started': {
          const v = visitors.get(e.visitor);
          if (!v) return;
          if (e.t - v.at <= target + EPSILON) v.slot.within++;
          visitors.delete(e.visitor);
          break;
        }
        case 'visitor.unavailable':
        case 'visitor.abandoned':
        case 'visitor.unanswered':
          visitors.delete(e.visitor);
          break;
      }
    },
    result(): HourRow[] {
      return slots.map((slot) => {
        const n = slot.spans.length;
        let shiftSeconds = 0;
        let seconds = 0;
        let needed = 0;
        for (const [from, to] of slot.spans) {
          shiftSeconds += onShiftSeconds(scenario, offset, from, to);
          seconds += to - from;
          needed += neededDuring(scenario, from, to);
        }
        const round = (x: number) => Math.round(x * 1000) / 1000;
        return {
          hour: slot.hourOfWeek % 24,
          weekday: WEEKDAYS[Math.floor(slot.hourOfWeek / 24)],
          arrivals: round(slot.arrivals / n),
          answeredWithinTarget: slot.arrivals > 0 ? round(slot.within / slot.arrivals) : null,
          meanWaitSeconds: slot.served > 0 ? round(slot.waitSum / slot.served) : null,
          onShift: seconds > 0 ? round(shiftSeconds / seconds) : 0,
          neededErlang: round(needed / n),
        };
      });
    },
  };
}
