/**
 * End-to-end tests of the built app: `npm run test:e2e`.
 *
 * Builds when needed, serves dist/ with `vite preview` on a free port, and runs every
 * test/e2e/*.spec.mjs in Debian's Chromium through Playwright's library API. Each test gets a fresh
 * browser context (its own IndexedDB, service worker and cache). Prints one line per test, then
 * `N passed, N failed`; exits non-zero on any failure. `node test/e2e/run.mjs <filter>` runs the
 * tests whose name contains <filter>.
 */
import { readdirSync } from 'node:fs';
import { buildIfNeeded, launchChromium, startPreview } from './server.mjs';

const filter = process.argv[2] ?? '';
const dir = new URL('./', import.meta.url);
const specs = readdirSync(dir)
  .filter((f) => f.endsWith('.spec.mjs'))
  .sort();

buildIfNeeded();
const server = await startPreview();
const browser = await launchChromium();
let passed = 0;
let failed = 0;

try {
  for (const spec of specs) {
    const { tests } = await import(new URL(spec, dir).href);
    for (const t of tests) {
      if (filter && !`${spec} › ${t.name}`.includes(filter)) continue;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const errors = [];
      context.on('weberror', (e) => errors.push(e.error().message));
      const started = Date.now();
      try {
        await t.fn({ context, url: server.url, browser });
        if (errors.length && !t.allowPageErrors)
          throw new Error(`uncaught page error: ${errors.join('; ')}`);
        passed++;
        console.log(`  ✓ ${spec} › ${t.name} (${Date.now() - started} ms)`);
      } catch (err) {
        failed++;
        console.log(`  ✗ ${spec} › ${t.name} (${Date.now() - started} ms)`);
        console.log(
          `      ${String(err?.stack ?? err)
            .split('\n')
            .slice(0, 6)
            .join('\n      ')}`,
        );
      } finally {
        await context.close().catch(() => {});
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
