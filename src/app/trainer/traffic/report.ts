import type { ReportFigures } from '../../../sim/import/odoo-sessions';
import type { HourRow } from '../../../sim/metrics/by-hour';
import type { Summary } from '../../../sim/metrics';

export interface ReportLine {
  label: string;
  file: string;
  run: string;
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const secs = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)} s`);

/** Simulated arrivals per hour of the day, averaged over the days of the run (as the report's). */
export function runSessionsPerHour(rows: readonly HourRow[], days: number): number[] {
  const out = new Array<number>(24).fill(0);
  for (const r of rows) out[r.hour] += r.arrivals;
  return out.map((x) => (days > 0 ? x / days : 0));
}

/**
 * The report's own figures beside the run's: how close the model is to the team's reality. A run's
 * "without answer" counts every visitor no operator answered (turned away, gave up, unanswered).
 */
export function reportLines(report: ReportFigures, summary: Summary): ReportLine[] {
  const unanswered = summary.unavailable + summary.abandoned + summary.unanswered;
  return [
    { label: 'Sessions', file: String(report.sessions), run: String(summary.visitors) },
    {
      label: 'Sessions per day',
      file: (report.sessions / Math.max(1, report.days)).toFixed(1),
      run: (summary.visitors / Math.max(1, report.days)).toFixed(1),
    },
    {
      label: 'Mean time to answer',
      file: secs(report.meanTimeToAnswerSeconds),
      run: secs(summary.meanTimeToAnswerSeconds),
    },
    {
      label: 'Share without answer',
      file: pct(report.withoutAnswerShare),
      run: pct(summary.visitors > 0 ? unanswered / summary.visitors : null),
    },
  ];
}
