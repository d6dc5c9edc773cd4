/**
 * `npm run bench`: speed and memory of the simulation core, printed (never asserted by a timed test).
 *
 * 1. The whole `npm run sim` process on public/scenarios/bench.json (start-up included): logged
 *    events per second, visitors per second, peak RSS. Targets: ≥ 1,000,000 events/s, ≤ 300 MB.
 * 2. The same engine in-process, without the CLI around it.
 * 3. The compiled path against plain XState actors on a slice of the same scenario.
 */
import { spawnSync } from 'node:child_process';
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

// 1. The whole CLI process, exactly as `npm run sim` starts it (package.json): a fixed 64 MB young
// generation, since a run allocates a few hundred bytes per event that almost all die young; V8's
// default starts at 1 MB and grows, scavenging far more often (measured 4.3–5.2 s vs 3.3–3.7 s).
const sim = resolve(root, '.cache/cli/sim.mjs');
const nodeFlags = ['--max-semi-space-size=64', '--min-semi-space-size=64'];
const runs: { wall: number; rss: number; events: number; visitors: number }[] = [];
for (let i = 0; i < 3; i++) {
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    [...nodeFlags, sim, file, '--json', '--quiet', '--stats'],
    {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    },
  );
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    process.exit(1);
  }
  const summary = JSON.parse(child.stdout);
  const stats = JSON.parse(child.stderr.trim().split('\n').pop()!);
  runs.push({ wall, rss: stats.maxRssMB, events: summary.events, visitors: summary.visitors });
}
runs.sort((a, b) => a.wall - b.wall);
const median = runs[1];
console.log(`\n1. whole \`npm run sim\` process, start-up included (median of ${runs.length}):`);
console.log(
  `  ${fmt(median.visitors)} visitors, ${fmt(median.events)} logged events in ${median.wall.toFixed(2)} s`,
);
console.log(`  events/s:   ${fmt(median.events / median.wall)}   (target ≥ 1,000,000)`);
console.log(`  visitors/s: ${fmt(median.visitors / median.wall)}`);
console.log(
  `  peak RSS:   ${Math.max(...runs.map((r) => r.rss)).toFixed(0)} MB   (target ≤ 300 MB)`,
);

// 2. The engine alone, in this process (events counted, not kept).
{
  const t0 = process.hrtime.bigint();
  const engine = createEngine(scenario, { onEvent: () => {} });
  engine.run();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `\n2. engine alone (no metrics, no CLI): ${fmt(engine.eventCount)} events in ${s.toFixed(2)} s = ${fmt(engine.eventCount / s)} events/s`,
  );
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
