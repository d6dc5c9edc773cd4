/**
 * Nothing lost, on many random scenarios (issue 10 §3):
 *
 *   npm run fuzz -- [--seeds N] [--from S] [--quiet]
 *
 * Seed s (from S to S+N-1) makes one random valid scenario with src/fuzz/gen.ts: every policy, both
 * inactivity effects, queue and unavailable, one seed in five busy; one seed in three puts a
 * trainee in the first seat with random inputs (join, leave, languages, activity, chat.close). Each run's event log must pass
 * src/fuzz/log-invariants.ts (every visitor ends exactly once, no capacity exceeded, the summary
 * adds up with the log) and the metrics fed live during the run must equal the ones folded from the
 * log afterwards. A failing seed is printed as a command that runs it alone, and its scenario and
 * inputs are written next to it for `npm run sim`.
 *
 * Exit status: 0 all passed, 1 a seed failed, 2 bad flags.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { createEngine, type HumanInput } from '../sim/engine.ts';
import type { SimEvent } from '../sim/events.ts';
import { createMetrics, summarize } from '../sim/metrics.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { scenarioArb, traineeRunArb } from '../fuzz/gen.ts';
import { logViolations } from '../fuzz/log-invariants.ts';

export interface FuzzArgs {
  seeds: number;
  from: number;
  quiet: boolean;
}

export const USAGE = 'usage: npm run fuzz -- [--seeds N] [--from SEED] [--quiet]';

/** Parses argv; returns the problems found instead of throwing. */
export function parseFuzzArgs(argv: string[]): { args?: FuzzArgs; errors: string[] } {
  const errors: string[] = [];
  const args: FuzzArgs = { seeds: 200, from: 1, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quiet') {
      args.quiet = true;
      continue;
    }
    if (a !== '--seeds' && a !== '--from') {
      errors.push(`${a}: unknown flag (${USAGE})`);
      continue;
    }
    const v = argv[++i];
    const n = Number(v);
    if (v === undefined || !Number.isSafeInteger(n))
      errors.push(`${a}: "${v ?? ''}" is not an integer`);
    else if (a === '--seeds' && n < 1) errors.push(`--seeds: ${n} must be at least 1`);
    else if (a === '--seeds') args.seeds = n;
    else args.from = n;
  }
  return errors.length > 0 ? { errors } : { args, errors };
}

export interface FuzzCase {
  seed: number;
  /** The first seat is a trainee's, with random inputs. */
  trainee: boolean;
  scenario: Scenario;
  inputs: HumanInput[];
}

/** The scenario (and trainee inputs) of one fuzz seed: the same seed always gives the same case. */
export function fuzzCase(seed: number): FuzzCase {
  // One seed in five is busy (up to 240 visitors an hour per stream for up to 8 hours): queues,
  // full capacity and many chats at once, where the small cases rarely go.
  const size = seed % 5 === 4 ? { maxArrivalsPerHour: 240, maxDurationMinutes: 480 } : {};
  if (seed % 3 === 0) {
    const [{ scenario, inputs }] = fc.sample(traineeRunArb(size), { seed, numRuns: 1 });
    return { seed, trainee: true, scenario, inputs };
  }
  const [scenario] = fc.sample(scenarioArb(size), { seed, numRuns: 1 });
  return { seed, trainee: false, scenario, inputs: [] };
}

export interface FuzzResult {
  violations: string[];
  visitors: number;
  events: number;
}

/** Runs one case and lists what it broke (empty: nothing lost). */
export function runCase(c: FuzzCase, create: typeof createEngine = createEngine): FuzzResult {
  const log: SimEvent[] = [];
  const live = createMetrics(c.scenario);
  try {
    create(c.scenario, {
      inputs: c.inputs,
      onEvent: (e) => {
        log.push(e);
        live.add(e);
      },
    }).run();
  } catch (err) {
    return { violations: [`the engine threw: ${String(err)}`], visitors: 0, events: log.length };
  }
  const violations = logViolations(c.scenario, log);
  const folded = summarize(c.scenario, log);
  if (!isDeepStrictEqual(live.summary(), folded))
    violations.push('the metrics fed during the run differ from the ones folded from the log');
  return { violations, visitors: folded.visitors, events: log.length };
}

/** What a failing seed prints: its problems, the command that runs it alone, where its scenario is. */
export function failureReport(c: FuzzCase, violations: readonly string[], file: string): string {
  const inputs = c.trainee ? ` (trainee inputs in ${file.replace(/\.json$/, '.inputs.json')})` : '';
  return (
    `\nFAIL seed ${c.seed}: ${violations.length} problem(s)\n` +
    violations.map((v) => `  ${v}\n`).join('') +
    `  reproduce: npm run fuzz -- --from ${c.seed} --seeds 1\n` +
    `  scenario:  ${file}${inputs}\n`
  );
}

/** What the runs covered, so a reader sees the fuzz reached every mode. */
function tallyKey(s: Scenario, trainee: boolean): string[] {
  return [
    `policy ${s.policy}`,
    `inactivity ${s.inactivity.effect}`,
    `whenNoOperator ${s.whenNoOperator}`,
    trainee ? 'with a trainee' : 'no trainee',
  ];
}

export function main(argv: string[]): number {
  const { args, errors } = parseFuzzArgs(argv);
  if (!args) {
    for (const e of errors) process.stderr.write(`${e}\n`);
    return 2;
  }
  const started = process.hrtime.bigint();
  const tally = new Map<string, number>();
  let visitors = 0;
  let events = 0;
  let failed = 0;
  let lastReport = started;
  const last = args.from + args.seeds - 1;
  for (let seed = args.from; seed <= last; seed++) {
    const c = fuzzCase(seed);
    const r = runCase(c);
    visitors += r.visitors;
    events += r.events;
    for (const k of tallyKey(c.scenario, c.trainee)) tally.set(k, (tally.get(k) ?? 0) + 1);
    if (r.violations.length > 0) {
      failed++;
      mkdirSync('.cache/fuzz', { recursive: true });
      const file = `.cache/fuzz/seed-${seed}.json`;
      writeFileSync(file, JSON.stringify(c.scenario, null, 2) + '\n');
      if (c.trainee)
        writeFileSync(
          `.cache/fuzz/seed-${seed}.inputs.json`,
          JSON.stringify(c.inputs, null, 2) + '\n',
        );
      process.stderr.write(failureReport(c, r.violations, file));
    }
    const now = process.hrtime.bigint();
    if (!args.quiet && (now - lastReport > 1_000_000_000n || seed === last)) {
      lastReport = now;
      const done = seed - args.from + 1;
      process.stderr.write(
        `\rfuzz: ${done}/${args.seeds} seeds, ${visitors.toLocaleString('en-US')} visitors, ${failed} failed`,
      );
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!args.quiet) process.stderr.write('\n');
  const covered = [...tally]
    .sort()
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  process.stdout.write(
    `${args.seeds} seeds (${args.from}–${last}), ${visitors.toLocaleString('en-US')} visitors, ` +
      `${events.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s: ` +
      (failed === 0 ? 'nothing lost.\n' : `${failed} seed(s) FAILED.\n`) +
      `covered: ${covered}\n`,
  );
  return failed === 0 ? 0 : 1;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!);
if (isMain) process.exitCode = main(process.argv.slice(2));
