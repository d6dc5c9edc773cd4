/**
 * `sim sweep`: staffing and policy sweeps, headless, on every core.
 *
 *   npm run --silent sim -- sweep FILE --vary NAME=VALUES [--vary NAME=VALUES] [--reps N] [--seed S]
 *                                      [--jobs N] [--target EXPR] [--json] [--csv OUT.csv]
 *                                      [--shard I/N]
 *   npm run --silent sim -- sweep --merge FILES… [--json] [--csv OUT.csv]
 *
 * The grid, transforms, statistics and target finder are the core's (src/sim/sweep/); this module
 * only reads flags and files, runs jobs on worker threads (sweep-pool.ts) and writes the output.
 * Bad input exits with status 2 and one line per problem, as the scenario CLI does.
 */
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { duration } from '../sim/format/time.ts';
import { METRIC_KEYS, metricLabel, type MetricKey, type RunFigures } from '../sim/sweep/figures.ts';
import { pointScenarios, shardJobs, sweepJobs, type Sweep } from '../sim/sweep/grid.ts';
import { parseVaries } from '../sim/sweep/params.ts';
import { sweepCsv } from '../sim/sweep/csv.ts';
import { reduceSweep, type SweepResult } from '../sim/sweep/reduce.ts';
import { mergeRuns, runLine, sweepHeader } from '../sim/sweep/shard.ts';
import { parseTarget, type Target } from '../sim/sweep/target.ts';
import { answerInWords, formatEstimate } from '../sim/sweep/words.ts';
import { loadScenario } from './scenario-file.ts';
import { runJobs } from './sweep-pool.ts';

export const SWEEP_USAGE =
  'usage: npm run --silent sim -- sweep FILE --vary NAME=VALUES [--vary NAME=VALUES] [--reps N] [--seed S] [--jobs N] [--target EXPR] [--json] [--csv OUT.csv] [--shard I/N]\n' +
  '       npm run --silent sim -- sweep --merge FILES… [--json] [--csv OUT.csv]';

export interface SweepArgs {
  file?: string;
  merge: string[];
  vary: string[];
  reps: number;
  seed?: number;
  jobs: number;
  target?: Target;
  json: boolean;
  csv?: string;
  shard?: { index: number; of: number };
  quiet: boolean;
}

/** A positive integer flag value, or the problem with it. */
function positiveInt(flag: string, v: string): { n?: number; error?: string } {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1)
    return { error: `${flag}: "${v}" is not a whole number ≥ 1` };
  return { n };
}

/** Parses the arguments after `sweep`; returns every problem instead of throwing. */
export function parseSweepArgs(argv: readonly string[]): { args?: SweepArgs; errors: string[] } {
  const errors: string[] = [];
  const args: SweepArgs = {
    merge: [],
    vary: [],
    reps: 10,
    jobs: availableParallelism(),
    json: false,
    quiet: false,
  };
  const files: string[] = [];
  let merging = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) {
        errors.push(`${a}: missing value`);
        i--;
        return undefined;
      }
      return v;
    };
    if (a === '--vary') {
      const v = value();
      if (v !== undefined) args.vary.push(v);
    } else if (a === '--reps' || a === '--jobs') {
      const v = value();
      if (v !== undefined) {
        const { n, error } = positiveInt(a, v);
        if (error) errors.push(error);
        else if (a === '--reps') args.reps = n!;
        else args.jobs = n!;
      }
    } else if (a === '--seed') {
      const v = value();
      if (v !== undefined) {
        const n = Number(v);
        if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n))
          errors.push(`--seed: "${v}" is not an integer`);
        else args.seed = n;
      }
    } else if (a === '--target') {
      const v = value();
      if (v !== undefined) {
        const { target, error } = parseTarget(v);
        if (error) errors.push(error);
        else args.target = target;
      }
    } else if (a === '--csv') args.csv = value();
    else if (a === '--shard') {
      const v = value();
      if (v !== undefined) {
        const m = /^(\d+)\/(\d+)$/.exec(v);
        const index = m ? Number(m[1]) : NaN;
        const of = m ? Number(m[2]) : NaN;
        if (!m) errors.push(`--shard: "${v}" is not I/N (e.g. 2/8)`);
        else if (of < 1 || index < 1 || index > of)
          errors.push(`--shard: "${v}": I must be from 1 to N`);
        else args.shard = { index, of };
      }
    } else if (a === '--merge') merging = true;
    else if (a === '--json') args.json = true;
    else if (a === '--quiet') args.quiet = true;
    else if (a === '--help' || a === '-h') errors.push(SWEEP_USAGE);
    else if (a.startsWith('-') && a !== '-') errors.push(`${a}: unknown option`);
    else files.push(a);
  }
  if (merging) {
    if (files.length === 0) errors.push('--merge: no FILES to merge');
    for (const flag of ['vary', 'shard', 'seed'] as const) {
      if (
        (flag === 'vary' && args.vary.length > 0) ||
        (flag !== 'vary' && args[flag] !== undefined)
      )
        errors.push(`--${flag}: not with --merge (the shards' lines carry the sweep)`);
    }
    args.merge = files;
  } else {
    if (files.length === 0) errors.push('missing scenario FILE');
    if (files.length > 1) errors.push(`one scenario FILE at a time (got ${files.join(', ')})`);
    args.file = files[0];
    errors.push(...parseVaries(args.vary).errors);
    if (args.shard && (args.json || args.csv))
      errors.push('--shard: writes one JSON line per run; use --json or --csv with --merge');
  }
  if (errors.length > 0) return { errors };
  return { args, errors };
}

/** The table's columns: the outcomes (the CSV and --json have every figure). */
const METRIC_COLUMNS: readonly MetricKey[] = METRIC_KEYS.slice(
  0,
  METRIC_KEYS.indexOf('unanswered'),
);

