/**
 * Time-binned series for the trainer page's charts (uPlot wants columns: one x array, one array per
 * series). A streaming reducer like createMetrics: memory is O(visitors in flight + bins).
 *
 * - Counts (`arrivals`, `unavailable`, `abandoned`, `unanswered`, `assigned`) go to the bin where the
 *   event happened.
 * - `servedWithinSL` and `admitted` (arrivals − unavailable) go to the visitor's *arrival* bin, so
 *   `serviceLevel[i]` is the service level of the visitors who arrived in bin i, as in the summary.
 * - Levels (`queue*`, `activeChats*`, `onlineOperators*`) are step functions: `*Max` is the largest value
 *   held at any moment of the bin, `*Mean` its time-average over the bin.
 * - `waitHistogram`: fixed-width bins of the wait (arrival → assignment) of served visitors, and of the
 *   time abandoned visitors waited; the last bin also holds everything beyond it.
 */

import type { SimEvent } from '../events.ts';
import type { Scenario } from '../scenario/types.ts';

const SL_EPSILON = 1e-6;

export interface TimeSeriesOptions {
  /** Width of a wait-histogram bin, seconds (default 10). */
  waitBinSeconds?: number;
  /** Number of wait-histogram bins; the last one is open-ended (default 60). */
  waitBins?: number;
}

export interface TimeSeries {
  binSeconds: number;
  /** Start time of each bin, seconds. */
  t: number[];
  arrivals: number[];
  unavailable: number[];
  abandoned: number[];
  unanswered: number[];
  assigned: number[];
  admitted: number[];
  servedWithinSL: number[];
  /** servedWithinSL ÷ admitted per arrival bin; null where nobody was admitted. */
  serviceLevel: (number | null)[];
  queueMax: number[];
  queueMean: number[];
  activeChatsMax: number[];
  activeChatsMean: number[];
  onlineOperatorsMean: number[];
  waitHistogram: { binSeconds: number; served: number[]; abandoned: number[] };
}

/** A step function integrated over fixed-width bins. */
class StepSeries {
  value = 0;
  private lastT = 0;
  private readonly bin: number;
  readonly sums: number[] = [];
  readonly maxes: number[] = [];

  constructor(bin: number, initial = 0) {
    this.bin = bin;
    this.value = initial;
  }

  private touch(b: number): void {
    while (this.sums.length <= b) {
      this.sums.push(0);
      this.maxes.push(this.value);
    }
    if (this.value > this.maxes[b]) this.maxes[b] = this.value;
  }

  /** Carries the current value forward to t. */
  advance(t: number): void {
    if (t < this.lastT) return;
    let from = this.lastT;
    let b = Math.floor(from / this.bin);
    this.touch(b);
    while (from < t) {
      const edge = (b + 1) * this.bin;
      const to = edge < t ? edge : t;
      this.sums[b] += this.value * (to - from);
      from = to;
      if (to === edge) {
        b++;
        // A value changed exactly at the edge was never held in the next bin.
        if (to < t) this.touch(b);
      }
    }
    this.lastT = t;
  }

  set(t: number, v: number): void {
    this.advance(t);
    this.value = v;
    this.touch(Math.floor(t / this.bin));
  }
}

interface VisitorBin {
  arrivedAt: number;
  bin: number;
  queued: boolean;
}

export interface TimeSeriesReducer {
  add(e: SimEvent): void;
  result(): TimeSeries;
}

