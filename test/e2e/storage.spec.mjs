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

/** Waits until `check` holds (polling), up to `timeout` ms. */
async function eventually(check, timeout = 5000) {
  for (const end = Date.now() + timeout; Date.now() < end;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Two tabs of the app on the Design tab of one user scenario, "Shared". */
async function twoTabsOnShared(context, url) {
  const a = await open(context, url);
  await importJson(a, 'shared.json', scenario({ name: 'Shared' }));
  await a.getByRole('heading', { level: 1, name: 'Shared' }).waitFor();
  await a.waitForTimeout(400);
  const b = await open(context, url);
  await b.getByRole('heading', { level: 1, name: 'Shared' }).waitFor();
  await tab(a, 'Design');
  await tab(b, 'Design');
  return [a, b];
}

/** Seconds shown by the practice console's simulated clock (`hh:mm:ss`, maybe `d2 `). */
async function practiceClock(page) {
  const text = await page.getByTitle('Simulated time').innerText();
  const [h, m, sec] = text
    .replace(/^d\d+ /, '')
    .split(':')
    .map(Number);
  return h * 3600 + m * 60 + (sec ?? 0);
}

/** Starts a practice attempt (600× in quiet periods) and answers the first chat with `text`. */
async function practiseAndAnswer(context, url, text) {
  const page = await context.newPage();
  await page.goto(`${url}#practice`);
  await page.getByLabel('New trainee name').fill('Ada');
  await page.getByRole('button', { name: 'Add trainee' }).click();
  await page.getByRole('option', { name: 'Ada' }).waitFor({ state: 'attached' });
  await page.getByLabel('Speed-up in quiet periods').selectOption('600');
  await page.getByRole('button', { name: 'Start attempt' }).click();
  await page.getByRole('button', { name: 'Apps menu' }).click();
  await page.getByRole('menuitem', { name: 'Live Chat' }).click();
  const card = page.getByRole('article', { name: 'Channel Website' });
  await card.getByRole('button', { name: 'Join' }).click();
  const win = page.getByTestId('chat-window').first();
  await win.waitFor({ timeout: 30000 });
  const box = win.getByRole('textbox');
  await box.fill(text);
  await box.press('Enter');
  await win.getByText(text).waitFor();
  return page;
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
  {
    name: 'regression: a practice attempt survives a reload: resumed at the same moment with its chat and messages',
    async fn({ context, url }) {
      const page = await practiseAndAnswer(context, url, 'Hello from before the reload');
      const visitor = await page.getByTestId('chat-window').first().getAttribute('aria-label');
      await page.waitForTimeout(1500); // written at most a second after it happens
      const before = await practiceClock(page);
      page.on('dialog', (d) => void d.accept());
      await page.reload();
      const offer = page.getByRole('region', { name: 'Interrupted attempts' });
      await offer.getByText(/Stopped at .* after \d+ actions?/).waitFor({ timeout: 15000 });
      await offer.getByRole('button', { name: 'Resume' }).click();
      const win = page.getByTestId('chat-window').first();
      await win.getByText('Hello from before the reload').waitFor();
      assert.equal(await win.getAttribute('aria-label'), visitor, 'the same conversation');
      const after = await practiceClock(page);
      assert.ok(after >= before - 1, `resumed at ${after} s, stopped at about ${before} s`);
      assert.ok(
        after < before + 60,
        `resumed at ${after} s, not later than it stopped (${before} s)`,
      );
      // Resumed, it is no longer offered; scoring it saves it to the trainee.
      await page.getByRole('button', { name: 'End attempt' }).first().click();
      await page.getByText("Saved to the trainee's progress").waitFor();
    },
  },
  {
    name: 'an interrupted attempt can be ended and scored instead; closing the tab while playing asks first',
    async fn({ context, url }) {
      const page = await practiseAndAnswer(context, url, 'Answer before closing');
      await page.waitForTimeout(1500);
      let asked = null;
      page.on('dialog', (d) => {
        asked = d.type();
        void d.accept();
      });
      await page.close({ runBeforeUnload: true });
      await page.waitForEvent('close');
      assert.equal(asked, 'beforeunload', 'the browser asked before closing the tab');
      const next = await context.newPage();
      await next.goto(`${url}#practice`);
      const offer = next.getByRole('region', { name: 'Interrupted attempts' });
      await offer.getByRole('button', { name: 'End and score it' }).click();
      await next.getByText("Saved to the trainee's progress").waitFor();
      assert.equal(await offer.count(), 0, 'no longer offered');
    },
  },
  {
    name: 'two tabs: an edit in one shows in the other',
    async fn({ context, url }) {
      const [a, b] = await twoTabsOnShared(context, url);
      await a.getByLabel('Seed').fill('42');
      await eventually(async () => (await b.getByLabel('Seed').inputValue()) === '42');
      assert.equal(await b.getByLabel('Seed').inputValue(), '42', 'the other tab shows the edit');
    },
  },
  {
    name: 'two tabs: a stale tab’s save never overwrites the newer edit; it is kept as a copy, and said so',
    async fn({ context, url }) {
      const [a, b] = await twoTabsOnShared(context, url);
      // B's edit is saved first; A, which had loaded the same revision, saves after it.
      await b.getByLabel('Seed').fill('7');
      await duration(a).fill('90');
      await a.getByText(/“Shared” was changed in another tab since this tab opened it/).waitFor();
      await a.getByRole('heading', { level: 1, name: 'Shared (copy)' }).waitFor();
      assert.equal(await duration(a).inputValue(), '90');
      await a.waitForTimeout(600);
      await library(b).getByRole('button', { name: 'Shared', exact: true }).click();
      assert.equal(await b.getByLabel('Seed').inputValue(), '7', 'B’s edit is intact');
      assert.equal(await duration(b).inputValue(), '60');
      assert.deepEqual(await section(b, 'My scenarios'), ['Shared', 'Shared (copy)']);
    },
  },
  {
    name: 'regression: a schema upgrade opened by a newer tab makes this one reload cleanly instead of failing',
    async fn({ context, url }) {
      const page = await open(context, url);
      await importJson(page, 'kept.json', scenario({ name: 'Kept' }));
      await page.getByRole('heading', { level: 1, name: 'Kept' }).waitFor();
      await page.waitForTimeout(400);
      const reloaded = page.waitForEvent('load');
      // The newer app in another tab: the same database at a higher version.
      const other = await context.newPage();
      await other.goto(`${url}scenarios/index.json`);
      const upgraded = await other.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const request = indexedDB.open('livechat-sandbox', 1000);
            request.onsuccess = () => {
              request.result.close();
              resolve(true);
            };
            request.onerror = () => reject(request.error);
          }),
      );
      assert.equal(upgraded, true, 'the upgrade was not blocked');
      await reloaded;
      await page.getByRole('heading', { level: 1, name: 'Kept' }).waitFor();
      await importJson(page, 'after.json', scenario({ name: 'After the upgrade' }));
      await page.getByRole('heading', { level: 1, name: 'After the upgrade' }).waitFor();
      assert.equal(await page.getByRole('alert').count(), 0, 'no storage error');
    },
  },
  {
    name: 'asks for persistent storage at the first save of the user’s own, and shows usage and quota in the Storage panel',
    async fn({ context, url }) {
      await context.addInitScript(() => {
        const storage = navigator.storage;
        if (!storage) return; // e.g. the first, blank document
        const persist = storage.persist.bind(storage);
        window.persistCalls = 0;
        storage.persist = () => {
          window.persistCalls++;
          return persist();
        };
      });
      const page = await open(context, url);
      assert.equal(await page.evaluate(() => window.persistCalls), 0, 'not before any save');
      await importJson(page, 'mine.json', scenario({ name: 'Mine' }));
      await page.getByRole('heading', { level: 1, name: 'Mine' }).waitFor();
      await eventually(async () => (await page.evaluate(() => window.persistCalls)) === 1);
      assert.equal(await page.evaluate(() => window.persistCalls), 1, 'asked once');
      await page.getByRole('button', { name: 'Storage' }).click();
      const panel = page.getByRole('dialog', { name: 'Storage in this browser' });
      await panel.waitFor();
      assert.match(
        await panel.getByTestId('storage-usage').innerText(),
        /^[\d.,]+ (B|KB|MB|GB) used of [\d.,]+ (MB|GB|TB) this site may use \(.+ %\)\.$/,
      );
      await panel
        .getByText('Yours: 1 scenario, 0 runs, 0 trainees, 0 practice attempts.')
        .waitFor();
      await page.screenshot({ path: '/tmp/shots/storage-panel.png' }).catch(() => undefined);
      await panel.getByRole('button', { name: 'Close' }).click();
      await panel.waitFor({ state: 'hidden' });
    },
  },
];
