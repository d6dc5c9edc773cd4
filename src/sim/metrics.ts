/**
 * Metrics: pure streaming reducers over the event log (src/sim/events.ts).
 *
 * `createMetrics(scenario)` folds events one at a time into the run summary printed by the CLI's
 * `--json` and shown by the trainer page. Memory is O(visitors in flight): a visitor's state is dropped
 * at its last event (unavailable, abandoned, or its `chat.ended`), so a run of millions of events costs
 * no more than its busiest instant. Percentiles come from a fixed-size histogram.
 *
 * Definitions (the analytic references in analytic.ts use the same ones):
 * - `visitors = served + abandoned + unavailable` for a finished run (`waiting` counts the rest while a
 *   run is in progress); `unanswered` visitors were assigned, so they are part of `served`.
 * - `waitedFraction`: visitors not assigned at the instant of arrival ÷ (visitors − unavailable).
 * - `meanWaitSeconds`: arrival → `visitor.assigned`, over served visitors (zero waits included).
 * - `serviceLevel`: visitors assigned within `serviceLevelSeconds` ÷ (visitors − unavailable).
 * - `abandonmentRate`: abandoned ÷ (visitors − unavailable); `unavailableRate`: unavailable ÷ visitors.
 * - `languageMatch`: assigned visitors whose operator speaks their language (main language or Online
 *   Chat Languages, as they were at the assignment) ÷ assigned visitors.
 * - `meanTimeToAnswerSeconds`: arrival → `chat.started` (the operator at the keyboard), over visitors
 *   whose chat started.
 * - The headline figures count every visitor, so a visitor turned away or left waiting lowers them:
 *   `answeredFraction`: visitors whose chat started ÷ visitors; `answeredWithinTarget`: visitors whose
 *   chat started within `serviceLevelSeconds` of arrival ÷ visitors. For a finished run,
 *   `visitors = answered + unanswered + abandoned + unavailable`.
 * - Operators: a session is open from `visitor.assigned` to `chat.ended` (a chat waiting for an absent
 *   operator counts: Odoo counts it as active). `busyFraction` is the fraction of time with ≥ 1 open
 *   session; `meanOpenChats` the time-average of open sessions; `utilisation` is meanOpenChats ÷ the
 *   operator's capacity (Σ maxSessions over every channel they were ever a member of), or null when one
 *   of those channels is unlimited. `peakOpenChats`: the most sessions open at once.
 * - `languageSplit`: assigned visitors by how their operator spoke their language at the assignment
 *   (main language, an Online Chat Language, or neither); the parts sum to the assigned visitors.
 * - Ratios with an empty denominator are null, never NaN, so the summary is valid JSON.
 * - `simulatedSeconds`: the time of the last event, at least `durationMinutes · 60`.
 */

import type { SimEvent } from './events.ts';
import { languageInterner, type Scenario } from './scenario/types.ts';
import { WaitHistogram } from './metrics/histogram.ts';

export { WaitHistogram } from './metrics/histogram.ts';
export { createTimeSeries } from './metrics/time-series.ts';
export type { TimeSeries, TimeSeriesOptions } from './metrics/time-series.ts';
export { createTimeline } from './metrics/timeline.ts';
export type { Timeline, OperatorTimeline } from './metrics/timeline.ts';
export {
  headlineFigures,
  LANGUAGE_MATCH_OF,
  servedLine,
  SERVICE_LEVEL_OF,
  serviceLevelLabel,
  SHARE_OF,
} from './metrics/headline.ts';
export type { HeadlineFigure, HeadlineKey } from './metrics/headline.ts';

/** Times are rounded to the millisecond; differences may carry float noise around the threshold. */
const SL_EPSILON = 1e-6;

