import { assert, open, tab } from './helpers.mjs';

export const tests = [
  {
    name: 'imports the sample Odoo sessions report, maps its columns, replays it under two policies and compares',
    async fn({ context, url }) {
      const page = await open(context, url);
      await page.getByRole('button', { name: 'Try the sample' }).click();
      const panel = page.getByRole('region', { name: /Import Odoo sessions/ });
      const preview = panel.getByTestId('import-preview');
      await preview.waitFor();
      assert.match(
        await preview.innerText(),
        /^29\d\d sessions on 2 channels, 6 operators, 7 days; 2 rows skipped/,
      );
      // The mapping step: the columns were found by their titles; the user confirms or fixes them.
      const duration = panel.getByLabel('Column for duration');
      assert.equal(await duration.inputValue(), 'Duration');
      await panel.getByLabel('Column for country').selectOption('');
      await panel.getByLabel('Column for country').selectOption('Country of the visitor');
      await panel.getByLabel('Column for start date').selectOption('');
      await panel.getByRole('alert').filter({ hasText: 'no start date column' }).waitFor();
      assert.equal(await panel.getByRole('button', { name: 'Import' }).isDisabled(), true);
      await panel.getByLabel('Column for start date').selectOption('Start Date of session');
      await panel.getByText('Skipped rows and why').click();
      await panel.getByText('Row 2002: negative duration (-35)').waitFor();
      await panel.getByRole('button', { name: 'Import' }).click();
      await page
        .getByRole('heading', { level: 1, name: /Odoo sessions 2026-03-02 to 2026-03-08/ })
        .waitFor();
      await page
        .getByText(
          /Imported “Odoo sessions .*” from odoo-sessions-week\.csv\. 29\d\d sessions, 2 rows skipped\./,
        )
        .waitFor();

      // Results: the report's own figures beside the replay's, and staffing by hour.
      await tab(page, 'Results');
      await page.getByRole('button', { name: 'Run the whole scenario' }).click();
      await page.getByTestId('results-caption').waitFor({ timeout: 60000 });
      const report = page.getByTestId('report-comparison');
      await report.waitFor();
      assert.match(await report.innerText(), /Sessions\s+29\d\d\s+29\d\d/);
      await page.getByRole('heading', { name: 'Staffing by hour' }).waitFor();
      assert.match(await page.getByTestId('staffing-summary').innerText(), /hours/);
      assert.equal(
        await page.locator('.staffing .scroll tbody tr').count(),
        168,
        '168 hours of a week',
      );

      // The same week under two policies, side by side.
      await tab(page, 'Compare');
      await page.getByLabel('Replications').fill('2');
      await page.getByRole('button', { name: 'Compare' }).click();
      const table = page.getByRole('region', { name: /Side by side/ });
      await table.waitFor({ timeout: 120000 });
      const head = await table.locator('thead').innerText();
      assert.match(head, /odoo/);
      assert.match(head, /balanced/);
    },
  },
  {
    name: 'shows times of a scenario with shifts as day and clock time, and edits shifts and an hourly profile',
    async fn({ context, url }) {
      const page = await open(context, url);
      await page.getByRole('button', { name: 'New scenario' }).click();
      await page.getByRole('heading', { level: 1, name: 'New scenario' }).waitFor();
      await page.getByLabel('Activity of Operator 1').selectOption('shifts');
      await page.getByRole('table', { name: 'Shifts of Operator 1' }).waitFor();
      // The week view shows who is on shift against the visitors expected, hour by hour.
      const week = page.getByRole('img', { name: /Operators on shift and expected visitors/ });
      await week.waitFor();
      assert.equal(await week.locator('[title="Mon 09:00: Operator 1 on shift"]').count(), 1);
      assert.equal(await week.locator('[title="Sat 09:00: Operator 1 off"]').count(), 1);
      await page.getByLabel('Arrivals', { exact: true }).selectOption('profile');
      await page.getByLabel('Arrivals per hour at 10:00').fill('20');
      const hours = page.getByLabel('Per hour, 00:00 to 23:00 (24 numbers)');
      assert.match(await hours.inputValue(), /^12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 20, 12/);
      await hours.fill('1, 2, 3');
      await hours.blur();
      await page
        .locator('[data-error-path="visitors[0].arrivalsPerHour.byHour"]')
        .filter({ hasText: 'must have 24 numbers, one per hour from 00:00 to 23:00, got 3' })
        .waitFor();
      await hours.fill(Array.from({ length: 24 }, () => '6').join(', '));
      await hours.blur();
      await page.getByText('The scenario is valid').waitFor();
      // A scenario with shifts and a profile runs on the week's clock: Monday 00:00 at time 0.
      await tab(page, 'Run');
      await page
        .getByText(/Mon 00:00/)
        .first()
        .waitFor();
    },
  },
];
