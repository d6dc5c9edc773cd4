/**
 * Confidence intervals for the Compare view, from the core's statistics (src/sim/stats.ts). Arms
 * run on the same seeds (common random numbers), so differences are paired per replication: the CI
 * of the mean paired difference is much narrower than comparing two independent means.
 */
import {
  confidenceInterval,
  pairedDifference as paired,
  type Interval as StatsInterval,
} from '../../sim/stats';

export interface Interval {
  mean: number;
  /** Half-width of the 95% CI; NaN with fewer than two values. */
  half: number;
  n: number;
}

const toInterval = (i: StatsInterval): Interval => ({
  mean: i.mean,
  half: i.halfWidth ?? NaN,
  n: i.n,
});

export function meanCI(values: readonly number[]): Interval {
  if (values.length === 0) return { mean: NaN, half: NaN, n: 0 };
  return toInterval(confidenceInterval(values, 0.95));
}

/** The CI of `b − a` over paired replications (same seed in both arms). */
export function pairedDifference(a: readonly number[], b: readonly number[]): Interval {
  const n = Math.min(a.length, b.length);
  if (n === 0) return { mean: NaN, half: NaN, n: 0 };
  return toInterval(paired(b.slice(0, n), a.slice(0, n), 0.95));
}

/** Whether a difference's CI excludes zero. */
export function significant(i: Interval): boolean {
  return Number.isFinite(i.half) && Math.abs(i.mean) > i.half;
}

/** Which way a figure is better for the visitor; `neither` for figures that are not (utilisation). */
export type Better = 'higher' | 'lower' | 'neither';

/**
 * How a difference reads for the visitor: `better` / `worse` when significant and the figure has a
 * better side, `changed` when significant but neither side is better (busier operators are not
 * better in themselves), `same` otherwise.
 */
export function verdict(d: Interval, better: Better): 'better' | 'worse' | 'changed' | 'same' {
  if (!significant(d)) return 'same';
  if (better === 'neither') return 'changed';
  return d.mean > 0 === (better === 'higher') ? 'better' : 'worse';
}