export interface OutcomeStats {
  visitors: number;
  served: number;
  abandoned: number;
  unavailable: number;
  unanswered: number;
  /** Arrived but not yet assigned, abandoned or turned away (0 once a run has finished). */
  waiting: number;
  waitedFraction: number | null;
  meanWaitSeconds: number | null;
  serviceLevel: number | null;
  languageMatch: number | null;
  abandonmentRate: number | null;
  unavailableRate: number | null;
  meanTimeToAnswerSeconds: number | null;
  /** Visitors whose chat started ÷ all visitors (turned away ones included). */
  answeredFraction: number | null;
  /** Visitors whose chat started within `serviceLevelSeconds` of arrival ÷ all visitors. */
  answeredWithinTarget: number | null;
}

export interface OperatorSummary {
  id: string;
  /** Visitors assigned to the operator (unanswered ones included). */
  sessions: number;
  busyFraction: number;
  meanOpenChats: number;
  utilisation: number | null;
  peakOpenChats: number;
}

export interface LanguageSplit {
  main: number;
  extra: number;
  none: number;
}

export interface Summary extends OutcomeStats {
  serviceLevelSeconds: number;
  p50WaitSeconds: number | null;
  p90WaitSeconds: number | null;
  p95WaitSeconds: number | null;
  maxWaitSeconds: number | null;
  operators: OperatorSummary[];
  languageSplit: LanguageSplit;
  perChannel: (OutcomeStats & { channel: string })[];
  perLanguage: (OutcomeStats & { lang: string })[];
  events: number;
  simulatedSeconds: number;
}

export interface MetricsOptions {
  /**
   * Visitors arriving before this time are left out, and operator time-averages start here. Used to
   * drop the start-up transient (an empty system) when comparing with steady-state formulas.
   */
  warmupSeconds?: number;
}

export interface Metrics {
  add(e: SimEvent): void;
  summary(): Summary;
  /** Visitors currently held in memory (for tests of the O(in-flight) promise). */
  readonly inFlight: number;
}

class Tally {
  visitors = 0;
  served = 0;
  abandoned = 0;
  unavailable = 0;
  unanswered = 0;
  assignedAtArrival = 0;
  withinSL = 0;
  waitSum = 0;
  matched = 0;
  answered = 0;
  answerSum = 0;
  answeredWithin = 0;

  answer(seconds: number, within: number): void {
    this.answered++;
    this.answerSum += seconds;
    this.answeredWithin += within;
  }

  serve(wait: number, atArrival: number, within: number, matched: number): void {
    this.served++;
    this.waitSum += wait;
    this.assignedAtArrival += atArrival;
    this.withinSL += within;
    this.matched += matched;
  }

  stats(): OutcomeStats {
    const admitted = this.visitors - this.unavailable;
    const ratio = (x: number, d: number) => (d > 0 ? x / d : null);
    return {
      visitors: this.visitors,
      served: this.served,
      abandoned: this.abandoned,
      unavailable: this.unavailable,
      unanswered: this.unanswered,
      waiting: this.visitors - this.served - this.abandoned - this.unavailable,
      waitedFraction: ratio(admitted - this.assignedAtArrival, admitted),
      meanWaitSeconds: ratio(this.waitSum, this.served),
      serviceLevel: ratio(this.withinSL, admitted),
      languageMatch: ratio(this.matched, this.served),
      abandonmentRate: ratio(this.abandoned, admitted),
      unavailableRate: ratio(this.unavailable, this.visitors),
      meanTimeToAnswerSeconds: ratio(this.answerSum, this.answered),
      answeredFraction: ratio(this.answered, this.visitors),
      answeredWithinTarget: ratio(this.answeredWithin, this.visitors),
    };
  }
}

interface VisitorState {
  arrivedAt: number;
  lang: string;
  channel: Tally;
  language: Tally;
}

class OperatorState {
  id: string;
  lang: string;
  extra: string[];
  channels = new Set<string>();
  /** The channel of the last assignment: most come from the same one, and skip the set. */
  lastChannel = '';
  sessions = 0;
  open = 0;
  peak = 0;
  lastT = 0;
  busyTime = 0;
  openArea = 0;

