import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export { assert };

export const FORMAT = 'livechat-sandbox/scenario@1';

/** A small valid scenario; `patch` edits it. */
export function scenario(patch = {}) {
  return {
    format: FORMAT,
    name: 'E2E scenario',
    seed: 3,
    durationMinutes: 60,
    languages: ['en_US', 'fr_FR'],
    channels: [{ id: 'web', name: 'Web', maxSessions: 2 }],
    operators: [
      { id: 'op1', name: 'Alice', lang: 'en_US', channels: ['web'] },
      { id: 'op2', name: 'Bruno', lang: 'fr_FR', extraLanguages: ['en_US'], channels: ['web'] },
    ],
    visitors: [
      {
        channel: 'web',
        arrivalsPerHour: 30,
        languages: { en_US: 1, fr_FR: 1 },
        chatMinutes: { dist: 'exponential', mean: 5 },
      },
    ],
    ...patch,
  };
}

/** Opens the page and waits until the library is loaded and the board ready. */
export async function open(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: /Play|Replay/ }).waitFor({ timeout: 15000 });
  return page;
}

export async function importJson(page, name, value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  await page
    .getByLabel('Import a scenario file')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

export async function libraryNames(page) {
  return page
    .getByRole('complementary', { name: 'Scenario library' })
    .locator('li .name')
    .allInnerTexts();
}

export async function simClock(page) {
  const text = await page.getByTestId('sim-clock').innerText();
  const [h, m, s] = text
    .replace(/^d\d+ /, '')
    .split(':')
    .map(Number);
  return h * 3600 + m * 60 + s;
}

export async function tab(page, name) {
  await page.getByRole('tab', { name }).click();
}

const AXE_SOURCE = readFileSync(
  new URL('../../node_modules/axe-core/axe.min.js', import.meta.url),
  'utf8',
);

/**
 * Loads axe-core into the page. Evaluated through DevTools rather than added as a <script>: the
 * app's Content-Security-Policy refuses inline scripts, as it should.
 */
export async function addAxe(page) {
  await page.evaluate(AXE_SOURCE);
}
