/**
 * Nothing a user made is lost (issue 10 §1): the shipped library stays read-only, a deleted
 * scenario comes back with Undo, imports never collide by name, two tabs never overwrite each
 * other, and a schema upgrade in another tab reloads this one cleanly.
 */
import { assert, importJson, libraryNames, open, scenario, tab } from './helpers.mjs';

const library = (page) => page.getByRole('complementary', { name: 'Scenario library' });
const duration = (page) =>
  page.getByRole('region', { name: 'Run settings' }).getByLabel('Duration (minutes of arrivals)');

/** The names listed under a heading of the library panel ("Library" or "My scenarios"). */
async function section(page, title) {
  return library(page).locator(`h2:text-is("${title}") + ul li .name`).allInnerTexts();
}

export const tests = [
  {
    name: 'regression: editing a library scenario makes the user’s copy; the library item stays as shipped after a reload',
    async fn({ context, url }) {
      const page = await open(context, url);
      await page.getByRole('heading', { level: 1, name: 'Guide walkthrough' }).waitFor();
      await tab(page, 'Design');
      const shipped = await duration(page).inputValue();
      const edited = String(Number(shipped) + 15);
      await duration(page).fill(edited);
      await page.getByRole('heading', { level: 1, name: 'Guide walkthrough (copy)' }).waitFor();
      await page.getByText(/saved as “Guide walkthrough \(copy\)” in My scenarios/).waitFor();
      assert.deepEqual(await section(page, 'My scenarios'), ['Guide walkthrough (copy)']);
      assert.ok((await section(page, 'Library')).includes('Guide walkthrough'));
      await page.waitForTimeout(600);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Guide walkthrough (copy)' }).waitFor();
      await tab(page, 'Design');
      assert.equal(await duration(page).inputValue(), edited, 'the copy kept the edit');
      await library(page).getByRole('button', { name: 'Guide walkthrough', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Guide walkthrough' }).waitFor();
      assert.equal(await duration(page).inputValue(), shipped, 'the library item is as shipped');
    },
  },
  {
    name: 'regression: library items offer Duplicate and Export only; a user’s scenario is deleted with Undo',
    async fn({ context, url }) {
      const page = await open(context, url);
      const current = library(page).locator('.current');
      assert.deepEqual(await current.getByRole('button').allInnerTexts(), ['Duplicate', 'Export']);
      await current.getByRole('button', { name: 'Duplicate' }).click();
      await page.getByRole('heading', { level: 1, name: 'Guide walkthrough (copy)' }).waitFor();
      assert.deepEqual(await current.getByRole('button').allInnerTexts(), [
        'Duplicate',
        'Rename',
        'Export',
        'Delete',
      ]);
      const before = await libraryNames(page);
      await current.getByRole('button', { name: 'Delete' }).click();
      await page.getByText('Deleted “Guide walkthrough (copy)”. Its runs stay.').waitFor();
      assert.deepEqual(await section(page, 'My scenarios'), []);
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('heading', { level: 1, name: 'Guide walkthrough (copy)' }).waitFor();
      assert.deepEqual(await libraryNames(page), before);
      // Deleted for good once the Undo is gone; the library is untouched.
      await current.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('button', { name: 'Undo' }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: /Play/ }).waitFor();
      assert.deepEqual(await section(page, 'My scenarios'), []);
      assert.ok((await section(page, 'Library')).includes('Guide walkthrough'));
    },
  },
  {
    name: 'an imported file named like an existing scenario gets a distinct name',
    async fn({ context, url }) {
      const page = await open(context, url);
      await importJson(page, 'a.json', scenario({ name: 'Rush' }));
      await page.getByRole('heading', { level: 1, name: 'Rush' }).waitFor();
      await importJson(page, 'b.json', scenario({ name: 'Rush' }));
      await page.getByRole('heading', { level: 1, name: 'Rush (2)' }).waitFor();
      await page
        .getByText(/A scenario named “Rush” already exists, so this one is “Rush \(2\)”/)
        .waitFor();
      assert.deepEqual(await section(page, 'My scenarios'), ['Rush', 'Rush (2)']);
    },
  },
];