/** The readable table: a row per point, the figures as "mean (95% interval)". */
export function formatSweep(
  result: SweepResult,
  serviceLevelSeconds: number,
  target?: Target,
): string {
  const sl = duration(serviceLevelSeconds);
  const names = result.vary.map((v) => v.name);
  const header = [
    ...names,
    ...METRIC_COLUMNS.map((k) => metricLabel(k, sl).replace(/ \(.*\)$/, '')),
  ];
  const rows = result.points.map((p) => [
    ...names.map((n) => (p.params[n] === null ? 'unlimited' : String(p.params[n]))),
    ...METRIC_COLUMNS.map((k) => formatEstimate(k, p.metrics[k])),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c < names.length ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  const out = [
    `${result.scenario}: ${result.points.length} points × ${result.reps} replications (seeds ${result.seed}–${result.seed + result.reps - 1}); mean (95% interval)`,
    '',
    line(header),
    ...rows.map(line),
  ];
  out.push('', `Shares are of all visitors, except service level (of visitors not turned away).`);
  if (target && result.target) out.push(answerInWords(result, target, serviceLevelSeconds));
  return out.join('\n');
}

/** A progress bar on stderr (only on a terminal): runs done of all. */
function progress(total: number, show: boolean) {
  let done = 0;
  let drawn = -1;
  return {
    tick() {
      done++;
      if (!show) return;
      const p = Math.floor((100 * done) / total);
      if (p === drawn) return;
      drawn = p;
      const bar = '#'.repeat(p >> 2).padEnd(25, '.');
      process.stderr.write(`\r[${bar}] ${String(p).padStart(3)}%  ${done}/${total} runs`);
    },
    clear() {
      if (show) process.stderr.write('\r\x1b[K');
    },
  };
}

function fail(errors: readonly string[]): number {
  for (const e of errors) process.stderr.write(`${e}\n`);
  return 2;
}

/** Writes the result as asked: JSON or the table on stdout, and the CSV file. */
function output(
  args: SweepArgs,
  result: SweepResult,
  serviceLevelSeconds: number,
  target?: Target,
): number {
  if (args.csv !== undefined) {
    try {
      writeFileSync(args.csv, sweepCsv(result));
    } catch (err) {
      return fail([
        `--csv: cannot write ${args.csv} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      ]);
    }
  }
  if (args.json) process.stdout.write(JSON.stringify(result) + '\n');
  else process.stdout.write(formatSweep(result, serviceLevelSeconds, target) + '\n');
  return 0;
}

/** Why `path` cannot be written (without touching it), or null. */
function unwritable(path: string): string | null {
  try {
    accessSync(existsSync(path) ? path : dirname(resolve(path)), constants.W_OK);
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

async function merge(args: SweepArgs): Promise<number> {
  const files: { name: string; text: string }[] = [];
  const errors: string[] = [];
  for (const name of args.merge) {
    try {
      files.push({ name, text: readFileSync(name, 'utf8') });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      errors.push(
        `${name}: cannot read (${code === 'ENOENT' ? 'no such file' : (code ?? String(err))})`,
      );
    }
  }
  if (errors.length > 0) return fail(errors);
  const merged = mergeRuns(files);
  if (!merged.sweep) return fail(merged.errors);
  const sweep = { ...merged.sweep, target: args.target ?? merged.sweep.target };
  const result = reduceSweep(sweep, merged.runs!);
  return output(args, result, merged.sweep.serviceLevelSeconds, sweep.target);
}

export async function sweepMain(argv: readonly string[]): Promise<number> {
  // Asked for: the usage on stdout and success, whatever else is on the line (as `sim --help`).
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${SWEEP_USAGE}\n`);
    return 0;
  }
  const { args, errors } = parseSweepArgs(argv);
  // One line per problem, nothing else (the usage only when asked for with --help).
  if (!args) return fail(errors);
  if (args.merge.length > 0) return merge(args);

  // A CSV that could not be written would throw the whole sweep away: check before running it.
  if (args.csv !== undefined) {
    const problem = unwritable(args.csv);
    if (problem) return fail([`--csv: cannot write ${args.csv} (${problem})`]);
  }
  const loaded = loadScenario(args.file!);
  if (!loaded.scenario) return fail(loaded.errors);
  const scenario = loaded.scenario;
  const sweep: Sweep = {
    name: scenario.name,
    scenario,
    varies: parseVaries(args.vary).varies,
    reps: args.reps,
    seed: args.seed ?? scenario.seed,
    target: args.target,
  };
  // Every point's scenario must be valid before any run starts.
  const checked = pointScenarios(sweep);
  if (checked.errors.length > 0) return fail(checked.errors);

  const all = sweepJobs(sweep);
  const jobs = args.shard ? shardJobs(all, args.shard.index, args.shard.of) : all;
  const runs: (RunFigures | undefined)[] = new Array(all.length);
  const bar = progress(
    jobs.length,
    !args.json && !args.shard && !args.quiet && !!process.stderr.isTTY,
  );
  const header = args.shard ? sweepHeader(sweep, scenario) : null;
  const lines: string[] = [];
  await runJobs(scenario, jobs, args.jobs, (job, figures) => {
    runs[job.index] = figures;
    bar.tick();
  });
  bar.clear();
  if (header) {
    // In job order, whatever order the workers finished in.
    for (const job of jobs) lines.push(runLine(header, job, runs[job.index]!));
    process.stdout.write(lines.map((l) => l + '\n').join(''));
    return 0;
  }
  return output(args, reduceSweep(sweep, runs), scenario.serviceLevelSeconds, args.target);
}
