/**
 * Reducing a sweep: each point's runs → a mean and its 95% Student-t interval over replications
 * (src/sim/stats.ts), in job order, so the result does not depend on which executor ran what when.
 */
import { confidenceInterval } from '../stats.ts';
import { METRIC_KEYS, type MetricKey, type RunFigures } from './figures.ts';
import { gridPoints, type SweepDefinition } from './grid.ts';
import type { Vary } from './params.ts';
import { findTarget, type TargetMet } from './target.ts';
import type { Params } from './transform.ts';

/** A mean over replications and its 95% interval; null where undefined (no value, or one for lo/hi). */
export interface Estimate {
  mean: number | null;
  lo: number | null;
  hi: number | null;
}

export interface SweepPointResult {
  params: Params;
  /** Replications reduced (fewer than asked while a sweep is still running). */
  reps: number;
  metrics: Record<MetricKey, Estimate>;
}

/** The `--json` output of a sweep, also what `--merge` rebuilds and the page stores. */
export interface SweepResult {
  scenario: string;
  seed: number;
  reps: number;
  vary: Vary[];
  points: SweepPointResult[];
  target?: { expr: string; met: TargetMet };
}

export const LEVEL = 0.95;

/** The mean of the runs that define the figure, with its Student-t interval. */
export function estimate(values: readonly (number | null)[]): Estimate {
  const xs = values.filter((x): x is number => x !== null);
  if (xs.length === 0) return { mean: null, lo: null, hi: null };
  const ci = confidenceInterval(xs, LEVEL);
  return { mean: ci.mean, lo: ci.low, hi: ci.high };
}

export function reducePoint(params: Params, runs: readonly RunFigures[]): SweepPointResult {
  const metrics = {} as Record<MetricKey, Estimate>;
  for (const key of METRIC_KEYS) metrics[key] = estimate(runs.map((r) => r[key]));
  return { params, reps: runs.length, metrics };
}

/**
 * The whole sweep from its runs, indexed by job (`point · reps + rep`); a missing run (a sweep still
 * going) is left out of its point.
 */
export function reduceSweep(
  sweep: SweepDefinition,
  runs: readonly (RunFigures | undefined)[],
): SweepResult {
  const points = gridPoints(sweep.varies).map((params, p) => {
    const mine: RunFigures[] = [];
    for (let r = 0; r < sweep.reps; r++) {
      const run = runs[p * sweep.reps + r];
      if (run) mine.push(run);
    }
    return reducePoint(params, mine);
  });
  const result: SweepResult = {
    scenario: sweep.name,
    seed: sweep.seed,
    reps: sweep.reps,
    vary: sweep.varies.map((v) => ({ name: v.name, values: v.values })),
    points,
  };
  if (sweep.target) {
    result.target = {
      expr: sweep.target.expr,
      met: findTarget(sweep.varies, points, sweep.target),
    };
  }
  return result;
}
