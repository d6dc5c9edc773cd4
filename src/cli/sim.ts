/**
 * Headless runs of the same core the page uses.
 *
 *   npm run --silent sim -- FILE [--seed N] [--policy NAME] [--json] [--events OUT.jsonl]
 *
 * Bad input (unreadable file, invalid JSON, a bad scenario, a bad flag) exits with status 2 and one
 * line per problem on stderr, never a stack trace.
 */
import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine } from '../sim/engine.ts';
import type { SimEvent } from '../sim/events.ts';
import { duration } from '../sim/format/time.ts';
import {
  headlineFigures,
  LANGUAGE_MATCH_OF,
  SERVICE_LEVEL_OF,
  serviceLevelLabel,
  SHARE_OF,
  type Summary,
} from '../sim/metrics.ts';
import { policies } from '../sim/policies/index.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { expectedArrivals, usesClock } from '../sim/traffic.ts';
import { envThreshold, flagValue } from './flag-value.ts';
import { createFold, foldOnThread } from './fold.ts';
import { importOdooMain } from './import-odoo.ts';
import { loadScenario } from './scenario-file.ts';
import { sweepMain } from './sweep.ts';
import { operatorLabels } from '../sim/format/names.ts';
import { roundFigures } from '../sim/format/precision.ts';

export interface CliArgs {
  file: string;
  seed?: number;
  policy?: string;
  json: boolean;
  events?: string;
  quiet: boolean;
  /** Prints wall time and peak RSS of this process on stderr (used by `npm run bench`). */
  stats: boolean;
  /** `--help` / `-h`: print HELP and exit 0, whatever else is on the command line. */
  help?: boolean;
}

export const USAGE =
  'usage: npm run --silent sim -- FILE [--seed N] [--policy NAME] [--json] [--events OUT.jsonl] [--quiet]';

/** What `--help` prints (on stdout, exit status 0). */
export const HELP = `${USAGE}
       npm run --silent sim -- sweep FILE …         (sweep --help for its options)
       npm run --silent sim -- import-odoo FILE …   (import-odoo --help for its options)

Runs a scenario file (livechat-sandbox/scenario@1) on the same core as the page and prints a
summary table.

  FILE              the scenario (JSON; see docs/scenario-format.md)
  --seed N          the seed (default: the scenario's own)
  --policy NAME     the assignment policy (default: the scenario's): ${Object.keys(policies).join(', ')}
  --json            one JSON object instead of the table; seconds rounded to 0.1 s, other
                    fractions and means to 4 decimals
  --events OUT      also write every event, in time order, as JSON Lines to OUT
  --quiet           no progress bar on stderr
  -h, --help        this help

Exit status: 0 when the run completed, 2 on bad input (one line per problem on stderr).`;

/** Parses argv; returns the problems found instead of throwing. */
export function parseArgs(argv: string[]): { args?: CliArgs; errors: string[] } {
  const errors: string[] = [];
  const args: Partial<CliArgs> = { json: false, quiet: false, stats: false };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => flagValue(argv, ++i, a, errors);
    if (a === '--seed') {
      const v = value();
      if (v !== undefined) {
        const n = Number(v);
        if (!Number.isSafeInteger(n)) errors.push(`--seed: "${v}" is not an integer`);
        else args.seed = n;
      }
    } else if (a === '--policy') {
      const v = value();
      if (v !== undefined) {
        if (!(v in policies))
          errors.push(
            `--policy: "${v}" is not a policy (valid: ${Object.keys(policies).join(', ')})`,
          );
        else args.policy = v;
      }
    } else if (a === '--events') args.events = value();
    else if (a === '--json') args.json = true;
    else if (a === '--quiet') args.quiet = true;
    else if (a === '--stats') args.stats = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a.startsWith('-')) errors.push(`${a}: unknown option`);
    else files.push(a);
  }
  if (args.help) return { args: { ...args, file: files[0] ?? '' } as CliArgs, errors: [] };
  if (files.length === 0) errors.push('missing scenario FILE');
  if (files.length > 1) errors.push(`one scenario FILE at a time (got ${files.join(', ')})`);
  if (errors.length > 0) return { errors };
  return { args: { ...args, file: files[0] } as CliArgs, errors };
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const secs = (x: number | null) => (x === null ? '–' : duration(x));

