/**
 * The Sweep view (issue 9 §3): a sweep runs in the page's Web Workers, shows the curve and the
 * answer, gives the CLI's numbers byte for byte (its CSV export against `sim sweep --csv`), and
 * survives a reload mid-sweep, resuming without redoing the runs it had finished.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, importJson, open, scenario, tab } from './helpers.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'e2e-sweep-'));

/** The CLI's CSV of the same sweep (the bundled CLI, as `npm run sim` runs it). */
function cliCsv(file, vary, reps) {
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT });
  const out = join(dir, `cli-${Date.now()}.csv`);
  const args = ['.cache/cli/sim.mjs', 'sweep', file, '--reps', String(reps), '--csv', out];
  for (const v of vary) args.push('--vary', v);
  execFileSync(process.execPath, [...args, '--json'], { cwd: ROOT });
  return readFileSync(out, 'utf8');
}

async function setUp(page, s, first, second, reps) {
  await importJson(page, 'sweep.json', s);
  await page.getByRole('heading', { level: 1, name: s.name }).waitFor();
  await tab(page, 'Sweep');
  await page.getByLabel('First parameter').selectOption('operators');
  await page.getByLabel('Its values').first().fill(first);
  await page.getByLabel('Second parameter').selectOption('policy');
  await page.getByLabel('Its values').nth(1).fill(second);
  await page.getByLabel('Replications').fill(String(reps));
}

/**
 * A new tab that starts a sweep of `days` of traffic (8 points × 12 runs), long enough to catch it
 * running from this tab (a day) or from a second tab still loading (a few days).
 */
async function startLongSweep(context, url, name, days = 1) {
  const page = await open(context, url);
  const s = scenario({ name, durationMinutes: days * 24 * 60 });
  await setUp(page, s, '1:4', 'odoo,balanced', 12);
  await page.getByRole('button', { name: 'Run the sweep' }).click();
  return { page, s };
}

/**
 * A tab running a two weeks' sweep (long enough to still run while a second tab loads), and a
 * second tab on the same scenario's Sweep view, which says it runs elsewhere.
 */
async function secondTab(context, url, name) {
  const { page } = await startLongSweep(context, url, name, 14);
  await page.getByTestId('sweep-progress').waitFor();
  const other = await context.newPage();
  await other.goto(url);
  await other.getByRole('button', { name }).click();
  await other.getByRole('heading', { level: 1, name }).waitFor();
  await tab(other, 'Sweep');
  await other.getByTestId('sweep-elsewhere').waitFor({ timeout: 15000 });
  return { page, other };
}

