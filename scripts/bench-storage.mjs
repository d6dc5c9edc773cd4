#!/usr/bin/env node
/**
 * Storage benchmark (issue 3, "Speed"): stores a 200k-event run log through src/store and loads it
 * back, on real IndexedDB in headless Chromium, and prints the median of several rounds.
 * Targets: store ≤ 150 ms, load ≤ 150 ms.
 *
 *   node scripts/bench-storage.mjs [--events 200000] [--reps 7] [--synthetic]
 *
 * The log is the first N events of the engine running public/scenarios/bench.json (40 operators,
 * 3 channels, assignments with their full reasons); --synthetic uses a generated log instead.
 * Timings on a shared machine vary with its load: the minimum is printed beside the median.
 *
 * Serves the page with Vite's dev server (so the TypeScript sources load as they are) and drives
 * Debian's Chromium through Playwright; nothing is downloaded.
 */
import { loadavg, cpus } from 'node:os';
import { openBenchPage } from './bench-page.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const events = arg('events', 200_000);
const reps = arg('reps', 7);
const source = process.argv.includes('--synthetic') ? 'synthetic' : 'engine';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`.padStart(10);

const bench = await openBenchPage('bench-storage', ['dexie']);
const { page, browser } = bench;
try {
  const r = await page.evaluate(
    ([n, k, s]) => window.benchStorage(n, k, s),
    [events, reps, source],
  );
  const version = browser.version();
  console.log(
    `Storage benchmark: ${r.events.toLocaleString('en')} events (${source} log), median of ${reps} rounds, Chromium ${version}`,
  );
  const rows = [
    ['store (encode + write, via appendRunEvents + finishRun)', r.store, 150],
    ['load (read + decode, via loadRunEvents)', r.load, 150],
    ['load after reopening the database', r.loadAfterReopen, 150],
    ['store chunks encoded in a worker (appendRunChunks)', r.storeEncoded],
    ['  of which encode only', r.encode],
    ['  of which decode only', r.decode],
  ];
  // The machine may be shared: its load explains a slow median (the minimum is the idle figure).
  const [one] = loadavg();
  console.log(
    `machine: ${cpus().length} cores, load average ${one.toFixed(1)} at the end of the run`,
  );
  for (const [label, xs, target] of rows) {
    const m = median(xs);
    const verdict =
      target === undefined ? '' : m <= target ? `  ✓ ≤ ${target} ms` : `  ✗ > ${target} ms`;
    console.log(
      `${label.padEnd(58)}${ms(m)}  (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})${verdict}`,
    );
  }
} finally {
  await bench.close();
}
