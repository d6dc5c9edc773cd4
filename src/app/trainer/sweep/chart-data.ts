/**
 * The staffing curve's data: the chosen figure against the first parameter, one line per value of
 * the second with its 95% band, the Erlang curve where the points are textbook queues, and the
 * target as a line. Pure, so the Svelte component only hands it to uPlot.
 */
import type { MetricKey } from '../../../sim/sweep/figures';
import type { SweepResult } from '../../../sim/sweep/reduce';
import type { Target } from '../../../sim/sweep/target';
import { formatFigure, paramPhrase } from '../../../sim/sweep/words';

export interface CurveSeries {
  label: string;
  color: string;
  kind: 'mean' | 'lo' | 'hi' | 'erlang' | 'target';
}

export interface Curve {
  /** The first parameter's values, as the x axis says them. */
  labels: string[];
  /** x (indices), then one array per series. */
  data: (number | null)[][];
  series: CurveSeries[];
  /** Pairs of series indices (1-based, as uPlot counts) to fill between: hi, lo. */
  bands: [number, number][];
}

const PALETTE = ['#714b67', '#1f5fa8', '#1e7d4f', '#9a5b00', '#b3261e', '#4a6b8a'];

export function curve(
  result: SweepResult,
  key: MetricKey,
  erlang: readonly (number | null)[],
  target?: Target,
): Curve {
  const [first, second] = result.vary;
  const groups = second ? second.values.length : 1;
  const xs = first.values.map((_, i) => i);
  const data: (number | null)[][] = [xs];
  const series: CurveSeries[] = [];
  const bands: [number, number][] = [];
  for (let g = 0; g < groups; g++) {
    const at = (i: number) => result.points[i * groups + g];
    const name = second ? paramPhrase(second.name, second.values[g]) : 'simulated';
    const color = PALETTE[g % PALETTE.length];
    const base = series.length + 1;
    series.push({ label: `${name}: 95% low`, color, kind: 'lo' });
    data.push(xs.map((i) => at(i)?.metrics[key].lo ?? null));
    series.push({ label: `${name}: 95% high`, color, kind: 'hi' });
    data.push(xs.map((i) => at(i)?.metrics[key].hi ?? null));
    series.push({ label: name, color, kind: 'mean' });
    data.push(xs.map((i) => (at(i)?.reps ? at(i).metrics[key].mean : null)));
    bands.push([base + 1, base]);
    const formula = xs.map((i) => erlang[i * groups + g] ?? null);
    if (formula.some((v) => v !== null)) {
      series.push({ label: `${name}: Erlang`, color, kind: 'erlang' });
      data.push(formula);
    }
  }
  if (target && target.key === key) {
    series.push({
      label: `target ${target.op === '>=' ? '≥' : '≤'} ${formatFigure(key, target.value)}`,
      color: '#b3261e',
      kind: 'target',
    });
    data.push(xs.map(() => target.value));
  }
  return {
    labels: first.values.map((v) => (v === null ? 'unlimited' : String(v))),
    data,
    series,
    bands,
  };
}
