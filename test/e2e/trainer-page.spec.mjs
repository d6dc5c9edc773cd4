import { assert, open } from './helpers.mjs';

export const tests = [
  {
    name: 'regression: the operators table clipped languages and channels on a 1400 px screen',
    async fn({ context, url }) {
      const page = await open(context, url);
      await page.setViewportSize({ width: 1400, height: 900 });
      await page
        .getByRole('complementary', { name: 'Scenario library' })
        .getByRole('button', { name: /Multilingual rush hour/ })
        .click();
      await page.getByRole('heading', { level: 1, name: /Multilingual rush hour/ }).waitFor();
      await page.getByRole('button', { name: 'Step' }).click();
      const board = page.getByRole('region', { name: 'Operators' });
      const cells = board.locator('td[data-column]');
      await cells.first().waitFor();
      const found = await cells.evaluateAll((tds) =>
        tds.map((td) => ({
          text: td.innerText,
          clipped:
            td.scrollWidth > td.clientWidth + 1 ||
            td.scrollHeight > td.clientHeight + 1 ||
            [...td.querySelectorAll('span')].some((s) => s.scrollWidth > s.clientWidth + 1),
        })),
      );
      assert.ok(found.length >= 10, `only ${found.length} cells`);
      for (const cell of found) assert.equal(cell.clipped, false, `clipped: ${cell.text}`);
      const text = found.map((c) => c.text).join('\n');
      // Sophie Laurent speaks French (France) + American English; her channels are listed in full.
      assert.match(text, /French \(France\)\n\+ American English/);
      assert.match(text, /Orders and delivery \d+\/2/);
      assert.doesNotMatch(text, /…/);
    },
  },
];