export function createTimeSeries(
  scenario: Scenario,
  binSeconds: number,
  options: TimeSeriesOptions = {},
): TimeSeriesReducer {
  if (!(binSeconds > 0)) throw new RangeError(`binSeconds must be > 0, got ${binSeconds}`);
  const waitBin = options.waitBinSeconds ?? 10;
  const waitBins = options.waitBins ?? 60;
  const sl = scenario.serviceLevelSeconds + SL_EPSILON;

  const arrivals: number[] = [];
  const unavailable: number[] = [];
  const abandoned: number[] = [];
  const unanswered: number[] = [];
  const assigned: number[] = [];
  const admitted: number[] = [];
  const within: number[] = [];
  const servedWaits: number[] = new Array(waitBins).fill(0);
  const abandonedWaits: number[] = new Array(waitBins).fill(0);

  const queue = new StepSeries(binSeconds);
  const active = new StepSeries(binSeconds);
  // The log may or may not restate t = 0 presence; every operator starts online either way.
  const online = new StepSeries(binSeconds, scenario.operators.length);
  const status = new Map<string, string>();
  for (const o of scenario.operators) status.set(o.id, 'online');

  const visitors = new Map<string, VisitorBin>();
  let lastT = 0;

  function bump(series: number[], b: number): void {
    while (series.length <= b) series.push(0);
    series[b]++;
  }

  function waitIndex(w: number): number {
    const i = Math.floor(w / waitBin);
    return i < waitBins - 1 ? i : waitBins - 1;
  }

  function add(e: SimEvent): void {
    lastT = e.t;
    const b = Math.floor(e.t / binSeconds);
    switch (e.type) {
      case 'visitor.arrived':
        bump(arrivals, b);
        bump(admitted, b); // undone by visitor.unavailable
        visitors.set(e.visitor, { arrivedAt: e.t, bin: b, queued: false });
        return;
      case 'visitor.unavailable': {
        bump(unavailable, b);
        const v = visitors.get(e.visitor);
        if (v) {
          admitted[v.bin]--;
          visitors.delete(e.visitor);
        }
        return;
      }
      case 'visitor.queued': {
        const v = visitors.get(e.visitor);
        if (v && !v.queued) {
          v.queued = true;
          queue.set(e.t, queue.value + 1);
        }
        return;
      }
      case 'visitor.assigned': {
        bump(assigned, b);
        active.set(e.t, active.value + 1);
        const v = visitors.get(e.visitor);
        if (!v) return;
        if (v.queued) {
          v.queued = false;
          queue.set(e.t, queue.value - 1);
        }
        const wait = e.t - v.arrivedAt;
        servedWaits[waitIndex(wait)]++;
        if (wait <= sl) bump(within, v.bin);
        return;
      }
      case 'visitor.abandoned': {
        bump(abandoned, b);
        const v = visitors.get(e.visitor);
        if (!v) return;
        if (v.queued) queue.set(e.t, queue.value - 1);
        abandonedWaits[waitIndex(e.t - v.arrivedAt)]++;
        visitors.delete(e.visitor);
        return;
      }
      case 'visitor.unanswered':
        bump(unanswered, b);
        return;
      case 'chat.ended':
        if (active.value > 0) active.set(e.t, active.value - 1);
        visitors.delete(e.visitor);
        return;
      case 'operator.status': {
        const before = status.get(e.operator);
        if (before === e.status) return;
        status.set(e.operator, e.status);
        const delta = (e.status === 'online' ? 1 : 0) - (before === 'online' ? 1 : 0);
        if (delta !== 0) online.set(e.t, online.value + delta);
        return;
      }
      default:
        return;
    }
  }

  function result(): TimeSeries {
    const end = Math.max(lastT, scenario.durationMinutes * 60);
    const n = Math.max(1, Math.ceil(end / binSeconds));
    queue.advance(end);
    active.advance(end);
    online.advance(end);
    const col = (s: number[]) => Array.from({ length: n }, (_, i) => s[i] ?? 0);
    const mean = (s: StepSeries) =>
      Array.from({ length: n }, (_, i) => {
        const width = Math.min(binSeconds, end - i * binSeconds);
        return width > 0 ? (s.sums[i] ?? 0) / width : (s.maxes[i] ?? s.value);
      });
    const max = (s: StepSeries) => Array.from({ length: n }, (_, i) => s.maxes[i] ?? s.value);
    const adm = col(admitted);
    const win = col(within);
    return {
      binSeconds,
      t: Array.from({ length: n }, (_, i) => i * binSeconds),
      arrivals: col(arrivals),
      unavailable: col(unavailable),
      abandoned: col(abandoned),
      unanswered: col(unanswered),
      assigned: col(assigned),
      admitted: adm,
      servedWithinSL: win,
      serviceLevel: adm.map((a, i) => (a > 0 ? win[i] / a : null)),
      queueMax: max(queue),
      queueMean: mean(queue),
      activeChatsMax: max(active),
      activeChatsMean: mean(active),
      onlineOperatorsMean: mean(online),
      waitHistogram: {
        binSeconds: waitBin,
        served: servedWaits.slice(),
        abandoned: abandonedWaits.slice(),
      },
    };
  }

  return { add, result };
}
