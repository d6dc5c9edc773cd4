/**
 * A job: `(scenario, seed) → figures`. One run of the engine folded by the core's metrics reducer
 * (the CLI's `--json` numbers), reduced to the per-run figures a sweep averages over replications.
 */
import { createEngine } from '../engine.ts';
import { createMetrics, type Summary } from '../metrics.ts';
import type { Scenario } from '../scenario/types.ts';

/** The figures of a sweep point, in output order. Shares are of all visitors unless said. */
export const METRIC_KEYS = [
  'answeredWithinTarget',
  'answeredFraction',
  'serviceLevel',
  'meanWaitSeconds',
  'abandoned',
  'unavailable',
  'unanswered',
  'languageMatch',
  'busyFraction',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** One run's figures; null where the run had nothing to divide by (no visitors, nobody served). */
export type RunFigures = Record<MetricKey, number | null>;

export function isMetricKey(key: string): key is MetricKey {
  return (METRIC_KEYS as readonly string[]).includes(key);
}

/** How each figure reads to people; `sl` is the scenario's `serviceLevelSeconds` as text. */
export function metricLabel(key: MetricKey, sl: string): string {
  switch (key) {
    case 'answeredWithinTarget':
      return `answered within ${sl}`;
    case 'answeredFraction':
      return 'answered';
    case 'serviceLevel':
      return `service level (assigned within ${sl}, of visitors not turned away)`;
    case 'meanWaitSeconds':
      return 'mean wait';
    case 'abandoned':
      return 'abandoned';
    case 'unavailable':
      return 'turned away';
    case 'unanswered':
      return 'unanswered';
    case 'languageMatch':
      return 'language match (of assigned visitors)';
    case 'busyFraction':
      return 'operators busy (mean)';
  }
}

/** Every figure is a share in [0, 1] except the mean wait, in seconds. */
export const isShare = (key: MetricKey) => key !== 'meanWaitSeconds';

/** The sweep figures of one run's summary. */
export function runFigures(s: Summary): RunFigures {
  const ofVisitors = (n: number) => (s.visitors > 0 ? n / s.visitors : null);
  const ops = s.operators;
  return {
    answeredWithinTarget: s.answeredWithinTarget,
    answeredFraction: s.answeredFraction,
    serviceLevel: s.serviceLevel,
    meanWaitSeconds: s.meanWaitSeconds,
    abandoned: ofVisitors(s.abandoned),
    unavailable: ofVisitors(s.unavailable),
    unanswered: ofVisitors(s.unanswered),
    languageMatch: s.languageMatch,
    busyFraction:
      ops.length > 0 ? ops.reduce((sum, o) => sum + o.busyFraction, 0) / ops.length : null,
  };
}

/** Runs `scenario` with `seed` to the end (every conversation closed) and returns its figures. */
export function runOnce(scenario: Scenario, seed: number): RunFigures {
  const metrics = createMetrics(scenario);
  // Figures only: no explanation lists in the reasons (nothing here reads them).
  const engine = createEngine(scenario, {
    seed,
    policy: scenario.policy,
    onEvent: metrics.add,
    explain: false,
  });
  engine.run();
  return runFigures(metrics.summary());
}
