/**
 * Where a chart axis puts its ticks and what it writes there. Pure, so the rules are unit-tested
 * apart from uPlot (which only draws what these return):
 * - time axes tick at round moments of the run's clock (every 15 min, 1 h, 6 h, 1 day…), aligned to
 *   midnight of the scenario's week when it has a `startsAt`, and say the day where it changes;
 * - duration axes tick at round lengths (30 s, 1 min, 5 min…) written with units;
 * - number axes tick at 1-2-5 steps (whole steps for counts), with thousands separators and as many
 *   decimals as the step needs, so two ticks never read the same.
 */
import { clock, duration } from '../../../sim/format/time';
import { decimal } from '../../../sim/format/number';

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

const times = (unit: number, ...counts: number[]) => counts.map((k) => k * unit);
/*
 * No step is more than 3 times the one before, so with room for 3 ticks or more, some step always
 * gives between 1 and that many ticks (the step after one giving too many still fits in the span).
 */
/** Round steps of a clock: seconds, minutes, hours, days, a week. */
export const CLOCK_STEPS = [
  ...times(1, 1, 2, 5, 10, 15, 30),
  ...times(MIN, 1, 2, 5, 10, 15, 30),
  ...times(HOUR, 1, 2, 3, 6, 12),
  ...times(DAY, 1, 2, 3, 7),
];
/** Round steps of a length of time (a wait): 1, 2, 5, 10, 15, 30 of each unit. */
export const DURATION_STEPS = [
  ...times(1, 1, 2, 5, 10, 15, 30),
  ...times(MIN, 1, 2, 5, 10, 15, 30),
  ...times(HOUR, 1, 2, 3, 6, 12),
  ...times(DAY, 1, 2, 3, 7),
];
/** Never fewer than this many ticks asked for (see the steps above). */
const MIN_ROOM = 3;

/**
 * The smallest step of `steps` whose multiples (counted from `origin`) put at most `maxTicks` ticks
 * on [min, max].
 */
export function pickStep(
  min: number,
  max: number,
  maxTicks: number,
  steps: number[],
  origin = 0,
): number {
  const span = Math.max(0, max - min);
  const room = Math.max(MIN_ROOM, Math.floor(maxTicks));
  const fits = (s: number) => span / s <= room + 1 && multiples(min, max, s, origin).length <= room; // cheap test first
  // Beyond the longest round step: whole multiples of it (1, 2, 5, 10… weeks).
  const longest = steps[steps.length - 1];
  return (
    steps.find(fits) ?? longest * niceAbove(span / room / longest, true, (k) => fits(k * longest))
  );
}

/** Multiples of `step` (counted from `origin`) inside [min, max]. */
function multiples(min: number, max: number, step: number, origin = 0): number[] {
  // Values this close to a multiple count as on it (floating-point sums of round steps).
  const eps = step * 1e-9;
  const out: number[] = [];
  const first = Math.ceil((min + origin - eps) / step) * step - origin;
  for (let k = 0; ; k++) {
    const v = first + k * step;
    if (v > max + eps) break;
    out.push(Math.abs(v) < eps ? 0 : v);
  }
  return out;
}

/**
 * Ticks of a time axis over [min, max] simulated seconds. `start` is the scenario's clock start
 * (seconds from Monday 00:00, see `clockStart`), null for elapsed time: the ticks fall on round
 * times of the clock the page shows.
 */
export function timeSplits(
  min: number,
  max: number,
  maxTicks: number,
  start: number | null = null,
): number[] {
  const origin = start ?? 0;
  return multiples(min, max, pickStep(min, max, maxTicks, CLOCK_STEPS, origin), origin);
}

/**
 * Labels of time ticks: `hh:mm` (with `:ss` under a minute's step); the day (`d2`, `Tue`) where it
 * changes from the tick before, alone when the ticks are whole days apart.
 */
export function timeLabels(splits: readonly number[], start: number | null = null): string[] {
  const step = splits.length > 1 ? splits[1] - splits[0] : HOUR;
  const dayOf = (t: number) => Math.floor((t + (start ?? 0)) / DAY);
  return splits.map((t, i) => {
    if (step >= DAY && step % DAY === 0) return dayLabel(t, start);
    const full = clock(t, { start, seconds: step < MIN });
    const sameDay = i > 0 && dayOf(splits[i - 1]) === dayOf(t);
    return sameDay ? full.slice(full.lastIndexOf(' ') + 1) : full;
  });
}

/** `d1`, `d2`… for elapsed time; `Mon`, `w2 Tue`… with a scenario start. */
export function dayLabel(t: number, start: number | null = null): string {
  if (start === null) return `d${Math.floor(Math.max(0, t) / DAY) + 1}`;
  const full = clock(t, { start });
  return full.slice(0, full.lastIndexOf(' '));
}

