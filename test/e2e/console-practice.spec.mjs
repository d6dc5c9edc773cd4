/**
 * The operator practice console, one test per procedure of Odoo's "Participate in live chat" guide
 * (issue 4), in real Chromium against the built app. Speed-ups compress simulated minutes into real
 * seconds: at 60×, one real second is one simulated minute.
 */
import { addAxe, assert, importJson, open, scenario } from './helpers.mjs';

/** Opens Practice, sets up an attempt and starts it. */
async function startPractice(
  context,
  url,
  { scenario, quiet = '600', alwaysFast = false, questions, trainee } = {},
) {
  const page = await context.newPage();
  await page.goto(`${url}#practice`);
  await page.getByRole('button', { name: 'Start attempt' }).waitFor({ timeout: 15000 });
  if (trainee) {
    await page.getByLabel('New trainee name').fill(trainee);
    await page.getByRole('button', { name: 'Add trainee' }).click();
    await page.getByRole('option', { name: trainee }).waitFor({ state: 'attached' });
  }
  if (scenario) await page.getByRole('radio', { name: new RegExp(`^${scenario}`) }).check();
  await page.getByLabel('Speed-up in quiet periods').selectOption(quiet);
  if (alwaysFast) await page.getByLabel(/Use it all the time/).check();
  if (questions) await page.getByLabel('Visitor questions').fill(questions);
  await page.getByRole('button', { name: 'Start attempt' }).click();
  await page.getByRole('button', { name: 'Apps menu' }).waitFor();
  return page;
}

async function openApp(page, name) {
  await page.getByRole('button', { name: 'Apps menu' }).click();
  await page.getByRole('menuitem', { name }).click();
}

async function openProfile(page) {
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'My Profile' }).click();
  await page.getByText('Online Chat Name', { exact: true }).waitFor();
}

async function joinWebsite(page) {
  await openApp(page, 'Live Chat');
  await page
    .getByRole('article', { name: 'Channel Website' })
    .getByRole('button', { name: 'Join' })
    .click();
}

const firstWindow = (page) => page.getByTestId('chat-window').first();

async function waitForChat(page, timeout = 30000) {
  await firstWindow(page).waitFor({ timeout });
  return firstWindow(page);
}

/**
 * Of an element's four corners and centre, how many show something else (clipped by an ancestor,
 * or covered by another element): 0 when the element is seen whole.
 */
async function coveredPoints(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const points = [
      [r.left + 2, r.top + 2],
      [r.right - 2, r.top + 2],
      [r.left + 2, r.bottom - 2],
      [r.right - 2, r.bottom - 2],
      [r.left + r.width / 2, r.top + r.height / 2],
    ];
    return points.filter(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return !hit || !(el.contains(hit) || hit.contains(el));
    }).length;
  });
}

/** Sends `text` from the chat window's composer, accepting an autocompletion first if one is open. */
async function send(win, text) {
  const box = win.getByRole('textbox');
  await box.fill(text);
  await box.press('Enter');
  // The box is gone once a /leave ended the conversation.
  if ((await box.count()) > 0 && (await box.inputValue()) !== '') await box.press('Enter');
}

