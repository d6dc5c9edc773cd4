/**
 * `npm run bench`: speed and memory of the simulation core, printed (never asserted by a timed test).
 *
 * 1. The whole `npm run sim` process on public/scenarios/bench.json (start-up included): logged
 *    events per second, visitors per second, peak RSS; side by side with a hand-tuned plain-JS
 *    loop of the same model (scripts/bench-baseline.mjs, not the product), and the ratio.
 * 2. The same engine in-process, without the CLI around it.
 * 3. The compiled path against plain XState actors on a slice of the same scenario.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../sim/engine.ts';
import { loadScenario } from './scenario-file.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const file = resolve(root, process.argv[2] ?? 'public/scenarios/bench.json');

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const loaded = loadScenario(file);
if (!loaded.scenario) {
  for (const e of loaded.errors) process.stderr.write(`${e}\n`);
  process.exit(2);
}
const scenario = loaded.scenario;
console.log(`bench scenario: ${scenario.name} (${file})`);
console.log(
  `  ${scenario.operators.length} operators, ${scenario.channels.length} channels, ${scenario.languages.length} languages, policy ${scenario.policy}, ${scenario.whenNoOperator} mode, ${(scenario.durationMinutes / 60 / 24).toFixed(1)} simulated days`,
);

// 1. The whole CLI process, exactly as `npm run sim` starts it: the launcher that checks the bundle
// is up to date, then the CLI in the same process, with the V8 flags of package.json's `sim`
// script (read from there, so the two cannot drift apart). A long run folds its log on a second
// thread (src/cli/fold.ts), so this is the time a user waits, both threads included, and the peak
// RSS of both.
const sim = resolve(root, 'scripts/sim.mjs');
const simScript: string = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).scripts
  .sim;
const nodeFlags = simScript.split(/\s+/).filter((word) => word.startsWith('--'));
const baseline = resolve(root, 'scripts/bench-baseline.mjs');
type Run = { wall: number; rss: number; events: number; visitors: number };
/** Runs a process to the end and reads its JSON summary and peak RSS. */
function timed(args: string[], stats: (child: { stdout: string; stderr: string }) => number): Run {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    process.exit(1);
  }
  const summary = JSON.parse(child.stdout);
  return { wall, rss: stats(child), events: summary.events, visitors: summary.visitors };
}
// Side by side, alternating, so that the machine's load changes hit both alike.
const runs: Run[] = [];
const plain: Run[] = [];
const ratios: number[] = [];
for (let i = 0; i < 3; i++) {
  const ours = timed([...nodeFlags, sim, file, '--json', '--quiet', '--stats'], (child) => {
    return JSON.parse(child.stderr.trim().split('\n').pop()!).maxRssMB;
  });
  const theirs = timed([baseline, file], (child) => JSON.parse(child.stdout).maxRssMB);
  runs.push(ours);
  plain.push(theirs);
  ratios.push(theirs.events / theirs.wall / (ours.events / ours.wall));
}
const byWall = (a: Run, b: Run) => a.wall - b.wall;
runs.sort(byWall);
plain.sort(byWall);
ratios.sort((a, b) => a - b);
const median = runs[1];
const range = (list: Run[]) =>
  `${fmt(Math.min(...list.map((r) => r.events / r.wall)))}–${fmt(Math.max(...list.map((r) => r.events / r.wall)))}`;
console.log(`\n1. whole \`npm run sim\` process, start-up included (median of ${runs.length}):`);
console.log(
  `  ${fmt(median.visitors)} visitors, ${fmt(median.events)} logged events in ${median.wall.toFixed(2)} s`,
);
console.log(
  `  events/s:   ${fmt(median.events / median.wall)}   (range ${range(runs)}; goal ≥ 2,500,000)`,
);
console.log(`  visitors/s: ${fmt(median.visitors / median.wall)}`);
console.log(`  peak RSS:   ${Math.max(...runs.map((r) => r.rss)).toFixed(0)} MB   (goal ≤ 150 MB)`);
console.log(
  `\n   hand-tuned plain-JS loop of the same model (scripts/bench-baseline.mjs, NOT the product):`,
);
console.log(
  `  events/s:   ${fmt(plain[1].events / plain[1].wall)}   (range ${range(plain)}), peak RSS ${Math.max(...plain.map((r) => r.rss)).toFixed(0)} MB`,
);
console.log(
  `  ratio plain / ours: ${ratios[1].toFixed(2)}   (range ${ratios[0].toFixed(2)}–${ratios[2].toFixed(2)}; goal ≤ 2.5)`,
);

// 2. The engine alone, in this process: as the CLI's summary runs it (the log in compact chunks,
// dropped here, no fold), then with every event made as an object (a sink that keeps none), as the
// page and `--events` run it.
{
  const timed = (options: Parameters<typeof createEngine>[1]) => {
    const t0 = process.hrtime.bigint();
    const engine = createEngine(scenario, options);
    engine.run();
    return { events: engine.eventCount, s: Number(process.hrtime.bigint() - t0) / 1e9 };
  };
  const compact = timed({ explain: false, onLogChunk: () => {} });
  const objects = timed({ onEvent: () => {} });
  const line = (what: string, r: { events: number; s: number }) =>
    `   ${what}: ${fmt(r.events)} events in ${r.s.toFixed(2)} s = ${fmt(r.events / r.s)} events/s`;
  console.log(`\n2. engine alone (no fold, no CLI):`);
  console.log(line('compact log, no explanations (the CLI summary)', compact));
  console.log(line('event objects, explained (the page, --events)', objects));
}

// 3. Compiled machines vs plain XState actors on the first simulated day.
{
  const slice = { ...scenario, durationMinutes: Math.min(scenario.durationMinutes, 24 * 60) };
  const rate: Record<string, number> = {};
  for (const runtime of ['actors', 'compiled'] as const) {
    const t0 = process.hrtime.bigint();
    const engine = createEngine(slice, { runtime, onEvent: () => {} });
    engine.run();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    rate[runtime] = engine.eventCount / s;
    console.log(
      `\n3. ${runtime.padEnd(8)} runtime, first simulated day: ${fmt(engine.eventCount)} events in ${s.toFixed(2)} s = ${fmt(rate[runtime])} events/s`,
    );
  }
  console.log(`   compiled / actors: ${(rate.compiled / rate.actors).toFixed(1)}×`);
}
