/**
 * The headline figures of a run, worded once for every view (CLI summary, Results KPIs, Outcomes
 * chart), so they cannot disagree.
 *
 * Every visitor is one of: answered (an operator at the keyboard took the chat), unanswered (assigned
 * to an operator who never came back in time), abandoned (left the queue) or turned away ("No
 * available collaborator"). A product person reads the first figures and decides from them, so each
 * share says what it is a share of: these four, and the answered-in-time figure, are shares of
 * *all* visitors. `serviceLevel` is a share of the visitors not turned away and is labelled so.
 */
import { count } from '../format/number.ts';
import { duration } from '../format/time.ts';
import type { OutcomeStats, Summary } from '../metrics.ts';

export type HeadlineKey =
  'answered' | 'answeredWithinTarget' | 'unanswered' | 'abandoned' | 'unavailable';

export interface HeadlineFigure {
  key: HeadlineKey;
  /** What the figure counts, e.g. "Answered within 20 s". */
  label: string;
  count: number;
  /** count ÷ all visitors; null when there were none. */
  share: number | null;
}

/** What every headline share is a share of. */
export const SHARE_OF = 'of all visitors';

/** Counts recovered from their fractions: count / visitors * visitors rounds back exactly. */
const countOf = (fraction: number | null, visitors: number) =>
  fraction === null ? 0 : Math.round(fraction * visitors);

/** The five headline figures, answered ones first, in the order the views show them. */
export function headlineFigures(s: Summary): HeadlineFigure[] {
  const share = (n: number) => (s.visitors > 0 ? n / s.visitors : null);
  const answered = countOf(s.answeredFraction, s.visitors);
  const inTime = countOf(s.answeredWithinTarget, s.visitors);
  return [
    { key: 'answered', label: 'Answered', count: answered, share: share(answered) },
    {
      key: 'answeredWithinTarget',
      label: `Answered within ${duration(s.serviceLevelSeconds)}`,
      count: inTime,
      share: share(inTime),
    },
    { key: 'unanswered', label: 'Unanswered', count: s.unanswered, share: share(s.unanswered) },
    { key: 'abandoned', label: 'Abandoned', count: s.abandoned, share: share(s.abandoned) },
    {
      key: 'unavailable',
      label: 'Turned away (no available collaborator)',
      count: s.unavailable,
      share: share(s.unavailable),
    },
  ];
}

/** "Served 95, of which 7 unanswered": served visitors were assigned, unanswered ones included. */
export function servedLine(s: Pick<Summary, 'served' | 'unanswered'>): string {
  return `Served ${count(s.served)}, of which ${count(s.unanswered)} unanswered`;
}

/** The label of `serviceLevel`; its share is of `SERVICE_LEVEL_OF`. */
export function serviceLevelLabel(serviceLevelSeconds: number): string {
  return `Service level (assigned within ${duration(serviceLevelSeconds)})`;
}

/** What `serviceLevel` and `waitedFraction` are shares of. */
export const SERVICE_LEVEL_OF = 'of visitors not turned away';

/** What `languageMatch` is a share of. */
export const LANGUAGE_MATCH_OF = 'of assigned visitors';

/**
 * The visitor counts and wait figures every report of a run carries (Results, compared arms), with
 * what they are when nobody arrived: no wait, every visitor answered in time.
 */
export interface OutcomeFigures {
  visitors: number;
  served: number;
  abandoned: number;
  unavailable: number;
  unanswered: number;
  meanWaitSeconds: number;
  serviceLevel: number;
  /** The headline: visitors whose chat started within `serviceLevelSeconds`, of all visitors. */
  answeredWithinTarget: number;
}

export function outcomeFigures(s: OutcomeStats): OutcomeFigures {
  return {
    visitors: s.visitors,
    served: s.served,
    abandoned: s.abandoned,
    unavailable: s.unavailable,
    unanswered: s.unanswered,
    meanWaitSeconds: s.meanWaitSeconds ?? 0,
    serviceLevel: s.serviceLevel ?? 1,
    answeredWithinTarget: s.answeredWithinTarget ?? 1,
  };
}