export const tests = [
  {
    name: 'practice: the Online Chat Name is what the visitor sees, and the user name when it is cleared',
    async fn({ context, url }) {
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
      });
      await openProfile(page);
      const field = page.getByLabel('Online Chat Name');
      assert.equal(await field.getAttribute('placeholder'), 'Alex Morgan');
      await field.fill('Coach Sam');
      await field.press('Tab');
      assert.equal(await page.getByTestId('visible-name').innerText(), 'Coach Sam');

      await joinWebsite(page);
      const win = await waitForChat(page);
      await win.getByRole('button', { name: "Visitor's view" }).click();
      assert.equal(await win.getByTestId('visitor-sees-name').innerText(), 'Coach Sam');
      await win.getByRole('button', { name: "Visitor's view" }).click();

      await openProfile(page);
      await page.getByLabel('Online Chat Name').fill('');
      await page.getByLabel('Online Chat Name').press('Tab');
      assert.equal(await page.getByTestId('visible-name').innerText(), 'Alex Morgan');
      await send(win, 'Hello, thank you for your message, I am looking into it.');
      await win.getByRole('button', { name: "Visitor's view" }).click();
      assert.equal(await win.getByTestId('visitor-sees-name').innerText(), 'Alex Morgan');
      assert.match(
        await win.getByTestId('visitor-view').innerText(),
        /Alex Morgan\s+Hello, thank you/,
      );
    },
  },
  {
    name: 'practice: adding French to the Online Chat Languages routes a French visitor to the trainee',
    async fn({ context, url }) {
      const page = await startPractice(context, url, {
        scenario: 'French visitors',
        quiet: '60',
        alwaysFast: true,
      });
      await openProfile(page);
      await page.getByRole('button', { name: 'Add a language…' }).click();
      const offered = await page
        .getByRole('listbox', { name: 'Enabled languages' })
        .getByRole('option')
        .allInnerTexts();
      // Only the scenario's enabled languages (en_US, fr_FR, de_DE) can be chosen, and not the
      // main language (English) again.
      assert.deepEqual(
        offered.map((o) => o.replace(/\s+/g, ' ').trim()),
        ['Français fr_FR', 'Deutsch de_DE'],
      );
      await page
        .getByRole('listbox', { name: 'Enabled languages' })
        .getByRole('option', { name: /Français/ })
        .click();
      await page.getByRole('button', { name: 'Remove Français' }).waitFor();
      const routed = page
        .getByTestId('chat-window')
        .filter({ hasText: 'Routed to you: Français is one of your Online Chat Languages' });
      await routed.first().waitFor({ timeout: 30000 });
      assert.match(await routed.first().innerText(), /Français/);
    },
  },
  {
    name: 'regression: the Online Chat Languages list shows every option in full and closes with Escape',
    async fn({ context, url }) {
      // The list is taller than the room left in the profile card, which clipped it.
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
      });
      await openProfile(page);
      const button = page.getByRole('button', { name: 'Add a language…' });
      await button.click();
      const list = page.getByRole('listbox', { name: 'Enabled languages' });
      const options = list.getByRole('option');
      assert.deepEqual(
        (await options.allInnerTexts()).map((o) => o.replace(/\s+/g, ' ').trim()),
        ['Français fr_FR', 'Deutsch de_DE', 'Español es_ES'],
      );
      // Every option is painted where it is, whole.
      for (const option of await options.all())
        assert.equal(await coveredPoints(option), 0, `${await option.innerText()} is clipped`);
      await options.first().focus();
      await page.keyboard.press('Escape');
      await list.waitFor({ state: 'detached' });
      assert.equal(await button.getAttribute('aria-expanded'), 'false');
      assert.equal(await button.evaluate((el) => el === document.activeElement), true);
    },
  },
  {
    name: 'practice: Join brings chats, Leave stops them',
    async fn({ context, url }) {
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
        quiet: '60',
        alwaysFast: true,
      });
      await openApp(page, 'Live Chat');
      const card = page.getByRole('article', { name: 'Channel Website' });
      // Not a member: five simulated minutes pass without a chat.
      await page.waitForTimeout(5000);
      assert.equal(await page.getByTestId('chat-window').count(), 0);
      await card.getByRole('button', { name: 'Join' }).click();
      await card.getByRole('button', { name: 'Leave' }).waitFor();
      await waitForChat(page);
      await card.getByRole('button', { name: 'Leave' }).click();
      await card.getByRole('button', { name: 'Join' }).waitFor();
      await page.waitForTimeout(300);
      const after = await page.getByTestId('chat-window').count();
      await page.mouse.move(200, 300); // stay active
      await page.waitForTimeout(8000); // eight simulated minutes at 60×
      assert.equal(
        await page.getByTestId('chat-window').count(),
        after,
        'no chat arrives after Leave',
      );
    },
  },
  {
    name: 'practice: 30 idle simulated minutes disconnect the trainee, with a notice; they must Join again',
    async fn({ context, url }) {
      const page = await startPractice(context, url, {
        scenario: 'Two channels',
        quiet: '600',
        alwaysFast: true,
      });
      const notice = page.getByTestId('inactivity-notice');
      await notice.waitFor({ timeout: 20000 });
      const text = await notice.innerText();
      assert.match(text, /no mouse or keyboard activity for 30 minutes/);
      assert.match(text, /removed from Website, Shop/);
      await notice.getByRole('button', { name: 'Go to Channels' }).click();
      for (const name of ['Website', 'Shop'])
        await page
          .getByRole('article', { name: `Channel ${name}` })
          .getByRole('button', { name: 'Join' })
          .waitFor();
      await page
        .getByRole('article', { name: 'Channel Website' })
        .getByRole('button', { name: 'Join' })
        .click();
      await page
        .getByRole('article', { name: 'Channel Website' })
        .getByRole('button', { name: 'Leave' })
        .waitFor();
    },
  },
  {
    name: 'practice: an unread conversation is bold under LIVECHAT, opens on click and is no longer bold',
    async fn({ context, url }) {
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
      });
      await joinWebsite(page);
      await waitForChat(page);
      await openApp(page, 'Discuss');
      await page.getByRole('heading', { name: 'LIVECHAT' }).waitFor();
      const item = page.getByTestId('livechat-item').first();
      const weight = () => item.locator('.name').evaluate((el) => getComputedStyle(el).fontWeight);
      assert.equal(await weight(), '700');
      const name = await item.locator('.name').innerText();
      await item.click();
      await page.getByRole('heading', { level: 2, name }).waitFor();
      assert.equal(await weight(), '400');
      await page
        .getByRole('list', { name: `Messages with ${name}` })
        .first()
        .waitFor();
    },
  },
  {
    name: 'practice: the chat window stays bottom-right across apps, folds and closes',
    async fn({ context, url }) {
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
      });
      await joinWebsite(page);
      const win = await waitForChat(page);
      const viewport = page.viewportSize();
      const at = async () => {
        const b = await win.boundingBox();
        assert.ok(b, 'the chat window is visible');
        assert.ok(viewport.width - (b.x + b.width) < 30, `docked right (x=${b.x}, w=${b.width})`);
        assert.ok(
          viewport.height - (b.y + b.height) < 2,
          `docked at the bottom (y=${b.y}, h=${b.height})`,
        );
        return b;
      };
      const first = await at();
      await openApp(page, 'Contacts');
      await page.getByRole('heading', { name: 'Contacts' }).waitFor();
      assert.deepEqual(await at(), first);
      await openProfile(page);
      assert.deepEqual(await at(), first);
      // Odoo shows no chat window in Discuss; it is back in any other app.
      await openApp(page, 'Discuss');
      await page.getByRole('heading', { name: 'LIVECHAT' }).waitFor();
      assert.equal(await page.getByTestId('chat-window').count(), 0);
      await openApp(page, 'Contacts');
      assert.deepEqual(await at(), first);
      await win.getByRole('button', { name: 'Fold' }).click();
      const folded = await at();
      assert.ok(folded.height < 80, 'folded to its header');
      await win.getByRole('button', { name: 'Unfold' }).click();
      await win.getByRole('button', { name: 'Close chat window' }).click();
      assert.equal(await page.getByTestId('chat-window').count(), 0);
    },
  },
  {
    name: 'regression: chat windows never cover the Discuss thread or composer',
    async fn({ context, url }) {
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
        quiet: '60',
        alwaysFast: true,
      });
      await joinWebsite(page);
      await waitForChat(page);
      await page.getByTestId('chat-window').nth(1).waitFor({ timeout: 30000 });
      await openApp(page, 'Discuss');
      const item = page.getByTestId('livechat-item').first();
      const name = await item.locator('.name').innerText();
      await item.click();
      const discuss = page.locator('.discuss .main');
      const thread = discuss.getByRole('list', { name: `Messages with ${name}` });
      const composer = discuss.getByRole('textbox', { name: `Message to ${name}` });
      await composer.waitFor();
      assert.equal(await coveredPoints(thread), 0, 'the thread is covered');
      assert.equal(await coveredPoints(composer), 0, 'the message box is covered');
      const sendButton = discuss.getByRole('button', { name: 'Send' });
      assert.equal(await coveredPoints(sendButton), 0, 'Send is covered');
    },
  },
  {
    name: 'practice: /help, /history, a :shortcut expansion and /leave',
    async fn({ context, url }) {
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
      });
      await joinWebsite(page);
      const win = await waitForChat(page);
      const box = win.getByRole('textbox');

      await box.fill('/h');
      const suggestions = await win.getByRole('listbox', { name: 'Suggestions' }).innerText();
      assert.match(suggestions, /\/help/);
      assert.match(suggestions, /\/history/);
      // Regression: one Enter runs a command typed in full (the suggestions used to swallow it).
      await box.fill('/help');
      await box.press('Enter');
      assert.equal(await box.inputValue(), '');
      const help = win.getByTestId('operator-only').last();
      assert.match(await help.innerText(), /\/leave — Leave this conversation/);

      await send(win, '/history');
      assert.match(
        await win.getByTestId('operator-only').last().innerText(),
        /Last visited pages:/,
      );

      await box.fill(':hel');
      await win.getByRole('option', { name: /:hello/ }).waitFor();
      await box.press('Enter');
      assert.equal(
        await box.inputValue(),
        'Hello! Thank you for contacting us. How can I help you today?',
      );
      await box.press('Enter');
      await win
        .getByText('Hello! Thank you for contacting us. How can I help you today?')
        .waitFor();

      // Command output is for the operator only: the visitor's side does not show it.
      await win.getByRole('button', { name: "Visitor's view" }).click();
      const visitorSide = await win.getByTestId('visitor-view').innerText();
      assert.doesNotMatch(visitorSide, /Available commands|Last visited pages/);
      assert.match(visitorSide, /Hello! Thank you for contacting us/);
      await win.getByRole('button', { name: "Visitor's view" }).click();

      await send(win, '/leave');
      await win.getByText('Alex Morgan left the conversation').waitFor();
      await win.getByText('This conversation has ended.').waitFor();
    },
  },
  {
    name: 'practice: an XSS payload written by a visitor stays text',
    async fn({ context, url }) {
      const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
        questions: payload,
      });
      await joinWebsite(page);
      const win = await waitForChat(page);
      await win.getByText(payload, { exact: false }).first().waitFor();
      assert.equal(await win.locator('img, script').count(), 0);
      await openApp(page, 'Discuss');
      await page.getByTestId('livechat-item').first().click();
      assert.equal(await page.locator('main img, main script').count(), 0);
      assert.equal(await page.evaluate(() => window.__xss), undefined);
    },
  },
  {
    name: 'practice: ending an attempt gives a debrief, saves it to the trainee and exports CSV',
    async fn({ context, url }) {
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
        quiet: '600',
        alwaysFast: true,
        trainee: 'Jamie',
      });
      await joinWebsite(page);
      // Ignore the visitors for ~40 simulated minutes: they leave unanswered, and inactivity strikes.
      await page.getByTestId('inactivity-notice').waitFor({ timeout: 20000 });
      await page.getByRole('button', { name: 'End attempt' }).first().click();
      await page.getByRole('heading', { name: 'Debrief' }).waitFor();
      const penalties = page.getByTestId('penalty');
      assert.ok((await penalties.count()) > 0, 'some moments cost points');
      assert.match(
        await penalties.allInnerTexts().then((t) => t.join('\n')),
        /No mouse or keyboard activity for 30 minutes/,
      );
      await page.getByText("Saved to the trainee's progress").waitFor();
      await page.getByRole('region', { name: 'Progress of Jamie' }).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      const csv = readFileSync(path, 'utf8');
      assert.match(csv.split('\r\n')[0], /^trainee,date,scenario,score,/);
      assert.match(csv, /Jamie,/);
    },
  },
  {
    name: 'practice: no serious accessibility violations (axe) in setup, Discuss, Live Chat, My Profile and the debrief',
    async fn({ context, url }) {
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
        trainee: 'Robin',
      });
      await addAxe(page);
      const check = async (where) => {
        const result = await page.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { resultTypes: ['violations'] });
          return r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target}`);
        });
        assert.deepEqual(result, [], `${where}: ${result.join('\n')}`);
      };
      await joinWebsite(page);
      await waitForChat(page);
      await check('Live Chat with a chat window');
      await openApp(page, 'Discuss');
      await page.getByTestId('livechat-item').first().click();
      await check('Discuss');
      await openProfile(page);
      await page.getByRole('button', { name: 'Add a language…' }).click();
      await check('My Profile');
      await page.getByRole('button', { name: 'End attempt' }).first().click();
      await page.getByRole('heading', { name: 'Debrief' }).waitFor();
      await check('Debrief');
      await page.getByRole('button', { name: 'Back to setup' }).click();
      await check('Setup');
    },
  },
  {
    name: "practice: a library scenario with a trainee seat can be practised in that operator's seat",
    async fn({ context, url }) {
      const page = await open(context, url);
      const withSeat = scenario({
        name: 'Trainer-made practice',
        operators: [
          { id: 'op1', name: 'Alice', lang: 'en_US', channels: ['web'] },
          {
            id: 'me',
            name: 'Noor Haddad',
            lang: 'fr_FR',
            channels: ['web'],
            activity: { kind: 'trainee' },
          },
        ],
      });
      await importJson(page, 'trainer-made.json', withSeat);
      await page.getByRole('heading', { level: 1, name: 'Trainer-made practice' }).waitFor();
      await page
        .getByRole('navigation', { name: 'Mode' })
        .getByRole('button', { name: 'Practice' })
        .click();
      await page.getByRole('radio', { name: /Trainer-made practice/ }).check();
      assert.match(await page.getByText(/you take Noor Haddad's seat/).innerText(), /Noor Haddad/);
      await page.getByRole('button', { name: 'Start attempt' }).click();
      await openApp(page, 'Live Chat');
      await page
        .getByRole('article', { name: 'Channel Web' })
        .getByRole('button', { name: 'Leave' })
        .waitFor();
      await openProfile(page);
      assert.equal(await page.getByTestId('visible-name').innerText(), 'Noor Haddad');
    },
  },
  {
    name: "practice: Discuss draws the visitor's conversation statechart, its current state moving as the visitor follows up",
    async fn({ context, url }) {
      // 10× all along: the follow-up (60–120 simulated seconds) comes within 6–12 real seconds.
      const page = await startPractice(context, url, {
        scenario: 'A shift on the Website channel',
        quiet: '10',
        alwaysFast: true,
      });
      await joinWebsite(page);
      await waitForChat(page);
      await openApp(page, 'Discuss');
      await page.getByTestId('livechat-item').first().click();
      await page.getByRole('button', { name: 'Statechart' }).click();
      const chart = page.getByTestId('conversation-chart');
      await chart.locator('[data-state="asking.waiting"][aria-current="step"]').waitFor();
      assert.match(await chart.getAttribute('aria-label'), /is in state asking\.waiting$/);
      // Every state of the machine is drawn, from its definition.
      for (const state of ['reading', 'thanking', 'satisfied', 'unanswered', 'operatorLeft'])
        await chart.locator(`[data-state="${state}"]`).waitFor();
      await chart
        .locator('[data-state="asking.followedUp"][aria-current="step"]')
        .waitFor({ timeout: 20000 });
      assert.match(await chart.getAttribute('aria-label'), /is in state asking\.followedUp$/);
    },
  },
];
