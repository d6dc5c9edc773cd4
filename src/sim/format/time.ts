/**
 * The one way simulated time is written, on the page and in the CLI.
 *
 * Two kinds of value, two looks that cannot be mistaken for each other:
 * - a **clock time** (a moment of the run) is `hh:mm`: elapsed time since the run started,
 *   `d2 14:05` from the second day on, or `Tue 14:05` when the scenario says when time 0 is
 *   (`startsAt`), `w2 Tue 14:05` from its second week on. Always has a colon, never a unit.
 * - a **duration** (a wait, a chat, a timeout) has units: `45 s`, `1 min 17 s`, `2 h 05 min`,
 *   `3 d 04 h`. Never has a colon.
 *
 * Before this, "01:17" was both 1 h 17 min into the run and a 1 min 17 s wait.
 * Pure: simulated seconds in, text out (no Date, no time zone, no locale).
 */

import { WEEKDAYS, type Scenario, type Weekday } from '../scenario/types.ts';
import { usesClock } from '../traffic.ts';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const WEEK = 7 * DAY;

export { WEEKDAYS, type Weekday };
const SHORT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** When simulated time 0 is, as in a scenario's `startsAt` (`{"weekday": "monday", "time": "08:00"}`). */
export interface StartsAt {
  weekday: string;
  time: string;
}

/**
 * Seconds from Monday 00:00 to `startsAt`: the `start` to pass to {@link clock}.
 * Throws on a weekday or time the scenario validator would have refused.
 */
export function weekOffset(startsAt: StartsAt): number {
  const day = WEEKDAYS.indexOf(startsAt.weekday.toLowerCase() as Weekday);
  const m = /^(\d{1,2}):(\d{2})$/.exec(startsAt.time);
  if (day < 0 || !m || Number(m[1]) > 23 || Number(m[2]) > 59)
    throw new RangeError(`not a start: ${JSON.stringify(startsAt)}`);
  return day * DAY + Number(m[1]) * HOUR + Number(m[2]) * MINUTE;
}

/**
 * The `start` for {@link clock} of a scenario's runs: from its `startsAt` when it has one, else
 * null (elapsed time). Every view of a run takes its start from here.
 */
export function clockStart(scenario: object | null | undefined): number | null {
  // Typed loosely so it takes any scenario, with or without the `startsAt` field (issue 8).
  const startsAt = (scenario as { startsAt?: StartsAt | null } | null | undefined)?.startsAt;
  if (startsAt) return weekOffset(startsAt);
  // A profile, a shift or a trace is read on the week's clock even without startsAt (Monday 00:00).
  const s = scenario as Partial<Scenario> | null | undefined;
  return s && Array.isArray(s.operators) && Array.isArray(s.visitors) && usesClock(s as Scenario)
    ? 0
    : null;
}

export interface ClockOptions {
  /**
   * Seconds from Monday 00:00 to simulated time 0 (see {@link weekOffset}). When set, times read
   * `Tue 14:05`; when absent or null, as elapsed time (`14:05`, `d2 14:05`).
   */
  start?: number | null;
  /** Adds `:ss`, for a clock that ticks on screen. */
  seconds?: boolean;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A moment of the run, `t` simulated seconds after time 0, as a clock time. Truncates (a clock
 * shows 14:05 until 14:06). Negative `t` reads as time 0.
 */
export function clock(t: number, options: ClockOptions = {}): string {
  const start = options.start ?? null;
  const s = Math.floor(Math.max(0, t) + (start ?? 0));
  const inDay = s % DAY;
  let text = `${pad2(Math.floor(inDay / HOUR))}:${pad2(Math.floor((inDay % HOUR) / MINUTE))}`;
  if (options.seconds) text += `:${pad2(inDay % MINUTE)}`;
  const day = Math.floor(s / DAY);
  if (start === null) return day > 0 ? `d${day + 1} ${text}` : text;
  const week = Math.floor(s / WEEK);
  const dayName = `${SHORT_WEEKDAYS[day % 7]} ${text}`;
  return week > 0 ? `w${week + 1} ${dayName}` : dayName;
}

/**
 * A length of time with units: `0 s`, `2.5 s` (tenths under 10 s), `45 s`, `1 min 17 s`, `5 min`,
 * `2 h 05 min`, `3 d 04 h`. Rounded to the last unit shown (seconds under an hour, minutes under a
 * day, hours beyond), so the text never claims more precision than it shows. Negative values get
 * a leading `-`.
 */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 0) {
    const text = duration(-seconds);
    return text === '0 s' ? text : `-${text}`;
  }
  const tenths = Math.round(seconds * 10) / 10;
  if (tenths < 10 && !Number.isInteger(tenths)) return `${tenths.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < MINUTE) return `${s} s`;
  if (s < HOUR) return twoUnits(Math.floor(s / MINUTE), 'min', s % MINUTE, 's');
  // Each rounding from the raw value: rounding an already rounded value can add half a unit more.
  const m = Math.round(seconds / MINUTE);
  if (m < DAY / MINUTE) return twoUnits(Math.floor(m / 60), 'h', m % 60, 'min');
  const h = Math.round(seconds / HOUR);
  return twoUnits(Math.floor(h / 24), 'd', h % 24, 'h');
}

function twoUnits(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${pad2(small)} ${smallUnit}`;
}

/** A difference of durations, always signed: `+1 min 05 s`, `-45 s`, `0 s`. */
export function signedDuration(delta: number): string {
  const text = duration(delta);
  return text === '0 s' || text.startsWith('-') ? text : `+${text}`;
}

const UNIT_SECONDS: Record<string, number> = { d: DAY, h: HOUR, min: MINUTE, s: 1 };

/** The inverse of {@link duration}: seconds, or null for text that is not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^([+-])?(\d+(?:\.\d+)? (?:d|h|min|s))(?: (\d+(?:\.\d+)? (?:d|h|min|s)))?$/.exec(text);
  if (!m) return null;
  let total = 0;
  for (const part of [m[2], m[3]]) {
    if (part === undefined) continue;
    const [n, unit] = part.split(' ');
    total += Number(n) * UNIT_SECONDS[unit];
  }
  return m[1] === '-' ? -total : total;
}

/**
 * The inverse of {@link clock} (same `start`): simulated seconds, or null for text that is not a
 * clock time. Inside the minute (or second) shown.
 */
export function parseClock(text: string, start: number | null = null): number | null {
  const m =
    /^(?:d(\d+) |(?:w(\d+) )?(Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(
      text,
    );
  if (!m) return null;
  const inDay = Number(m[4]) * HOUR + Number(m[5]) * MINUTE + Number(m[6] ?? 0);
  if (start === null) {
    if (m[3] !== undefined) return null;
    return (m[1] === undefined ? 0 : (Number(m[1]) - 1) * DAY) + inDay;
  }
  if (m[3] === undefined) return null;
  const week = m[2] === undefined ? 0 : Number(m[2]) - 1;
  const day = SHORT_WEEKDAYS.indexOf(m[3] as (typeof SHORT_WEEKDAYS)[number]);
  return week * WEEK + day * DAY + inDay - start;
}
