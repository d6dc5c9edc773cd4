/**
 * The grid: a sweep is its base scenario, one or two varied parameters, replications and a seed.
 * It expands into points (the cartesian product, first parameter outermost) and jobs (a point and a
 * replication). Executors (worker_threads, Web Workers, `--shard` on other machines) only run jobs;
 * everything else is here and in reduce.ts.
 */
import { formatErrors, parseScenario } from '../scenario/validate.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Vary } from './params.ts';
import type { Target } from './target.ts';
import { applyParams, rateProblems, type Params } from './transform.ts';

/** What a sweep's result depends on besides its runs (shard lines carry it for `--merge`). */
export interface SweepDefinition {
  /** The scenario's name. */
  name: string;
  varies: Vary[];
  /** Replications of each point. */
  reps: number;
  /** Replication r of every point runs with seed `seed + r` (common random numbers). */
  seed: number;
  target?: Target;
}

export interface Sweep extends SweepDefinition {
  scenario: Scenario;
}

/** One run to do: replication `rep` of point `point`. `index = point · reps + rep`. */
export interface SweepJob {
  index: number;
  point: number;
  rep: number;
  seed: number;
  params: Params;
}

/** The points in the order of the cartesian product, the first `--vary` outermost. */
export function gridPoints(varies: readonly Vary[]): Params[] {
  let points: Params[] = [{}];
  for (const v of varies) {
    const next: Params[] = [];
    for (const p of points) for (const value of v.values) next.push({ ...p, [v.name]: value });
    points = next;
  }
  return points;
}

/** Every job of the sweep, by index. */
export function sweepJobs(sweep: SweepDefinition): SweepJob[] {
  const jobs: SweepJob[] = [];
  gridPoints(sweep.varies).forEach((params, point) => {
    for (let rep = 0; rep < sweep.reps; rep++) {
      jobs.push({ index: point * sweep.reps + rep, point, rep, seed: sweep.seed + rep, params });
    }
  });
  return jobs;
}

/**
 * Shard `shard` of `of` (1-based, as GNU parallel's `{#}` and Slurm arrays count): every `of`-th
 * job, so each shard gets a share of every point (cheap and costly points alike).
 */
export function shardJobs(jobs: readonly SweepJob[], shard: number, of: number): SweepJob[] {
  return jobs.filter((j) => j.index % of === shard - 1);
}

/** Each point's scenario, checked by the scenario validator: one line per problem, or none. */
export function pointScenarios(sweep: Sweep): { scenarios: Scenario[]; errors: string[] } {
  const errors: string[] = sweep.varies.some((v) => v.name === 'rate')
    ? rateProblems(sweep.scenario)
    : [];
  const scenarios = gridPoints(sweep.varies).map((params) => {
    const s = applyParams(sweep.scenario, params);
    const checked = parseScenario(s);
    if (!checked.ok) {
      const at = Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      for (const line of formatErrors(checked.errors)) errors.push(`at ${at}: ${line}`);
    }
    return s;
  });
  return { scenarios, errors: [...new Set(errors)] };
}