/** Ticks of a duration axis (waits): round lengths from `min` to `max` seconds. */
export function durationSplits(min: number, max: number, maxTicks: number): number[] {
  return multiples(min, max, pickStep(min, max, maxTicks, DURATION_STEPS));
}

export const durationLabels = (splits: readonly number[]): string[] => splits.map(duration);

/**
 * The smallest of 1, 2 or 5 times a power of ten that `fits`, searched upwards from about `raw`
 * (a rough guess: `fits` decides, as tick counts also depend on where the multiples fall).
 */
function niceAbove(raw: number, integer: boolean, fits: (step: number) => boolean): number {
  let p = 10 ** Math.floor(Math.log10(raw > 0 ? raw / 2 : 1));
  for (;;) {
    for (const m of [1, 2, 5]) {
      const step = integer ? Math.max(1, Math.round(m * p)) : m * p;
      if (fits(step)) return step;
    }
    p *= 10;
  }
}

/** Ticks of a number axis: multiples of a 1-2-5 step; whole numbers only for counts. */
export function numberSplits(
  min: number,
  max: number,
  maxTicks: number,
  integer = false,
): number[] {
  const room = Math.max(MIN_ROOM, Math.floor(maxTicks));
  const span = Math.max(0, max - min);
  const fits = (s: number) => span / s <= room + 1 && multiples(min, max, s).length <= room;
  return multiples(min, max, niceAbove(span / room || 1, integer, fits));
}

/** Labels of number ticks: thousands separators, the decimals the step needs (0.5, 0.25 → 2). */
export function numberLabels(splits: readonly number[]): string[] {
  const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 1;
  return splits.map((v) => decimal(v, decimalsFor(step)));
}

/** Labels of fraction ticks (0..1) as percentages, as many decimals as the step needs. */
export function percentLabels(splits: readonly number[]): string[] {
  const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 1;
  return splits.map((v) => `${decimal(100 * v, decimalsFor(100 * step))}%`);
}

function decimalsFor(step: number): number {
  for (let d = 0; d < 10; d++)
    if (Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) < 1e-6) return d;
  return 10;
}

/** Which category labels fit: every k-th, k as small as leaves `minGap` px per label shown. */
export function categoryStride(count: number, width: number, minGap: number): number {
  if (count <= 0) return 1;
  return Math.max(1, Math.ceil((count * minGap) / Math.max(1, width)));
}

/** What a chart's x values are: moments of the run, lengths of time, or category indices. */
export type XAxis =
  | { kind: 'time'; start: number | null }
  | { kind: 'duration' }
  | { kind: 'category'; labels: string[] };
/** What a chart's y values are: whole counts, fractions shown as %, or plain numbers. */
export type YAxis = 'count' | 'fraction' | 'number';

/** Pixels a tick label needs on each axis, so ticks never crowd. */
const X_TICK_PX = { time: 78, duration: 84, category: 96 } as const;
const Y_TICK_PX = 24;

/** The x ticks of a chart `px` pixels wide over [min, max]. */
export function xAxisSplits(x: XAxis, min: number, max: number, px: number): number[] {
  const room = px / X_TICK_PX[x.kind];
  if (x.kind === 'time') return timeSplits(min, max, room, x.start);
  if (x.kind === 'duration') return durationSplits(Math.max(0, min), max, room);
  const stride = categoryStride(x.labels.length, px, X_TICK_PX.category);
  return x.labels.map((_, i) => i).filter((i) => i % stride === 0);
}

export function xAxisLabels(x: XAxis, splits: number[]): string[] {
  if (x.kind === 'time') return timeLabels(splits, x.start);
  if (x.kind === 'duration') return durationLabels(splits);
  const labels = x.labels;
  return splits.map((i) => labels[i] ?? '');
}

/** The y ticks of a chart whose plot is `px` pixels high over [min, max]. */
export const yAxisSplits = (y: YAxis, min: number, max: number, px: number): number[] =>
  numberSplits(min, max, px / Y_TICK_PX, y === 'count');

export const yAxisLabels = (y: YAxis, splits: number[]): string[] =>
  y === 'fraction' ? percentLabels(splits) : numberLabels(splits);

/** One x value in the chart's legend: `14:05`, `1 min 30 s`, the category's name. */
export const xValueText = (x: XAxis, v: number): string =>
  x.kind === 'time'
    ? clock(v, { start: x.start })
    : x.kind === 'duration'
      ? duration(v)
      : (x.labels[Math.round(v)] ?? '');

/** One y value in the chart's legend: `1,234`, `64.0%`, `0.82`. */
export const yValueText = (y: YAxis, v: number): string =>
  y === 'fraction' ? `${decimal(100 * v, 1)}%` : decimal(v, y === 'count' ? 0 : 2);
