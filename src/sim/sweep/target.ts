/**
 * The target finder: "how many operators do we need to answer 80% within 20 s?" For each value of the
 * second parameter, the smallest value of the first whose 95% interval clears the target (its lower
 * bound for `>=`, its upper bound for `<=`), so the answer holds with confidence, not by luck.
 */
import { isMetricKey, METRIC_KEYS, type MetricKey } from './figures.ts';
import type { ParamValue, Vary } from './params.ts';
import type { SweepPointResult } from './reduce.ts';
import type { Params } from './transform.ts';

export interface Target {
  /** As written, e.g. `answeredWithinTarget>=0.8`. */
  expr: string;
  key: MetricKey;
  op: '>=' | '<=';
  value: number;
}

/** The smallest point meeting the target, or null, for each value of the second parameter. */
export type TargetMet = ({ params: Params; point: number } | null)[];

/** Reads `KEY>=VALUE` or `KEY<=VALUE`; VALUE may be written `80%`. */
export function parseTarget(expr: string): { target?: Target; error?: string } {
  const m = /^\s*([A-Za-z]+)\s*(>=|<=)\s*([^\s%]+)\s*(%?)\s*$/.exec(expr);
  if (!m) {
    return {
      error: `--target "${expr}": expected KEY>=VALUE or KEY<=VALUE, e.g. answeredWithinTarget>=0.8`,
    };
  }
  const [, key, op, num, percent] = m;
  if (!isMetricKey(key)) {
    return {
      error: `--target "${expr}": "${key}" is not a sweep figure (valid: ${METRIC_KEYS.join(', ')})`,
    };
  }
  const parsed = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(num) ? Number(num) : NaN;
  if (!Number.isFinite(parsed)) return { error: `--target "${expr}": "${num}" is not a number` };
  return {
    target: {
      expr: expr.replace(/\s+/g, ''),
      key,
      op: op as Target['op'],
      value: percent ? parsed / 100 : parsed,
    },
  };
}

/** Order of the first parameter's values: numbers ascending (null, unlimited, last), names as listed. */
function ascending(values: readonly ParamValue[]): number[] {
  const order = values.map((_, i) => i);
  if (values.every((v) => typeof v === 'number' || v === null)) {
    const rank = (v: ParamValue) => (v === null ? Infinity : (v as number));
    order.sort((a, b) => rank(values[a]) - rank(values[b]) || a - b);
  }
  return order;
}

/** Whether a point's interval clears the target; with a single replication, its mean must. */
export function meets(point: SweepPointResult, target: Target): boolean {
  const m = point.metrics[target.key];
  if (m.mean === null) return false;
  if (target.op === '>=') return (m.lo ?? m.mean) >= target.value;
  return (m.hi ?? m.mean) <= target.value;
}

/** For each value of the second parameter (one group with one parameter), the first point met. */
export function findTarget(
  varies: readonly Vary[],
  points: readonly SweepPointResult[],
  target: Target,
): TargetMet {
  const [first, second] = varies;
  const groups = second ? second.values.length : 1;
  const order = ascending(first.values);
  const met: TargetMet = [];
  for (let g = 0; g < groups; g++) {
    // First parameter outermost: point index = i · groups + g.
    const hit = order.map((i) => i * groups + g).find((p) => meets(points[p], target));
    met.push(hit === undefined ? null : { params: points[hit].params, point: hit });
  }
  return met;
}
