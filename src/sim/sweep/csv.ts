/** A sweep as CSV (CLI `--csv` and the page's export): papaparse quotes what needs quoting. */
import Papa from 'papaparse';
import { METRIC_KEYS } from './figures.ts';
import type { SweepResult } from './reduce.ts';

/** The CSV: a row per point, its parameters then each figure's mean, lo and hi. */
export function sweepCsv(result: SweepResult): string {
  const names = result.vary.map((v) => v.name);
  const fields = [
    ...names,
    'reps',
    ...METRIC_KEYS.flatMap((k) => [`${k}_mean`, `${k}_lo`, `${k}_hi`]),
  ];
  const data = result.points.map((p) => [
    ...names.map((n) => (p.params[n] === null ? 'null' : p.params[n])),
    p.reps,
    ...METRIC_KEYS.flatMap((k) => [p.metrics[k].mean, p.metrics[k].lo, p.metrics[k].hi]),
  ]);
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}
