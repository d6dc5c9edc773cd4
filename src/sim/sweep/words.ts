/**
 * A sweep in words, shared by the CLI table and the page: parameter values, figures, and the answer
 * to the target ("6 operators meet 80% answered within 20 s under odoo; 5 under balanced").
 */
import { duration } from '../format/time.ts';
import { isShare, metricLabel, type MetricKey } from './figures.ts';
import type { ParamName, ParamValue } from './params.ts';
import type { Estimate, SweepResult } from './reduce.ts';
import type { Target } from './target.ts';

/** A parameter value as people say it: "6 operators", "rate ×1.2", "odoo". */
export function paramPhrase(name: ParamName, value: ParamValue): string {
  switch (name) {
    case 'operators':
      return `${value} operator${value === 1 ? '' : 's'}`;
    case 'rate':
      return `rate ×${value}`;
    case 'maxSessions':
      return value === null ? 'unlimited sessions' : `maxSessions ${value}`;
    case 'timeoutMinutes':
      return `a ${value} min timeout`;
    case 'policy':
      return String(value);
  }
}

/** A figure's value: a percentage for shares, a duration for the mean wait. */
export function formatFigure(key: MetricKey, x: number | null): string {
  if (x === null) return '–';
  return isShare(key) ? `${(100 * x).toFixed(1)}%` : duration(x);
}

/** "84.6% ± 1.5": the mean and the half-width of its 95% interval (Student-t: symmetric). */
export function formatEstimate(key: MetricKey, e: Estimate): string {
  const mean = formatFigure(key, e.mean);
  if (e.mean === null || e.lo === null || e.hi === null) return mean;
  const half = (e.hi - e.lo) / 2;
  return `${mean} ± ${isShare(key) ? (100 * half).toFixed(1) : duration(half)}`;
}

/** "80% answered within 20 s", "mean wait ≤ 30 s": the target in words. */
export function targetPhrase(target: Target, serviceLevelSeconds: number): string {
  const label = metricLabel(target.key, duration(serviceLevelSeconds));
  const value = formatFigure(target.key, target.value).replace(/\.0%$/, '%');
  if (target.op === '>=') {
    return isShare(target.key) ? `at least ${value} ${label}` : `${label} ≥ ${value}`;
  }
  return isShare(target.key) ? `at most ${value} ${label}` : `${label} ≤ ${value}`;
}

/**
 * The answer: for each value of the second parameter, the first value of the first that meets the
 * target with 95% confidence, or that none of the values tried does. E.g. "At least 80% answered
 * within 20 s, with 95% confidence: 6 operators under odoo; 5 operators under balanced."
 */
export function answerInWords(
  result: SweepResult,
  target: Target,
  serviceLevelSeconds: number,
): string {
  const met = result.target?.met ?? [];
  const [first, second] = result.vary;
  const parts = met.map((m, g) => {
    const under = second
      ? ` ${second.name === 'policy' ? 'under' : 'with'} ${paramPhrase(second.name, second.values[g])}`
      : '';
    if (m === null) return `none of the ${first.name} values tried${under}`;
    return `${paramPhrase(first.name, m.params[first.name]!)}${under}`;
  });
  const what = targetPhrase(target, serviceLevelSeconds);
  return `${what[0].toUpperCase()}${what.slice(1)}, with 95% confidence: ${parts.join('; ')}.`;
}
