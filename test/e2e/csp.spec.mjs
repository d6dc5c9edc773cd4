/**
 * The built app under its Content-Security-Policy (issue 10 §3): no inline script, no eval,
 * connect-src and worker-src 'self'. The whole app is used once (a run, the results charts, the
 * practice console, the service worker) and the page must report no CSP violation.
 */
import { assert, open, tab } from './helpers.mjs';

/** Collects `securitypolicyviolation` events from the first moment of every document. */
async function watchViolations(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI || '(inline)'}`),
    );
  });
}

const violations = (page) => page.evaluate(() => window.__cspViolations);

export const tests = [
  {
    name: 'csp: the page carries the policy, and it really refuses inline and data: scripts',
    async fn({ context, url }) {
      await watchViolations(context);
      const page = await context.newPage();
      const response = await page.goto(url);
      const header = response.headers()['content-security-policy'] ?? '';
      const meta = await page
        .locator('meta[http-equiv="Content-Security-Policy"]')
        .getAttribute('content');
      for (const policy of [header, meta]) {
        assert.match(policy, /script-src 'self'(;|$)/);
        assert.match(policy, /connect-src 'self'(;|$)/);
        assert.match(policy, /worker-src 'self'(;|$)/);
        assert.doesNotMatch(policy, /unsafe-eval|script-src[^;]*unsafe-inline/);
      }
      // No inline <script> in the built page: the service worker's register script is a file.
      const inline = await page.locator('script:not([src])').count();
      assert.equal(inline, 0, 'no inline script element in index.html');
      await page.getByRole('button', { name: /Play/ }).waitFor({ timeout: 15000 });
      assert.deepEqual(await violations(page), [], 'loading the app breaks no rule');
      // The policy is live: an injected inline script and a data: script are refused and reported.
      // (eval cannot be tried from here: Playwright's evaluate runs with DevTools' rights. A use of
      // eval by the app would be reported as a violation while it runs: see the next test.)
      const ran = await page.evaluate(async () => {
        const inline = document.createElement('script');
        inline.textContent = 'window.__inlineRan = true';
        const data = document.createElement('script');
        data.src = 'data:text/javascript,window.__dataRan = true';
        document.head.append(inline, data);
        await new Promise((r) => setTimeout(r, 200));
        return { inline: window.__inlineRan === true, data: window.__dataRan === true };
      });
      assert.deepEqual(ran, { inline: false, data: false });
      // Reported once per policy: the <meta> and the preview server's header both enforce.
      const reported = await violations(page);
      assert.ok(
        reported.some((v) => /^script-src\S* inline$/.test(v)),
        reported.join('; '),
      );
      assert.ok(
        reported.some((v) => /^script-src\S* data$/.test(v)),
        reported.join('; '),
      );
    },
  },
  {
    name: 'csp: a run, its results charts, the practice console and the service worker work under it',
    async fn({ context, url }) {
      await watchViolations(context);
      const page = await open(context, url);
      const registered = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        return reg.active?.scriptURL ?? null;
      });
      assert.match(registered ?? '', /\/sw\.js$/, 'the service worker is registered and active');

      // A run in the engine's Web Worker, then the results charts.
      await page.getByRole('button', { name: /Play/ }).click();
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: /Pause/ }).click();
      await tab(page, 'Results');
      await page.getByRole('button', { name: 'Run the whole scenario' }).click();
      await page.getByTestId('results-caption').waitFor({ timeout: 30000 });
      await page.getByRole('figure', { name: /Wait before assignment/ }).waitFor();
      assert.ok((await page.locator('canvas').count()) > 0, 'the charts drew');

      // The practice console: an attempt starts and its clock moves.
      await page
        .getByRole('navigation', { name: 'Mode' })
        .getByRole('button', { name: 'Practice' })
        .click();
      await page.getByRole('button', { name: 'Start attempt' }).click();
      await page.getByRole('button', { name: 'Apps menu' }).waitFor({ timeout: 15000 });
      await page.getByRole('button', { name: 'Apps menu' }).click();
      await page.getByRole('menuitem', { name: 'Live Chat' }).click();
      await page.getByRole('article', { name: 'Channel Website' }).waitFor();

      assert.deepEqual(await violations(page), []);
    },
  },
];
