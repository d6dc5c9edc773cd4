import type { SimEvent } from '../../sim/events';
import type { Scenario } from '../../sim/scenario/types';

/**
 * Chart-ready figures computed from a finished run's event log. A pure reducer over the log, like
 * the core's metrics, but shaped for plotting (histograms, sampled series, Gantt bars).
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
export interface Results {
  end: number;
  visitors: number;
  served: number;
  abandoned: number;
  unavailable: number;
  unanswered: number;
  meanWaitSeconds: number;
  serviceLevel: number;
  waitedFraction: number;
  language: { main: number; extra: number; none: number };
  waitHistogram: { edges: number[]; counts: number[] };
  series: { t: number[]; queue: number[]; active: number[] };
  serviceLevelByHour: { hour: number[]; level: (number | null)[]; arrivals: number[] };
  operators: OperatorFigures[];
}

const SAMPLES = 240;

export function computeResults(scenario: Scenario, events: readonly SimEvent[]): Results {
  const sl = scenario.serviceLevelSeconds;
  const end = Math.max(
    scenario.durationMinutes * 60,
    events.length ? events[events.length - 1].t : 0,
    1,
  );
  const langs = new Map(
    scenario.operators.map((o) => [o.id, { main: o.lang, extra: [...o.extraLanguages] }]),
  );
  const arrivedAt = new Map<string, { t: number; lang: string }>();
  const waits: number[] = [];
  let visitors = 0,
    served = 0,
    abandoned = 0,
    unavailable = 0,
    unanswered = 0,
    waited = 0,
    withinSl = 0;
  const language = { main: 0, extra: 0, none: 0 };
  const hours = Math.max(1, Math.ceil(end / 3600));
  const hourArrivals = new Array<number>(hours).fill(0);
  const hourCounted = new Array<number>(hours).fill(0);
  const hourWithin = new Array<number>(hours).fill(0);
  const hourOf = (t: number) => Math.min(hours - 1, Math.floor(t / 3600));

  // Step series: record (t, queue, active) after every change, then sample.
  const stepT: number[] = [0];
  const stepQ: number[] = [0];
  const stepA: number[] = [0];
  let queue = 0,
    active = 0;
  const mark = (t: number) => {
    if (stepT[stepT.length - 1] === t) {
      stepQ[stepQ.length - 1] = queue;
      stepA[stepA.length - 1] = active;
    } else {
      stepT.push(t);
      stepQ.push(queue);
      stepA.push(active);
    }
  };

  const ops = new Map<
    string,
    {
      open: Set<string>;
      sessions: number;
      since: number;
      busy: number;
      area: number;
      peak: number;
      bars: GanttBar[];
      openBars: Map<string, GanttBar>;
    }
  >();
  for (const o of scenario.operators)
    ops.set(o.id, {
      open: new Set(),
      sessions: 0,
      since: 0,
      busy: 0,
      area: 0,
      peak: 0,
      bars: [],
      openBars: new Map(),
    });
  const settle = (id: string, t: number) => {
    const o = ops.get(id);
    if (!o) return;
    if (o.open.size > 0) o.busy += t - o.since;
    o.area += o.open.size * (t - o.since);
    o.since = t;
  };
  const openBar = (id: string, key: string, kind: BarKind, t: number) => {
    const o = ops.get(id);
    if (o && !o.openBars.has(key)) o.openBars.set(key, { kind, from: t, to: t });
  };
  const closeBar = (id: string, key: string, t: number) => {
    const o = ops.get(id);
    const b = o?.openBars.get(key);
    if (o && b) {
      b.to = t;
      o.bars.push(b);
      o.openBars.delete(key);
    }
  };
  const waiting = new Set<string>();

  for (const e of events) {
    switch (e.type) {
      case 'visitor.arrived':
        visitors++;
        arrivedAt.set(e.visitor, { t: e.t, lang: e.lang });
        hourArrivals[hourOf(e.t)]++;
        waiting.add(e.visitor);
        queue++;
        mark(e.t);
        break;
      case 'visitor.unavailable':
        unavailable++;
        hourArrivals[hourOf(arrivedAt.get(e.visitor)?.t ?? e.t)]--;
        if (waiting.delete(e.visitor)) queue--;
        mark(e.t);
        break;
      case 'visitor.abandoned': {
        abandoned++;
        const a = arrivedAt.get(e.visitor);
        if (a) hourCounted[hourOf(a.t)]++;
        waited++;
        if (waiting.delete(e.visitor)) queue--;
        mark(e.t);
        break;
      }
      case 'visitor.assigned': {
        served++;
        const a = arrivedAt.get(e.visitor);
        const w = a ? e.t - a.t : 0;
        waits.push(w);
        if (w > 0) waited++;
        if (w <= sl) withinSl++;
        if (a) {
          hourCounted[hourOf(a.t)]++;
          if (w <= sl) hourWithin[hourOf(a.t)]++;
          const l = langs.get(e.operator);
          if (l?.main === a.lang) language.main++;
          else if (l?.extra.includes(a.lang)) language.extra++;
          else language.none++;
        }
        if (waiting.delete(e.visitor)) queue--;
        active++;
        settle(e.operator, e.t);
        const o = ops.get(e.operator);
        if (o) {
          o.open.add(e.visitor);
          o.sessions++;
          o.peak = Math.max(o.peak, o.open.size);
        }
        openBar(e.operator, `chat:${e.visitor}`, 'chat', e.t);
        mark(e.t);
        break;
      }
      case 'visitor.unanswered':
        unanswered++;
        break;
      case 'chat.ended': {
        settle(e.operator, e.t);
        const o = ops.get(e.operator);
        if (o?.open.delete(e.visitor)) active--;
        closeBar(e.operator, `chat:${e.visitor}`, e.t);
        mark(e.t);
        break;
      }
      case 'operator.break.started':
        openBar(e.operator, 'break', 'break', e.t);
        break;
      case 'operator.break.ended':
        closeBar(e.operator, 'break', e.t);
        break;
      case 'operator.left':
        if (e.reason === 'inactivity') openBar(e.operator, 'removed', 'removed', e.t);
        break;
      case 'operator.joined':
        if (e.reason === 'return') closeBar(e.operator, 'removed', e.t);
        break;
      case 'operator.status':
        if (e.status === 'away') openBar(e.operator, 'away', 'away', e.t);
        else if (e.status === 'online') closeBar(e.operator, 'away', e.t);
        break;
      case 'operator.languages': {
        const l = langs.get(e.operator);
        if (l) l.extra = [...e.languages];
        break;
      }
    }
  }

  const operators: OperatorFigures[] = scenario.operators.map((op) => {
    const o = ops.get(op.id)!;
    settle(op.id, end);
    for (const key of [...o.openBars.keys()]) closeBar(op.id, key, end);
    return {
      id: op.id,
      name: op.name,
      sessions: o.sessions,
      busyFraction: o.busy / end,
      meanLoad: o.area / end,
      peakLoad: o.peak,
      bars: o.bars.sort((a, b) => a.from - b.from),
    };
  });

  // Sample the step series on a regular grid so long runs stay cheap to plot.
  const t: number[] = [],
    q: number[] = [],
    act: number[] = [];
  let j = 0;
  for (let i = 0; i <= SAMPLES; i++) {
    const at = (end * i) / SAMPLES;
    while (j + 1 < stepT.length && stepT[j + 1] <= at) j++;
    t.push(at);
    q.push(stepQ[j]);
    act.push(stepA[j]);
  }

  const counted = visitors - unavailable;
  return {
    end,
    visitors,
    served,
    abandoned,
    unavailable,
    unanswered,
    meanWaitSeconds: waits.length ? waits.reduce((s, w) => s + w, 0) / waits.length : 0,
    serviceLevel: counted > 0 ? withinSl / counted : 1,
    waitedFraction: counted > 0 ? waited / counted : 0,
    language,
    waitHistogram: histogram(waits),
    series: { t, queue: q, active: act },
    serviceLevelByHour: {
      hour: hourArrivals.map((_, i) => i),
      level: hourCounted.map((c, i) => (c > 0 ? hourWithin[i] / c : null)),
      arrivals: hourArrivals,
    },
    operators,
  };
}

/** Wait times in seconds, binned on round edges (0, 10 s, 20 s … or minutes for long waits). */
export function histogram(values: readonly number[]): { edges: number[]; counts: number[] } {
  let max = 0;
  for (const v of values) if (v > max) max = v; // no spread: logs reach 200k values
  const steps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  const width = steps.find((s) => max / s <= 24) ?? Math.ceil(max / 24);
  const n = Math.max(1, Math.ceil((max + 1e-9) / width));
  const counts = new Array<number>(n).fill(0);
  for (const v of values) counts[Math.min(n - 1, Math.floor(v / width))]++;
  return { edges: counts.map((_, i) => i * width), counts };
}