/** One line below the operators table for each of its columns. */
export const OPERATOR_COLUMNS: [string, string][] = [
  ['sessions', 'visitors assigned to the operator (unanswered ones included)'],
  ['busy', 'share of the run with at least one chat open'],
  ['util.', 'open chats ÷ capacity (max sessions), time-averaged; – when capacity is unlimited'],
];

/** The readable summary table. */
export function formatSummary(
  scenario: Scenario,
  policy: string,
  seed: number,
  s: Summary,
): string {
  const share = (x: number | null, of: string) => (x === null ? '–' : `${pct(x)} ${of}`);
  const rows: [string, string][] = [
    ['Scenario', scenario.name],
    ['Policy / seed', `${policy} / ${seed}`],
    ['Simulated time', duration(s.simulatedSeconds)],
    ['Visitors', String(s.visitors)],
    // The headline: every visitor counts, so turning visitors away can never look like success.
    ...headlineFigures(s).map((f): [string, string] => [
      f.label,
      `${f.count} · ${share(f.share, SHARE_OF)}`,
    ]),
    ['Served', `${s.served}, of which ${s.unanswered} unanswered`],
    ['Waited', share(s.waitedFraction, SERVICE_LEVEL_OF)],
    ['Mean wait', secs(s.meanWaitSeconds)],
    ['p90 wait', secs(s.p90WaitSeconds)],
    [serviceLevelLabel(s.serviceLevelSeconds), share(s.serviceLevel, SERVICE_LEVEL_OF)],
    ['Language match', share(s.languageMatch, LANGUAGE_MATCH_OF)],
    ['Events', String(s.events)],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`);
  // Operators by name as on the page (the id only where two share a name).
  const names = operatorLabels(scenario.operators);
  const label = (id: string) => names.get(id) ?? id;
  const nw = Math.max('Operator'.length, ...s.operators.map((o) => label(o.id).length));
  const row = (name: string, sessions: string, busy: string, util: string) =>
    `${name.padEnd(nw)}  ${sessions.padStart(8)}  ${busy.padStart(6)}  ${util.padStart(6)}`;
  lines.push('', row('Operator', 'sessions', 'busy', 'util.'));
  for (const o of s.operators)
    lines.push(row(label(o.id), String(o.sessions), pct(o.busyFraction), pct(o.utilisation)));
  lines.push('', ...OPERATOR_COLUMNS.map(([column, meaning]) => `${column.padEnd(8)}  ${meaning}`));
  return lines.join('\n');
}

/** Buffered JSON Lines writer: one write per ~1 MB keeps --events cheap. */
function jsonlWriter(path: string) {
  const out = createWriteStream(path);
  // Opening and writing fail asynchronously (a missing directory, a full disk): keep the first
  // error for close() to report, rather than an unhandled 'error' event or a silent success.
  let failure: Error | null = null;
  out.on('error', (err) => (failure ??= err));
  let buf = '';
  return {
    write(e: SimEvent) {
      buf += JSON.stringify(e) + '\n';
      if (buf.length > 1 << 20) {
        out.write(buf);
        buf = '';
      }
    },
    close(): Promise<void> {
      return new Promise((resolve, reject) => {
        const settle = (err?: Error | null) => {
          const e = failure ?? err;
          if (e) reject(e);
          else resolve();
        };
        if (out.destroyed) settle();
        else out.end(buf, settle);
      });
    },
  };
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'import-odoo') return importOdooMain(argv.slice(1));
  if (argv[0] === 'sweep') return sweepMain(argv.slice(1));
  const { args, errors } = parseArgs(argv);
  if (!args) {
    for (const e of errors) process.stderr.write(`${e}\n`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const loaded = loadScenario(args.file);
  if (!loaded.scenario) {
    for (const e of loaded.errors) process.stderr.write(`${e}\n`);
    return 2;
  }
  const scenario = loaded.scenario;
  const policy = args.policy ?? scenario.policy;
  const seed = args.seed ?? scenario.seed;
  // Staffing by hour (issue 8), for scenarios on a clock: one more reducer on the same events.
  const byHour = args.json && usesClock(scenario);
  let writer: ReturnType<typeof jsonlWriter> | undefined;
  try {
    writer = args.events ? jsonlWriter(args.events) : undefined;
  } catch (err) {
    process.stderr.write(`--events: cannot write ${args.events} (${(err as Error).message})\n`);
    return 2;
  }
  // A long run without --events: the log in compact chunks, folded on a second thread while the
  // run goes on (fold.ts). Otherwise events as objects, folded here (and written).
  const threaded = !writer && useFoldThread(expectedVisitors(scenario));
  const here = threaded ? null : createFold(scenario, byHour);
  const alongside = threaded ? foldOnThread(scenario, byHour) : null;
  const engine = createEngine(scenario, {
    seed,
    policy,
    // The reasons' candidate lists are only worth building when the log is written.
    explain: writer !== undefined,
    ...(here
      ? {
          onEvent: writer
            ? (e: SimEvent) => {
                here.add(e);
                writer!.write(e);
              }
            : here.add,
        }
      : alongside!.engineOptions),
  });

  // Progress on stderr for long runs, by simulated time (arrivals end at the horizon). Without
  // it the run goes in one piece: each slice hands over a part-filled chunk of the log.
  const horizon = scenario.durationMinutes * 60;
  const showProgress = !args.quiet && process.stderr.isTTY;
  const slice = horizon / 200;
  let drawn = -1;
  for (let t = slice; showProgress && !engine.done && t <= horizon + slice; t += slice) {
    engine.runUntil(t);
    const p = Math.min(100, Math.floor((100 * Math.min(t, horizon)) / horizon));
    if (p !== drawn) {
      drawn = p;
      const bar = '#'.repeat(p >> 2).padEnd(25, '.');
      process.stderr.write(`\r[${bar}] ${String(p).padStart(3)}%  ${engine.eventCount} events`);
    }
  }
  engine.run(); // the conversations still open after the last arrival
  if (showProgress) process.stderr.write('\r\x1b[K');
  if (writer) {
    try {
      await writer.close();
    } catch (err) {
      process.stderr.write(`--events: cannot write ${args.events} (${(err as Error).message})\n`);
      return 2;
    }
  }
  const { summary, byHour: hours } = here ? here.figures() : await alongside!.figures();
  if (args.json)
    process.stdout.write(
      JSON.stringify({
        scenario: scenario.name,
        policy,
        seed,
        ...roundFigures({ ...summary, ...(hours && { byHour: hours }) }),
      }) + '\n',
    );
  else process.stdout.write(formatSummary(scenario, policy, seed, summary) + '\n');
  if (args.stats)
    process.stderr.write(
      JSON.stringify({
        wallSeconds: process.uptime(),
        maxRssMB: process.resourceUsage().maxRSS / 1024,
      }) + '\n',
    );
  return 0;
}

/**
 * Visitors a scenario must expect before its fold moves to a second thread: from ~75,000 (~300,000
 * events, ~0.13 s of run) the thread saves more than its start-up costs (measured on 2 cores: a
 * run of 80,000 events took 0.30 s with it and 0.25 s without; one of 400,000, 0.44 s and 0.46 s).
 * On one core it only competes with the run (15-20% slower on the bench), so it is never used.
 */
const FOLD_THREAD_MIN_VISITORS = 75_000;

/**
 * Whether a run expecting `visitors` folds on a second thread. `SIM_FOLD_THREAD_MIN_VISITORS`
 * replaces the rule by its own threshold, whatever the cores (0: always; the tests take that path
 * on small runs).
 */
function useFoldThread(visitors: number): boolean {
  const min = envThreshold('SIM_FOLD_THREAD_MIN_VISITORS');
  if (min !== undefined) return visitors >= min;
  return availableParallelism() > 1 && visitors >= FOLD_THREAD_MIN_VISITORS;
}

/** Visitors the scenario's streams are expected to bring over its duration. */
function expectedVisitors(scenario: Scenario): number {
  const horizon = scenario.durationMinutes * 60;
  let sum = 0;
  for (const stream of scenario.visitors) sum += expectedArrivals(scenario, stream, 0, horizon);
  return sum;
}

/** Runs the CLI with `argv` and exits with its status (a bug, not bad input, says so plainly). */
export function run(argv: string[]): void {
  main(argv).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`internal error: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}

// Run when this file is the process's entry point (`node .cache/cli/sim.mjs …`); scripts/sim.mjs
// imports it and calls `run` itself.
const entry = process.argv[1] ? pathToFileURL(resolve(process.argv[1])).href : '';
if (import.meta.url === entry) run(process.argv.slice(2));
