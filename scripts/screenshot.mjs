/**
 * Screenshots of the page in its main states, for looking at the design:
 * `node scripts/screenshot.mjs [outDir]` (default /tmp/shots).
 */
import { mkdirSync } from 'node:fs';
import { buildIfNeeded, launchChromium, startPreview } from '../test/e2e/server.mjs';

const out = process.argv[2] ?? '/tmp/shots';
mkdirSync(out, { recursive: true });
// SHOT_URL: shoot a running dev server instead of a fresh build.
const server = process.env.SHOT_URL
  ? { url: process.env.SHOT_URL, close: async () => {} }
  : (buildIfNeeded(), await startPreview());
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
page.on('pageerror', (e) => console.error('pageerror:', e.message));
try {
  await page.goto(server.url);
  await page.getByRole('button', { name: /Play/ }).waitFor();
  await page.screenshot({ path: `${out}/run-initial.png` });
  await page.getByLabel('Speed').selectOption({ label: '5 min/s' });
  await page.getByRole('button', { name: /Play/ }).click();
  await page.waitForTimeout(2500);
  await page.getByRole('button', { name: /Pause/ }).click();
  await page.screenshot({ path: `${out}/run-playing.png` });
  await page.screenshot({ path: `${out}/run-full.png`, fullPage: true });
  const why = page.getByRole('button', { name: /^Why was/ }).first();
  if (await why.count()) {
    await why.click();
    await page.screenshot({ path: `${out}/run-why.png` });
  }
  await page.getByRole('tab', { name: 'Design' }).click();
  await page.screenshot({ path: `${out}/design.png` });
  await page.screenshot({ path: `${out}/design-full.png`, fullPage: true });
  await page.getByRole('tab', { name: 'Results' }).click();
  await page.getByRole('button', { name: 'Run the whole scenario' }).click();
  await page.getByTestId('results-caption').waitFor({ timeout: 30000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/results.png` });
  await page.screenshot({ path: `${out}/results-full.png`, fullPage: true });
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.getByRole('heading', { name: /Side by side/ }).waitFor({ timeout: 60000 });
  await page.screenshot({ path: `${out}/compare.png` });
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);
