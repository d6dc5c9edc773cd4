/**
 * The week a scenario's clock runs on: weekdays, "HH:MM" times of day, where time 0 falls in the
 * week (`startsAt`), and shifts as intervals of the week. Pure arithmetic on seconds; no time zone
 * and no calendar: a scenario's week is the wall-clock week its author (or Odoo's exporter) wrote.
 */
import { WEEKDAYS, type ArrivalProfile, type Shift, type StartsAt, type Weekday } from './types.ts';

export const DAY_SECONDS = 86_400;
export const WEEK_SECONDS = 7 * DAY_SECONDS;

/** Time 0 when a scenario does not say: Monday 00:00. */
export const DEFAULT_STARTS_AT: StartsAt = { weekday: 'monday', time: '00:00' };

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Minutes since midnight of an "HH:MM" time ("00:00" to "23:59"), or null if it is not one.
 * With `endOfDay`, "24:00" is accepted too (a shift ending at midnight).
 */
export function clockMinutes(text: string, endOfDay = false): number | null {
  if (endOfDay && text === '24:00') return 1440;
  const m = CLOCK.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export const weekdayIndex = (day: Weekday): number => WEEKDAYS.indexOf(day);

/** Seconds from Monday 00:00 to time 0. */
export function startOffsetSeconds(startsAt: StartsAt | undefined): number {
  const s = startsAt ?? DEFAULT_STARTS_AT;
  return weekdayIndex(s.weekday) * DAY_SECONDS + (clockMinutes(s.time) ?? 0) * 60;
}

/** Where simulated time `t` falls in the week: weekday index (0 = Monday), hour of the day, second of the week. */
export function weekPosition(
  offsetSeconds: number,
  t: number,
): { weekday: number; hour: number; secondOfWeek: number } {
  const w = (((offsetSeconds + t) % WEEK_SECONDS) + WEEK_SECONDS) % WEEK_SECONDS;
  return {
    weekday: Math.floor(w / DAY_SECONDS),
    hour: Math.floor((w % DAY_SECONDS) / 3600),
    secondOfWeek: w,
  };
}

/** Visitors per hour of the profile in hour `hour` (0–23) of weekday `weekday` (0 = Monday). */
export function profileRate(p: ArrivalProfile, weekday: number, hour: number): number {
  return p.byHour[hour] * p.byWeekday[WEEKDAYS[weekday]];
}

/** A shift's length in minutes: `to` at or before `from` ends the next day; equal is 24 hours. */
export function shiftMinutes(shift: Pick<Shift, 'from' | 'to'>): number {
  const from = clockMinutes(shift.from) ?? 0;
  const to = clockMinutes(shift.to, true) ?? 0;
  return to > from ? to - from : to + 1440 - from;
}

/** One working stretch of a week: seconds from Monday 00:00 (`end` may pass the week's end). */
export interface WeekInterval {
  start: number;
  end: number;
  /** Which entry of `shifts` it comes from. */
  shift: number;
  day: Weekday;
}

/** Every shift on every one of its days, as intervals of the week, in time order. */
export function shiftIntervals(shifts: readonly Shift[]): WeekInterval[] {
  const out: WeekInterval[] = [];
  shifts.forEach((shift, i) => {
    const from = clockMinutes(shift.from);
    if (from === null || clockMinutes(shift.to, true) === null) return;
    const length = shiftMinutes(shift) * 60;
    for (const day of shift.days) {
      const start = weekdayIndex(day) * DAY_SECONDS + from * 60;
      out.push({ start, end: start + length, shift: i, day });
    }
  });
  return out.sort((a, b) => a.start - b.start || a.shift - b.shift);
}

/**
 * Pairs of intervals that overlap, the week wrapping around (Sunday night into Monday morning).
 * Each pair is `[earlier, later]` in the week.
 */
export function overlappingShifts(
  intervals: readonly WeekInterval[],
): [WeekInterval, WeekInterval][] {
  const pairs: [WeekInterval, WeekInterval][] = [];
  for (let i = 0; i < intervals.length; i++) {
    for (let j = i + 1; j < intervals.length; j++) {
      const a = intervals[i];
      const b = intervals[j];
      // b starts at or after a (sorted): they overlap if b starts before a ends, or a (wrapped a
      // week on) starts before b ends.
      if (b.start < a.end) pairs.push([a, b]);
      else if (a.start + WEEK_SECONDS < b.end) pairs.push([b, a]);
    }
  }
  return pairs;
}

/** One shift as it happens in a run: simulated seconds (start may be before 0), and its breaks. */
export interface ShiftOccurrence {
  start: number;
  end: number;
  breaks: { start: number; end: number }[];
}

/**
 * The shifts of an operator that overlap simulated time [from, to), in time order, with their breaks
 * (`breaks` are minutes after each shift's start). Shifts that follow each other without a gap are
 * merged into one occurrence, so the operator does not leave and join again at the seam.
 */
export function shiftOccurrences(
  shifts: readonly Shift[],
  breaks: readonly { atMinute: number; minutes: number }[],
  offsetSeconds: number,
  from: number,
  to: number,
): ShiftOccurrence[] {
  const week = shiftIntervals(shifts);
  if (week.length === 0) return [];
  const out: ShiftOccurrence[] = [];
  const firstWeek = Math.floor((offsetSeconds + from) / WEEK_SECONDS) - 1;
  for (let w = firstWeek; ; w++) {
    const base = w * WEEK_SECONDS - offsetSeconds;
    if (base >= to) break;
    for (const iv of week) {
      const start = base + iv.start;
      const end = base + iv.end;
      if (end <= from || start >= to) continue;
      const own = breaks.map((b) => ({
        start: start + b.atMinute * 60,
        end: start + (b.atMinute + b.minutes) * 60,
      }));
      const last = out[out.length - 1];
      if (last && last.end === start) {
        last.end = end;
        last.breaks.push(...own);
      } else out.push({ start, end, breaks: own });
    }
  }
  return out;
}