  constructor(id: string, lang: string, extra: string[], channels: string[], from: number) {
    this.id = id;
    this.lang = lang;
    this.extra = extra;
    for (const c of channels) this.channels.add(c);
    this.lastT = from;
  }

  /** Which of the operator's languages serves `lang`, if any. */
  speaks(lang: string): keyof LanguageSplit {
    if (this.lang === lang) return 'main';
    return this.extra.includes(lang) ? 'extra' : 'none';
  }

  /** Integrates the open-session count up to t (never before `from`, the warm-up). */
  advance(t: number, from: number): void {
    const start = this.lastT > from ? this.lastT : from;
    if (t > start) {
      const dt = t - start;
      if (this.open > 0) this.busyTime += dt;
      this.openArea += this.open * dt;
    }
    if (t > this.lastT) this.lastT = t;
  }
}

/**
 * A streaming reducer: `add` every event in log order, read `summary()` at any time (mid-run too).
 * No per-event allocation except one small record per arriving visitor.
 */
export function createMetrics(scenario: Scenario, options: MetricsOptions = {}): Metrics {
  const from = options.warmupSeconds ?? 0;
  const sl = scenario.serviceLevelSeconds + SL_EPSILON;
  const maxSessions = new Map<string, number | null>();
  for (const c of scenario.channels) maxSessions.set(c.id, c.maxSessions);

  const total = new Tally();
  const byChannel = new Map<string, Tally>();
  const byLanguage = new Map<string, Tally>();
  for (const c of scenario.channels) byChannel.set(c.id, new Tally());
  for (const l of scenario.languages) byLanguage.set(l, new Tally());

  const operators = new Map<string, OperatorState>();
  const lang = languageInterner(scenario);
  for (const o of scenario.operators) {
    operators.set(
      o.id,
      new OperatorState(o.id, lang(o.lang), o.extraLanguages.map(lang), o.channels, from),
    );
  }
  const visitors = new Map<string, VisitorState>();
  const waits = new WaitHistogram();
  const languageSplit: LanguageSplit = { main: 0, extra: 0, none: 0 };
  let events = 0;
  let lastT = 0;

  function operator(id: string): OperatorState {
    let op = operators.get(id);
    if (!op) {
      // Not in the scenario (a hand-made log): no languages known, so never a language match.
      op = new OperatorState(id, '', [], [], from);
      operators.set(id, op);
    }
    return op;
  }

  function tally(map: Map<string, Tally>, key: string): Tally {
    let t = map.get(key);
    if (!t) {
      t = new Tally();
      map.set(key, t);
    }
    return t;
  }

  function add(e: SimEvent): void {
    events++;
    lastT = e.t;
    switch (e.type) {
      case 'visitor.arrived': {
        if (e.t < from) return;
        const channel = tally(byChannel, e.channel);
        const language = tally(byLanguage, e.lang);
        total.visitors++;
        channel.visitors++;
        language.visitors++;
        visitors.set(e.visitor, { arrivedAt: e.t, lang: e.lang, channel, language });
        return;
      }
      case 'visitor.assigned': {
        const op = operator(e.operator);
        op.advance(e.t, from);
        op.open++;
        if (op.open > op.peak) op.peak = op.open;
        op.sessions++;
        if (e.channel !== op.lastChannel) {
          op.channels.add(e.channel);
          op.lastChannel = e.channel;
        }
        const v = visitors.get(e.visitor);
        if (!v) return;
        const wait = e.t - v.arrivedAt;
        const atArrival = wait === 0 ? 1 : 0;
        const within = wait <= sl ? 1 : 0;
        const spoken = op.speaks(v.lang);
        // One field each (a computed key here was a megamorphic lookup on every assignment).
        if (spoken === 'main') languageSplit.main++;
        else if (spoken === 'extra') languageSplit.extra++;
        else languageSplit.none++;
        const matched = spoken === 'none' ? 0 : 1;
        waits.add(wait);
        total.serve(wait, atArrival, within, matched);
        v.channel.serve(wait, atArrival, within, matched);
        v.language.serve(wait, atArrival, within, matched);
        return;
      }
      case 'chat.started': {
        const v = visitors.get(e.visitor);
        if (!v) return;
        const answer = e.t - v.arrivedAt;
        const within = answer <= sl ? 1 : 0;
        total.answer(answer, within);
        v.channel.answer(answer, within);
        v.language.answer(answer, within);
        return;
      }
      case 'chat.ended': {
        const op = operator(e.operator);
        op.advance(e.t, from);
        if (op.open > 0) op.open--;
        visitors.delete(e.visitor);
        return;
      }
      case 'visitor.unanswered': {
        const v = visitors.get(e.visitor);
        if (!v) return;
        total.unanswered++;
        v.channel.unanswered++;
        v.language.unanswered++;
        return;
      }
      case 'visitor.abandoned': {
        const v = visitors.get(e.visitor);
        if (!v) return;
        total.abandoned++;
        v.channel.abandoned++;
        v.language.abandoned++;
        visitors.delete(e.visitor);
        return;
      }
      case 'visitor.unavailable': {
        const v = visitors.get(e.visitor);
        if (!v) return;
        total.unavailable++;
        v.channel.unavailable++;
        v.language.unavailable++;
        visitors.delete(e.visitor);
        return;
      }
      case 'operator.languages': {
        operator(e.operator).extra = e.languages;
        return;
      }
      case 'operator.joined': {
        operator(e.operator).channels.add(e.channel);
        return;
      }
      case 'visitor.queued':
      case 'operator.left':
      case 'operator.status':
      case 'operator.break.started':
      case 'operator.break.ended':
        return;
    }
  }

  function summary(): Summary {
    const end = Math.max(lastT, scenario.durationMinutes * 60);
    const span = end - from;
    const ops: OperatorSummary[] = [];
    for (const op of operators.values()) {
      const start = op.lastT > from ? op.lastT : from;
      const tail = end > start ? end - start : 0;
      const busy = op.busyTime + (op.open > 0 ? tail : 0);
      const area = op.openArea + op.open * tail;
      let capacity: number | null = 0;
      for (const c of op.channels) {
        const k = maxSessions.get(c);
        if (k === null || k === undefined || capacity === null) capacity = null;
        else capacity += k;
      }
      const meanOpenChats = span > 0 ? area / span : 0;
      ops.push({
        id: op.id,
        sessions: op.sessions,
        busyFraction: span > 0 ? busy / span : 0,
        meanOpenChats,
        utilisation: capacity ? meanOpenChats / capacity : null,
        peakOpenChats: op.peak,
      });
    }
    const perChannel = [...byChannel].map(([channel, t]) => ({ channel, ...t.stats() }));
    const perLanguage = [...byLanguage].map(([lang, t]) => ({ lang, ...t.stats() }));
    return {
      ...total.stats(),
      serviceLevelSeconds: scenario.serviceLevelSeconds,
      p50WaitSeconds: waits.quantile(0.5),
      p90WaitSeconds: waits.quantile(0.9),
      p95WaitSeconds: waits.quantile(0.95),
      maxWaitSeconds: waits.count > 0 ? waits.max : null,
      operators: ops,
      languageSplit: { ...languageSplit },
      perChannel,
      perLanguage,
      events,
      simulatedSeconds: end,
    };
  }

  return {
    add,
    summary,
    get inFlight() {
      return visitors.size;
    },
  };
}

/** Folds a whole log at once. */
export function summarize(
  scenario: Scenario,
  events: Iterable<SimEvent>,
  options?: MetricsOptions,
): Summary {
  const m = createMetrics(scenario, options);
  for (const e of events) m.add(e);
  return m.summary();
}
