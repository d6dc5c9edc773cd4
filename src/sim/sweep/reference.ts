/**
 * What the Erlang formulas predict for the sweep's figures (the headline ones included), so the page
 * can draw the textbook curve beside the simulated one and the Results view can show it under each
 * KPI. Valid only where `analyticReference` matched: every operator always at the keyboard, so a chat
 * starts when it is assigned and nobody is left unanswered.
 */
import type { AnalyticReference } from '../analytic.ts';

export type ReferenceFigures = {
  answeredFraction: number;
  answeredWithinTarget: number;
  serviceLevel: number;
  abandoned: number;
  unavailable: number;
  unanswered: number;
  meanWaitSeconds: number | null;
};

/** The expected figures, each over the same population the simulated metric uses. */
export function referenceFigures(expected: AnalyticReference['expected']): ReferenceFigures {
  const admitted = 1 - expected.blocking;
  return {
    answeredFraction: admitted * (1 - expected.abandonment),
    answeredWithinTarget: admitted * expected.serviceLevel,
    serviceLevel: expected.serviceLevel,
    abandoned: admitted * expected.abandonment,
    unavailable: expected.blocking,
    unanswered: 0,
    meanWaitSeconds: expected.meanWaitSeconds,
  };
}
