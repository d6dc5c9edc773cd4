/**
 * UI benchmarks (printed, not timed tests): `npm run bench:ui`.
 *
 * 1. Frame time: a 100-operator scenario plays at top speed on the board while the page records
 *    requestAnimationFrame timestamps; prints the 95th-percentile frame time (target ≤ 16.7 ms).
 * 2. Size and load: the gzipped size of dist/ (and of what the first load fetches), and the time
 *    `vite preview` takes to give a ready page (target < 1 s), cold and warm.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIfNeeded, launchChromium, ROOT, startPreview } from '../test/e2e/server.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

/** 100 operators over 4 channels and 4 languages, busy enough to keep the board changing. */
export function hundredOperators() {
  const langs = ['en_US', 'fr_FR', 'de_DE', 'es_ES'];
  const channels = ['web', 'shop', 'support', 'billing'].map((id) => ({
    id,
    name: id[0].toUpperCase() + id.slice(1),
    maxSessions: 3,
  }));
  return {
    format: 'livechat-sandbox/scenario@1',
    name: 'Bench: 100 operators',
    seed: 11,
    durationMinutes: 60 * 24 * 60,
    policy: 'odoo',
    whenNoOperator: 'queue',
    languages: langs,
    channels,
    operators: Array.from({ length: 100 }, (_, i) => ({
      id: `op${i + 1}`,
      name: `Operator ${i + 1}`,
      lang: langs[i % 4],
      extraLanguages: [langs[(i + 1) % 4]],
      channels: [channels[i % 4].id, channels[(i + 1) % 4].id],
      activity:
        i % 5 === 0
          ? { kind: 'breaks', breaks: [{ atMinute: 60 + i, minutes: 40 }] }
          : { kind: 'always' },
    })),
    visitors: channels.map((c) => ({
      channel: c.id,
      arrivalsPerHour: 240,
      languages: { en_US: 4, fr_FR: 2, de_DE: 1, es_ES: 1 },
      chatMinutes: { dist: 'exponential', mean: 12 },
      patienceMinutes: { dist: 'exponential', mean: 4 },
    })),
  };
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

if (import.meta.url === `file://${process.argv[1]}`) await main();

async function main() {
  buildIfNeeded();
  const dist = join(ROOT, 'dist');
  let raw = 0;
  let gz = 0;
  for (const f of files(dist)) {
    const body = readFileSync(f);
    raw += statSync(f).size;
    gz += gzipSync(body, { level: 9 }).length;
  }

  const server = await startPreview();
  const browser = await launchChromium();
  try {
    // The first navigation of a new browser process pays for the browser's own start-up (about
    // 0.8 s here): warm the browser up in a throwaway context so the figures are the app's.
    const warmup = await browser.newContext();
    await (await warmup.newPage()).goto(server.url);
    await warmup.close();
    // Load time, cold (fresh context: no cache, no service worker) then warm (reload).
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    let firstLoadGz = 0;
    page.on('response', async (r) => {
      try {
        if (r.url().startsWith(server.url))
          firstLoadGz += gzipSync(await r.body(), { level: 9 }).length;
      } catch {
        // Bodies of redirects and service worker fetches are not readable; they are counted elsewhere.
      }
    });
    const t0 = Date.now();
    await page.goto(server.url);
    await page.getByRole('button', { name: /Play/ }).waitFor();
    const cold = Date.now() - t0;
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    const t1 = Date.now();
    await page.reload();
    await page.getByRole('button', { name: /Play/ }).waitFor();
    const warm = Date.now() - t1;

    // Frame time with 100 operators at top speed.
    await page.getByLabel('Import a scenario file').setInputFiles({
      name: 'bench-100.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(hundredOperators())),
    });
    await page.getByRole('heading', { level: 1, name: 'Bench: 100 operators' }).waitFor();
    await page.getByLabel('Speed').selectOption({ label: 'Max' });
    await page.evaluate(() => {
      const w = window;
      w.__frames = [];
      const tick = (ts) => {
        w.__frames.push(ts);
        if (!w.__stopFrames) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    if (!process.env.IDLE) await page.getByRole('button', { name: /Play/ }).click();
    await page.waitForTimeout(SECONDS * 1000);
    const { frames, clock, events } = await page.evaluate(() => {
      window.__stopFrames = true;
      return {
        frames: window.__frames,
        clock: document.querySelector('[data-testid=sim-clock]')?.textContent,
        events: document.querySelector('[data-testid=sim-clock]')?.nextElementSibling?.textContent,
      };
    });
    const deltas = frames
      .slice(1)
      .map((t, i) => t - frames[i])
      .sort((a, b) => a - b);
    const pct = (p) => deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))];
    const load = (await import('node:os')).loadavg()[0];
    console.log(`UI benchmark (headless Chromium; machine load average ${load.toFixed(1)})`);
    console.log(
      `  frame time, 100 operators at top speed for ${SECONDS} s: p50 ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms, max ${deltas.at(-1).toFixed(1)} ms over ${deltas.length} frames, ${((100 * deltas.filter((d) => d > 17.5).length) / deltas.length).toFixed(1)}% of frames late (target p95 ≤ 16.7 ms)`,
    );
    console.log(`  simulated clock reached ${clock} (${events?.trim()})`);
    console.log(
      `  dist/: ${kb(raw)} raw, ${kb(gz)} gzipped (${files(dist).length} files); first load fetched ${kb(firstLoadGz)} gzipped`,
    );
    console.log(
      `  load from vite preview until the board is ready: cold ${cold} ms, warm ${warm} ms (target < 1000 ms); DOMContentLoaded ${nav.domContentLoaded.toFixed(0)} ms, load ${nav.load.toFixed(0)} ms`,
    );
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`  (${relative(process.cwd(), dist) || 'dist'} measured)`);
}
