import type { SimEvent } from '../../sim/events';
import { createMetrics, createTimeSeries, createTimeline } from '../../sim/metrics';
import { createByHour, type HourRow } from '../../sim/metrics/by-hour';
import { outcomeFigures, type OutcomeFigures } from '../../sim/metrics/headline';
import type { Scenario } from '../../sim/scenario/types';
import { operatorLabels } from '../../sim/format/names';
import { usesClock } from '../../sim/traffic';

/**
 * Chart-ready figures for a finished run's event log, read off the core's reducers (the same ones the
 * CLI's `--json` uses, so the page and the CLI cannot disagree) and only reshaped here for plotting.
 */

export type BarKind = 'chat' | 'break' | 'removed' | 'away';
export interface GanttBar {
  kind: BarKind;
  from: number;
  to: number;
}
export interface OperatorFigures {
  id: string;
  name: string;
  sessions: number;
  /** Fraction of the run with at least one open session. */
  busyFraction: number;
  /** Time-averaged number of open sessions. */
  meanLoad: number;
  peakLoad: number;
  bars: GanttBar[];
}
export interface Results extends OutcomeFigures {
  end: number;
  waitedFraction: number;
  language: { main: number; extra: number; none: number };
  /** Waits of served visitors: bin i counts waits in [edges[i], edges[i] + width) s. */
  waitHistogram: { edges: number[]; counts: number[]; width: number };
  series: { t: number[]; queue: number[]; active: number[] };
  serviceLevelByHour: { hour: number[]; level: (number | null)[]; arrivals: number[] };
  operators: OperatorFigures[];
  /** Staffing by hour (issue 8), for scenarios on a clock; null otherwise. */
  staffing: HourRow[] | null;
}

/** Points of the queue / active chats series: enough for a chart, cheap for long runs. */
const SAMPLES = 240;

export function computeResults(scenario: Scenario, events: readonly SimEvent[]): Results {
  const end = Math.max(
    scenario.durationMinutes * 60,
    events.length ? events[events.length - 1].t : 0,
    1,
  );
  const metrics = createMetrics(scenario);
  // Waits in 1 s bins up to the end of the run (no wait is longer), so the chart's round edges below
  // can be cut from them exactly once the longest wait is known.
  const series = createTimeSeries(scenario, end / SAMPLES, {
    waitBinSeconds: 1,
    waitBins: Math.ceil(end) + 2,
  });
  const hourly = createTimeSeries(scenario, 3600, { waitBins: 1 });
  const timeline = createTimeline(scenario);
  const byHour = usesClock(scenario) ? createByHour(scenario) : null;
  for (const e of events) {
    byHour?.add(e);
    metrics.add(e);
    series.add(e);
    hourly.add(e);
    timeline.add(e);
  }
  const s = metrics.summary();
  const ts = series.result();
  const hours = hourly.result();
  const lines = new Map(timeline.result().operators.map((o) => [o.id, o]));
  const figures = new Map(s.operators.map((o) => [o.id, o]));

  const labels = operatorLabels(scenario.operators);
  const operators: OperatorFigures[] = scenario.operators.map((op) => {
    const f = figures.get(op.id);
    const line = lines.get(op.id);
    const bars: GanttBar[] = [];
    const seen = new Set<string>();
    const push = (kind: BarKind, from: number, to: number) => {
      // One bar per removal even when it took the operator out of several channels at once.
      const key = `${kind}:${from}:${to}`;
      if (seen.has(key)) return;
      seen.add(key);
      bars.push({ kind, from, to });
    };
    for (const x of line?.sessions ?? []) push('chat', x.start, x.end);
    for (const x of line?.breaks ?? []) push('break', x.start, x.end);
    for (const x of line?.statuses ?? []) if (x.status === 'away') push('away', x.start, x.end);
    for (const x of line?.absences ?? [])
      if (x.reason === 'inactivity') push('removed', x.start, x.end);
    return {
      id: op.id,
      name: labels.get(op.id) ?? op.name,
      sessions: f?.sessions ?? 0,
      busyFraction: f?.busyFraction ?? 0,
      meanLoad: f?.meanOpenChats ?? 0,
      peakLoad: f?.peakOpenChats ?? 0,
      bars: bars.sort((a, b) => a.from - b.from),
    };
  });

  return {
    end,
    ...outcomeFigures(s),
    waitedFraction: s.waitedFraction ?? 0,
    language: { ...s.languageSplit },
    waitHistogram: roundBins(ts.waitHistogram.served, s.maxWaitSeconds ?? 0),
    series: { t: ts.t, queue: ts.queueMax, active: ts.activeChatsMax },
    serviceLevelByHour: {
      hour: hours.t.map((_, i) => i),
      level: hours.serviceLevel,
      arrivals: hours.admitted,
    },
    operators,
    staffing: byHour ? byHour.result() : null,
  };
}

/**
 * Regroups per-second wait counts (index i holds waits in [i, i + 1) s) on round edges (0, 10 s,
 * 20 s … or minutes for long waits), about 24 bins up to `max`, the longest wait.
 */
export function roundBins(
  perSecond: readonly number[],
  max: number,
): { edges: number[]; counts: number[]; width: number } {
  const steps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  const width = steps.find((s) => max / s <= 24) ?? Math.ceil(max / 24);
  const n = Math.max(1, Math.ceil((max + 1e-9) / width));
  const counts = new Array<number>(n).fill(0);
  // Integer widths: floor(floor(v) / width) = floor(v / width), so regrouping loses nothing.
  perSecond.forEach((c, i) => {
    if (c) counts[Math.min(n - 1, Math.floor(i / width))] += c;
  });
  return { edges: counts.map((_, i) => i * width), counts, width };
}

/** Wait times in seconds, binned like the chart (tests and ad-hoc lists of waits). */
export function histogram(values: readonly number[]): {
  edges: number[];
  counts: number[];
  width: number;
} {
  let max = 0;
  for (const v of values) if (v > max) max = v; // no spread: logs reach 200k values
  const perSecond = new Array<number>(Math.floor(max) + 1).fill(0);
  for (const v of values) perSecond[Math.floor(v)]++;
  return roundBins(perSecond, max);
}