async function pageCsv(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

const progressDone = async (page) =>
  Number((await page.getByTestId('sweep-progress').locator('.num').innerText()).split(' / ')[0]);

export const tests = [
  {
    name: 'runs a sweep in workers, shows the curve and the answer, with the CLI’s numbers',
    async fn({ context, url }) {
      const page = await open(context, url);
      const s = scenario({ name: 'Sweep me', durationMinutes: 120 });
      await setUp(page, s, '1:3', 'odoo,balanced', 4);
      // The form checks values as the CLI does, next to the field.
      await page.getByLabel('Its values').first().fill('5:2');
      await page.locator('[data-error-path="first"]').waitFor();
      assert.equal(
        await page.locator('[data-error-path="first"]').innerText(),
        '"5:2" is an empty range (5 > 2)',
      );
      assert.ok(await page.getByRole('button', { name: 'Run the sweep' }).isDisabled());
      await page.getByLabel('Its values').first().fill('1:3');
      await page.getByRole('button', { name: 'Run the sweep' }).click();
      await page.getByTestId('sweep-answer').waitFor({ timeout: 60000 });
      await page.getByTestId('sweep-progress').waitFor({ state: 'detached', timeout: 60000 });
      assert.match(
        await page.getByTestId('sweep-answer').innerText(),
        /^At least 80% answered within 20 s, with 95% confidence: .+ under odoo; .+ under balanced\.$/,
      );
      assert.equal(await page.getByTestId('sweep-curve').locator('canvas').count(), 1);
      assert.equal(await page.getByTestId('sweep-table').locator('tbody tr').count(), 6);
      const file = join(dir, 'sweep-me.json');
      writeFileSync(file, JSON.stringify(s));
      assert.equal(await pageCsv(page), cliCsv(file, ['operators=1:3', 'policy=odoo,balanced'], 4));
    },
  },
  {
    name: 'survives a reload mid-sweep and resumes without redoing finished runs',
    async fn({ context, url }) {
      const { page, s } = await startLongSweep(context, url, 'Long sweep');
      await page.waitForFunction(
        () =>
          Number(
            document
              .querySelector('[data-testid=sweep-progress] .num')
              ?.textContent?.split(' / ')[0],
          ) >= 10,
        null,
        { timeout: 60000 },
      );
      // Runs stored by now must not run again; runs finished but not yet stored may.
      const before = Number(await page.getByTestId('sweep-progress').getAttribute('data-saved'));
      assert.ok(before > 0, 'runs are stored as they finish');
      await page.reload();
      // The tab survives the reload; the sweep resumes by itself.
      await page.getByRole('tab', { name: 'Sweep', selected: true }).waitFor({ timeout: 15000 });
      await page.getByTestId('sweep-progress').waitFor({ timeout: 15000 });
      const resumedAt = await progressDone(page);
      assert.ok(resumedAt >= before, `resumed at ${resumedAt} runs, ${before} were stored`);
      assert.ok(resumedAt > 0, 'finished runs were kept');
      await page.getByTestId('sweep-progress').waitFor({ state: 'detached', timeout: 120000 });
      assert.equal(await page.getByTestId('sweep-table').locator('tbody tr').count(), 8);
      const file = join(dir, 'long-sweep.json');
      writeFileSync(file, JSON.stringify(s));
      assert.equal(
        await pageCsv(page),
        cliCsv(file, ['operators=1:4', 'policy=odoo,balanced'], 12),
      );
    },
  },
  {
    name: 'two tabs on one running sweep: one runs it, the other says so and does not run it again',
    async fn({ context, url }) {
      const { page, other } = await secondTab(context, url, 'Shared sweep');
      assert.equal(await other.getByTestId('sweep-progress').count(), 0, 'not run twice');
      assert.equal(await other.getByRole('button', { name: 'Delete sweep…' }).count(), 0);
      // Partial figures say so.
      assert.match(await other.getByTestId('sweep-answer').innerText(), /\(so far\)$/);
      assert.ok(await other.getByRole('button', { name: 'Export CSV' }).isDisabled());
      await page.getByTestId('sweep-progress').waitFor({ state: 'detached', timeout: 120000 });
      // The first tab let go of the sweep: the second follows by itself.
      await other.getByTestId('sweep-elsewhere').waitFor({ state: 'detached', timeout: 15000 });
      assert.equal(await other.getByTestId('sweep-progress').count(), 0);
      assert.equal(await other.getByTestId('sweep-table').locator('tbody tr').count(), 8);
      await other.close();
    },
  },
  {
    name: 'two tabs: when the tab running a sweep is closed, the other takes over and finishes it',
    async fn({ context, url }) {
      const { page, other } = await secondTab(context, url, 'Handed over');
      await page.close();
      await other.getByTestId('sweep-progress').waitFor({ timeout: 15000 });
      await other.getByTestId('sweep-progress').waitFor({ state: 'detached', timeout: 120000 });
      assert.equal(await other.getByTestId('sweep-table').locator('tbody tr').count(), 8);
      assert.match(await other.getByLabel('Stored sweeps').inputValue(), /^sweep/);
      await other.close();
    },
  },
  {
    name: 'Cancel stops a sweep and stores it as cancelled: a reload does not resume it',
    async fn({ context, url }) {
      const { page } = await startLongSweep(context, url, 'Cancel me', 14);
      await page.getByTestId('sweep-progress').waitFor();
      await page.getByTestId('sweep-progress').getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('sweep-progress').waitFor({ state: 'detached' });
      const stored = page.getByLabel('Stored sweeps');
      await page.waitForFunction(() =>
        document.querySelector('.stored option')?.textContent?.includes('(cancelled)'),
      );
      await page.reload();
      await page.getByRole('tab', { name: 'Sweep', selected: true }).waitFor({ timeout: 15000 });
      await page.waitForFunction(() =>
        document.querySelector('.stored option')?.textContent?.includes('(cancelled)'),
      );
      assert.equal(await page.getByTestId('sweep-progress').count(), 0, 'not resumed');
      assert.equal(await stored.locator('option').count(), 1);
    },
  },
  {
    name: 'a stored sweep can be deleted, after a confirmation, and stays deleted after a reload',
    async fn({ context, url }) {
      const page = await open(context, url);
      const s = scenario({ name: 'Two sweeps', durationMinutes: 60 });
      await setUp(page, s, '1:2', 'odoo', 2);
      /** Runs the sweep in the form and waits until it is the n-th stored one, finished. */
      const finish = async (n) => {
        await page.getByRole('button', { name: 'Run the sweep' }).click();
        await page.waitForFunction(
          (n) => document.querySelectorAll('.stored option').length === n,
          n,
          { timeout: 15000 },
        );
        await page.getByTestId('sweep-progress').waitFor({ state: 'detached', timeout: 60000 });
        await page.getByTestId('sweep-table').waitFor({ timeout: 60000 });
      };
      await finish(1);
      await page.getByLabel('Its values').first().fill('1:3');
      await finish(2);
      const stored = page.getByLabel('Stored sweeps');
      assert.equal(await stored.locator('option').count(), 2);
      // The newest (1:3: 3 points of 2 runs) is shown. Keep first: nothing changes.
      await page.getByRole('button', { name: 'Delete sweep…' }).click();
      await page.getByRole('button', { name: 'Keep' }).click();
      assert.equal(await stored.locator('option').count(), 2);
      await page.getByRole('button', { name: 'Delete sweep…' }).click();
      assert.match(
        await page.getByRole('group', { name: 'Delete this sweep?' }).innerText(),
        /Delete this sweep and its 6 runs\?/,
      );
      await page.getByRole('button', { name: 'Delete sweep', exact: true }).click();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=sweep-table] tbody tr').length === 2,
      );
      assert.equal(await stored.locator('option').count(), 1);
      await page.reload();
      await page.getByRole('tab', { name: 'Sweep', selected: true }).waitFor({ timeout: 15000 });
      await page.getByTestId('sweep-table').waitFor({ timeout: 15000 });
      assert.equal(await page.getByLabel('Stored sweeps').locator('option').count(), 1);
      assert.equal(await page.getByTestId('sweep-table').locator('tbody tr').count(), 2);
      // The last one too: the view says there is none.
      await page.getByRole('button', { name: 'Delete sweep…' }).click();
      await page.getByRole('button', { name: 'Delete sweep', exact: true }).click();
      await page.getByText('No sweep yet for this scenario.').waitFor();
      await page.reload();
      await page.getByText('No sweep yet for this scenario.').waitFor({ timeout: 15000 });
    },
  },
];
