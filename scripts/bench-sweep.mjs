#!/usr/bin/env node
/**
 * `npm run bench:sweep` (issue 9 §4): runs per second of a sweep with 1 worker and with all of them,
 * in Node (the bundled `npm run sim -- sweep` process, start-up included) and in Chromium (the
 * page's Web Worker pool), and the scaling ratio. Figures are printed, never asserted.
 *
 * 1. The multilingual rush hour, 9 staffing levels × 2 policies × 10 replications (180 runs):
 *    goal under 10 s, and a scaling of at least 0.8 × cores.
 * 2. A 40-run sweep of longer runs (the bench scenario at a tenth of its traffic, 4 policies × 10):
 *    goal --jobs 2 in at most 0.6 × the time of --jobs 1.
 * The page's result must equal the CLI's, byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBenchPage } from './bench-page.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cores = cpus().length;
const ROUNDS = 3;
const RUSH = {
  file: 'public/scenarios/multilingual-rush-hour.json',
  vary: ['operators=4:12', 'policy=odoo,balanced'],
  reps: 10,
};
/** 40 runs of about 100k visitors each, long enough that each worker's JIT warm-up (~0.2 s) is small. */
const LONG = {
  file: 'public/scenarios/bench.json',
  vary: ['rate=0.1', 'policy=odoo,balanced,round-robin,load-rotation'],
  reps: 10,
};

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const range = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} s`;

/** Wall time of the whole CLI process, as `npm run sim` starts it (package.json). */
function cli(sweep, jobs) {
  const args = ['--max-semi-space-size=32', '--min-semi-space-size=32', '.cache/cli/sim.mjs'];
  args.push('sweep', sweep.file, ...sweep.vary.flatMap((v) => ['--vary', v]));
  args.push('--reps', String(sweep.reps), '--jobs', String(jobs), '--json');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(r.stderr);
  return { seconds, json: r.stdout.trim() };
}

function nodeFigures(sweep) {
  const times = { 1: [], [cores]: [] };
  let json = '';
  for (let i = 0; i < ROUNDS; i++) {
    for (const jobs of [1, cores]) {
      const r = cli(sweep, jobs);
      times[jobs].push(r.seconds);
      if (json && r.json !== json) throw new Error(`--jobs ${jobs} printed a different result`);
      json = r.json;
    }
  }
  const { points, reps } = JSON.parse(json);
  return { runs: points.length * reps, one: times[1], many: times[cores], json };
}

console.log(
  `Sweep benchmark: ${cores} cores, load average ${loadavg()[0].toFixed(1)} at the start`,
);
console.log(
  `(median of ${ROUNDS} rounds, range in brackets; the machine is shared, so the load varies)\n`,
);

const rush = nodeFigures(RUSH);
const rate = (runs, s) => `${(runs / s).toFixed(0)} runs/s`;
console.log(`1. ${RUSH.file}: 9 staffing levels × 2 policies × 10 reps = ${rush.runs} runs`);
console.log(
  `   Node, 1 worker:      ${median(rush.one).toFixed(2)} s (${range(rush.one)}), ${rate(rush.runs, median(rush.one))}`,
);
console.log(
  `   Node, ${cores} workers:     ${median(rush.many).toFixed(2)} s (${range(rush.many)}), ${rate(rush.runs, median(rush.many))}   (goal < 10 s)`,
);
console.log(
  `   Node scaling:        ${(median(rush.one) / median(rush.many)).toFixed(2)}× (goal ≥ ${(0.8 * cores).toFixed(1)}×)`,
);

const long = nodeFigures(LONG);
console.log(`\n2. ${LONG.file} at rate ×0.1: 4 policies × 10 reps = ${long.runs} runs`);
console.log(
  `   Node, 1 worker:      ${median(long.one).toFixed(2)} s (${range(long.one)}), ${rate(long.runs, median(long.one))}`,
);
console.log(
  `   Node, ${cores} workers:     ${median(long.many).toFixed(2)} s (${range(long.many)}), ${rate(long.runs, median(long.many))}`,
);
console.log(
  `   --jobs ${cores} / --jobs 1:  ${(median(long.many) / median(long.one)).toFixed(2)} of the time (goal ≤ 0.6)`,
);

// Chromium: the page's Web Worker pool, served from the sources by Vite's dev server.
const bench = await openBenchPage('bench-sweep');
const { page, browser } = bench;
try {
  for (const [sweep, node] of [
    [RUSH, rush],
    [LONG, long],
  ]) {
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      rounds.push(
        await page.evaluate(
          ([f, v, r]) => window.benchSweep(f, v, r),
          [sweep.file.replace(/^public/, ''), sweep.vary, sweep.reps],
        ),
      );
    }
    const r = rounds[0];
    const one = rounds.map((x) => x.one);
    const many = rounds.map((x) => x.many);
    console.log(
      `\n   Chromium ${browser.version()}, ${sweep.file.split('/').pop()}, ${r.runs} runs:`,
    );
    console.log(
      `   1 worker:            ${median(one).toFixed(2)} s (${range(one)}), ${rate(r.runs, median(one))}`,
    );
    console.log(
      `   ${r.workers} workers:           ${median(many).toFixed(2)} s (${range(many)}), ${rate(r.runs, median(many))}`,
    );
    console.log(
      `   scaling:             ${(median(one) / median(many)).toFixed(2)}× (goal ≥ ${(0.8 * r.workers).toFixed(1)}×)`,
    );
    const same = rounds.every((x) => x.same && x.json === node.json);
    console.log(`   page result equals the CLI's, byte for byte: ${same ? 'yes' : 'NO'}`);
  }
} finally {
  await bench.close();
}
