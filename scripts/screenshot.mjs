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
  await practiceShots(browser, server.url);
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);

/** The practice console: My Profile's language list, Discuss with chats open, the debrief. */
async function practiceShots(browser, url) {
  const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await p.goto(`${url}#practice`);
  await p.getByLabel('Speed-up in quiet periods').selectOption('60');
  await p.getByLabel(/Use it all the time/).check();
  await p.getByRole('button', { name: 'Start attempt' }).click();
  await p.getByRole('button', { name: 'User menu' }).click();
  await p.getByRole('menuitem', { name: 'My Profile' }).click();
  await p.getByRole('button', { name: 'Add a language…' }).click();
  await p.screenshot({ path: `${out}/practice-profile-languages.png` });
  await p.keyboard.press('Escape');
  await p.getByRole('button', { name: 'Apps menu' }).click();
  await p.getByRole('menuitem', { name: 'Live Chat' }).click();
  await p
    .getByRole('article', { name: 'Channel Website' })
    .getByRole('button', { name: 'Join' })
    .click();
  await p.getByTestId('chat-window').nth(1).waitFor({ timeout: 30000 });
  await p.screenshot({ path: `${out}/practice-chat-windows.png` });
  const win = p.getByTestId('chat-window').first();
  await win.getByRole('textbox').fill('Hello, thank you for your message, I am looking into it.');
  await win.getByRole('textbox').press('Enter');
  await p.getByRole('button', { name: 'Apps menu' }).click();
  await p.getByRole('menuitem', { name: 'Discuss' }).click();
  await p.getByTestId('livechat-item').first().click();
  await p.screenshot({ path: `${out}/practice-discuss.png` });
  await p.waitForTimeout(4000);
  await p.getByRole('button', { name: 'End attempt' }).first().click();
  await p.getByRole('heading', { name: 'Debrief' }).waitFor();
  for (const d of await p.getByTestId('transcript').all()) await d.locator('summary').click();
  await p.screenshot({ path: `${out}/practice-debrief.png`, fullPage: true });
  await p.close();
}
