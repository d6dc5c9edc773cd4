/**
 * Sweeps past one machine: `--shard I/N` writes one JSON line per run, each carrying the sweep it
 * belongs to, so lines can be concatenated in any order, from any number of files; `--merge`
 * checks they form one whole sweep and reduces them to the same result as running it in one go.
 */
import type { Scenario } from '../scenario/types.ts';
import { isMetricKey, METRIC_KEYS, type RunFigures } from './figures.ts';
import type { SweepDefinition, SweepJob } from './grid.ts';
import { PARAM_NAMES, type Vary } from './params.ts';
import { parseTarget } from './target.ts';

/** What every line of a sweep repeats, to tell sweeps apart and to rebuild the result. */
export interface SweepHeader {
  scenario: string;
  /** A hash of the whole scenario: the same name with different contents is a different sweep. */
  fingerprint: string;
  serviceLevelSeconds: number;
  seed: number;
  reps: number;
  vary: Vary[];
  target: string | null;
}

export interface RunLine {
  sweep: SweepHeader;
  job: number;
  point: number;
  rep: number;
  seed: number;
  params: SweepJob['params'];
  metrics: RunFigures;
}

/** FNV-1a (64-bit, as two 32-bit halves) of the scenario's JSON: a label, not a security check. */
export function fingerprint(scenario: Scenario): string {
  const text = JSON.stringify(scenario);
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193 ^ 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

export function sweepHeader(sweep: SweepDefinition, scenario: Scenario): SweepHeader {
  return {
    scenario: sweep.name,
    fingerprint: fingerprint(scenario),
    serviceLevelSeconds: scenario.serviceLevelSeconds,
    seed: sweep.seed,
    reps: sweep.reps,
    vary: sweep.varies,
    target: sweep.target?.expr ?? null,
  };
}

export function runLine(header: SweepHeader, job: SweepJob, metrics: RunFigures): string {
  const line: RunLine = {
    sweep: header,
    job: job.index,
    point: job.point,
    rep: job.rep,
    seed: job.seed,
    params: job.params,
    metrics,
  };
  return JSON.stringify(line);
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** What is wrong with a parsed line, or null when it is a run line. */
function lineProblem(x: unknown): string | null {
  if (!isObject(x)) return 'not a JSON object';
  const h = x.sweep;
  if (!isObject(h)) return 'no "sweep" header (not written by sweep --shard)';
  if (typeof h.scenario !== 'string' || typeof h.fingerprint !== 'string')
    return 'bad "sweep" header';
  if (!Number.isSafeInteger(h.seed) || !Number.isSafeInteger(h.reps) || (h.reps as number) < 1)
    return 'bad "sweep" header (seed, reps)';
  if (
    !Array.isArray(h.vary) ||
    h.vary.length === 0 ||
    !h.vary.every(
      (v) =>
        isObject(v) &&
        (PARAM_NAMES as readonly unknown[]).includes(v.name) &&
        Array.isArray(v.values) &&
        v.values.length > 0,
    )
  )
    return 'bad "sweep" header (vary)';
  if (!Number.isSafeInteger(x.job) || (x.job as number) < 0) return '"job" is not a run number';
  const m = x.metrics;
  if (!isObject(m)) return 'no "metrics"';
  for (const key of METRIC_KEYS)
    if (!(typeof m[key] === 'number' || m[key] === null)) return `metrics.${key} is missing`;
  if (Object.keys(m).some((k) => !isMetricKey(k))) return 'unknown key in "metrics"';
  return null;
}

export interface MergeInput {
  /** A file name, for error lines. */
  name: string;
  text: string;
}

/**
 * Checks that the lines of `files` are the runs of one sweep, each exactly once (a run repeated
 * with the same figures is fine: a shard run twice), and returns its definition and runs by job.
 */
export function mergeRuns(files: readonly MergeInput[]): {
  sweep?: SweepDefinition & { serviceLevelSeconds: number };
  runs?: RunFigures[];
  errors: string[];
} {
  const errors: string[] = [];
  let header: { text: string; value: SweepHeader; where: string } | null = null;
  const runs = new Map<number, { figures: RunFigures; text: string; where: string }>();
  for (const file of files) {
    const lines = file.text.split('\n');
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (line === '') return;
      const where = `${file.name}:${i + 1}`;
      let x: unknown;
      try {
        x = JSON.parse(line);
      } catch {
        errors.push(`${where}: not JSON (expected one run per line, from sweep --shard)`);
        return;
      }
      const problem = lineProblem(x);
      if (problem) {
        errors.push(`${where}: ${problem}`);
        return;
      }
      const run = x as RunLine;
      const text = JSON.stringify(run.sweep);
      if (!header) header = { text, value: run.sweep, where };
      else if (text !== header.text) {
        errors.push(
          `${where}: a run of another sweep than ${header.where} (scenario, seed, reps, vary or target differ)`,
        );
        return;
      }
      const figures = JSON.stringify(run.metrics);
      const seen = runs.get(run.job);
      if (seen && seen.text !== figures) {
        errors.push(`${where}: run ${run.job} is also in ${seen.where}, with other figures`);
        return;
      }
      if (!seen) runs.set(run.job, { figures: run.metrics, text: figures, where });
    });
  }
  if (errors.length > 0) return { errors };
  const h = (header as { value: SweepHeader } | null)?.value;
  if (!h) return { errors: ['--merge: no runs in the files'] };
  const points = h.vary.reduce((n, v) => n * v.values.length, 1);
  const total = points * h.reps;
  const missing: number[] = [];
  for (let j = 0; j < total; j++) if (!runs.has(j)) missing.push(j);
  const extra = [...runs.keys()].filter((j) => j >= total);
  if (extra.length > 0)
    return { errors: [`--merge: run ${extra[0]} is past the sweep's ${total} runs`] };
  if (missing.length > 0) {
    const list = missing.slice(0, 8).join(', ') + (missing.length > 8 ? ', …' : '');
    return {
      errors: [
        `--merge: ${missing.length} of ${total} runs are missing (runs ${list}): is a shard not merged?`,
      ],
    };
  }
  let target;
  if (h.target !== null) {
    const parsed = parseTarget(h.target);
    if (!parsed.target) return { errors: [`--merge: ${parsed.error}`] };
    target = parsed.target;
  }
  return {
    sweep: {
      name: h.scenario,
      varies: h.vary,
      reps: h.reps,
      seed: h.seed,
      target,
      serviceLevelSeconds: h.serviceLevelSeconds,
    },
    runs: Array.from({ length: total }, (_, j) => runs.get(j)!.figures),
    errors: [],
  };
}
