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
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { loadavg, cpus } from 'node:os';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
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

const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  // Scan only the bench page, not the app's index.html (the app may be mid-edit).
  optimizeDeps: { entries: ['scripts/bench-storage.html'], include: ['dexie'] },
});
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:${port}/scripts/bench-storage.html`);
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent === 'ready',
    null,
    {
      timeout: 60_000,
    },
  );
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
  await browser.close();
  await server.close();
}
