// Newsroom pages in a real browser, on `tests/sites/newsdesk` (an invented dam dispute with
// bylines, corrections and a series): the new pages axe-clean in both schemes and valid by
// the Nu checker, and the share button working from the keyboard, through the Web Share API
// where the page has it and the clipboard where it does not (both stubbed in the page), and
// absent without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, prepareSite, serveSite } from './helpers/site.mjs';
import { launchBrowser, newContext, watchPage, runAxe, formatViolations, PAGE_TIMEOUT_MS } from './helpers/browser.mjs';
import { runVnu, formatVnuError } from './validate.mjs';

const PAGES = ['/', '/authors/', '/authors/ada-reyes/', '/corrections/', '/series/varn-dam/',
  '/stories/lowmark-protests/', '/stories/talks-open/', '/actors/upland/', '/timeline/', '/quotes/'];
const STORY = '/stories/dam-announced/';

const site = prepareSite({ root: join(REPO, 'tests', 'sites', 'newsdesk'), siteDirEnv: 'NEWSDESK_SITE_DIR' });
let server;
let browser;

before(async () => {
  server = await serveSite(site.dir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site.cleanup();
});

for (const colorScheme of ['light', 'dark']) {
  test(`the newsroom pages are axe-clean in the ${colorScheme} scheme`,
    { timeout: PAGES.length * PAGE_TIMEOUT_MS }, async () => {
      const context = await newContext(browser, server.origin, { colorScheme });
      const found = [];
      for (const path of PAGES) {
        const { page, problems, stop } = await watchPage(context);
        const response = await page.goto(server.origin + path);
        assert.equal(response.status(), 200, path);
        found.push(...formatViolations(path, await runAxe(page)), ...problems.map((p) => `${path}: ${p}`));
        stop();
        await page.close();
      }
      assert.deepEqual(context.externalRequests, []);
      await context.close();
      assert.deepEqual(found, [], found.join('\n'));
    });
}

test('the newsroom pages are valid HTML by the Nu checker', { timeout: 5 * 60 * 1000 }, async () => {
  const files = PAGES.map((path) => (path === '/' ? 'index.html' : `${path.slice(1)}index.html`));
  const errors = await runVnu(site.dir, files);
  assert.deepEqual(errors.map(formatVnuError), []);
});

/** Tabs from the top of the page until the share button has focus; false if it never does. */
async function tabToShareButton(page) {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.classList.contains('share-button'))) return true;
  }
  return false;
}

test('the share button hands the story to the Web Share API from the keyboard', { timeout: PAGE_TIMEOUT_MS * 2 }, async () => {
  const context = await newContext(browser, server.origin);
  await context.addInitScript(() => {
    window.__shared = [];
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: (data) => { window.__shared.push(data); return Promise.resolve(); },
    });
  });
  const { page, problems } = await watchPage(context);
  await page.goto(server.origin + STORY);
  assert.equal(await page.isVisible('.share-button'), true, 'the button shows');
  assert.equal((await page.textContent('.share-button')).trim(), 'Share');
  assert.ok(await tabToShareButton(page), 'Tab reaches the share button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__shared.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__shared), [
    { title: 'Upland Announces a Dam on the Varn', url: 'https://example.org/stories/dam-announced/' },
  ]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without the Web Share API the button copies the link, from the keyboard', { timeout: PAGE_TIMEOUT_MS * 2 }, async () => {
  const context = await newContext(browser, server.origin);
  await context.addInitScript(() => {
    window.__copied = [];
    Object.defineProperty(navigator, 'share', { configurable: true, value: undefined });
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text) => { window.__copied.push(text); return Promise.resolve(); } },
    });
  });
  const { page, problems } = await watchPage(context);
  await page.goto(server.origin + STORY);
  assert.equal((await page.textContent('.share-button')).trim(), 'Copy link');
  assert.ok(await tabToShareButton(page), 'Tab reaches the copy button');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.__copied.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__copied), ['https://example.org/stories/dam-announced/']);
  assert.equal((await page.textContent('.share-status')).trim(), 'Link copied');
  assert.deepEqual(formatViolations(STORY, await runAxe(page)), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript the share button stays hidden', { timeout: PAGE_TIMEOUT_MS }, async () => {
  const context = await newContext(browser, server.origin, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.origin + STORY);
  assert.equal(await page.isVisible('.share'), false);
  assert.equal(await page.isVisible('.share-button'), false);
  await context.close();
});
