import { WEEKDAYS, type ArrivalProfile, type VisitorStream } from '../../../sim/scenario/types';

export type ArrivalMode = 'rate' | 'profile' | 'trace';

export function arrivalMode(s: VisitorStream): ArrivalMode {
  if (s.arrivals) return 'trace';
  return typeof s.arrivalsPerHour === 'object' ? 'profile' : 'rate';
}

/** A profile with `perHour` in every hour and every weekday at factor 1. */
export function flatProfile(perHour: number): ArrivalProfile {
  return {
    byHour: Array.from({ length: 24 }, () => perHour),
    byWeekday: Object.fromEntries(WEEKDAYS.map((d) => [d, 1])) as ArrivalProfile['byWeekday'],
  };
}

/** The mean rate of a profile over a week (for switching back to a constant rate). */
export function meanRate(p: ArrivalProfile): number {
  const day = p.byHour.reduce((a, b) => a + b, 0) / 24;
  const week = WEEKDAYS.reduce((a, d) => a + p.byWeekday[d], 0) / 7;
  return Math.round(day * week * 100) / 100;
}

/**
 * Switches a stream between a constant rate and an hourly profile, keeping its volume. A trace is
 * recorded data: it is left alone (switching away from it would lose it).
 */
export function setArrivalMode(s: VisitorStream, mode: ArrivalMode): void {
  const current = arrivalMode(s);
  if (current === mode || current === 'trace' || mode === 'trace') return;
  if (mode === 'profile') s.arrivalsPerHour = flatProfile(Number(s.arrivalsPerHour) || 0);
  else s.arrivalsPerHour = meanRate(s.arrivalsPerHour as ArrivalProfile);
}

/** "12, 10, 8 …" → 24 numbers; a word that is not a number is kept as NaN for the validator to name. */
export function parseHours(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter((x) => x !== '')
    .map((x) => Number(x));
}
