/**
 * A benchmark page in headless Chromium: Vite's dev server serves `scripts/NAME.html` from the
 * sources (TypeScript as it is), Debian's Chromium opens it and waits for it to say "ready".
 * Shared by the storage and sweep benchmarks; nothing is downloaded.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Opens `scripts/${name}.html`; `include` lists dependencies to pre-bundle. */
export async function openBenchPage(name, include = []) {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    // Scan only the bench page, not the app's index.html (the app may be mid-edit).
    optimizeDeps: { entries: [`scripts/${name}.html`], include },
    worker: { format: 'es' },
  });
  await server.listen();
  const { port } = server.httpServer.address();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:${port}/scripts/${name}.html`);
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent === 'ready',
    null,
    {
      timeout: 60_000,
    },
  );
  return {
    page,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
