// The search page without JavaScript: a reader reaches a story from its fallback, both one
// the page lists itself and one past its short lists, through the pages that list every story.
// A fixture with more stories than the search page lists (`SEARCH_FALLBACK` in
// src/render/context/data_pages.rs) is built for it. Run with the rest: `npm run test:browser`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, flashpointBinary, serveSite } from './helpers/site.mjs';
import { launchBrowser, newContext, watchPage, PAGE_TIMEOUT_MS } from './helpers/browser.mjs';

const TEST_TIMEOUT = { timeout: 4 * PAGE_TIMEOUT_MS };
/** More stories than the search page lists itself (100). */
const STORIES = 130;
/** The stories of the `basic` fixture that are published (one is a draft). */
const FIXTURE_STORIES = 2;

/** The `basic` fixture with STORIES stories more, built: { dir, cleanup }. */
function buildSite() {
  const parent = mkdtempSync(join(tmpdir(), 'flashpoint-search-nojs-'));
  const root = join(parent, 'source');
  cpSync(join(REPO, 'tests', 'sites', 'basic'), root, { recursive: true });
  cpSync(join(REPO, 'themes'), join(root, 'themes'), { recursive: true });
  for (let n = 0; n < STORIES; n++) {
    const id = String(n).padStart(3, '0');
    writeFileSync(join(root, 'content', 'stories', `listed-${id}.md`),
      `---\ntitle: "Listed story ${id}"\ndate: 2021-01-01\nsummary: "Story ${id}."\n---\nThe text of story ${id}.\n`);
  }
  const dir = join(parent, 'public');
  const result = spawnSync(flashpointBinary(), ['build', '--root', root, '--output', dir], { encoding: 'utf8', timeout: 5 * 60 * 1000 });
  if (result.status !== 0) throw new Error(`flashpoint build exited with ${result.status}:\n${result.stderr}`);
  return { dir, cleanup() { rmSync(parent, { recursive: true, force: true }); } };
}

const site = buildSite();
let server;
let browser;
let context;

before(async () => {
  server = await serveSite(site.dir);
  browser = await launchBrowser();
  context = await newContext(browser, server.origin, { javaScriptEnabled: false });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  site.cleanup();
});

function assertNoProblems(watch, where) {
  assert.deepEqual(context.externalRequests, [], `${where}: requests to other hosts`);
  assert.deepEqual(watch.problems, [], `${where}: console errors or failed requests`);
}

test('without JavaScript a reader reaches a story from the search page, listed there or not', TEST_TIMEOUT, async () => {
  const watch = await watchPage(context);
  const { page } = watch;
  try {
    await page.goto(server.origin + '/search/', { waitUntil: 'load' });
    assert.ok(await page.isVisible('main noscript p'), 'the note for readers without JavaScript is shown');
    const summary = (await page.textContent('#everything details[open] summary')).trim();
    assert.equal(summary, `Stories (${STORIES + FIXTURE_STORIES})`, 'the count is of every story');
    const listed = await page.$$eval('#everything details[open] ul a', (as) => as.map((a) => a.textContent.trim()));
    assert.equal(listed.length, 100, 'the page lists a hundred stories itself');

    // A story the page lists: one click.
    const first = page.locator('#everything details[open] ul a').first();
    const title = (await first.textContent()).trim();
    await Promise.all([page.waitForURL(/\/stories\/[^/]+\/$/), first.click()]);
    assert.equal((await page.textContent('main h1')).trim(), title);

    // A story it does not list: through the link to every story.
    await page.goto(server.origin + '/search/', { waitUntil: 'load' });
    const unlisted = Array.from({ length: STORIES }, (_, n) => `Listed story ${String(n).padStart(3, '0')}`)
      .find((t) => !listed.includes(t));
    assert.ok(unlisted, 'some story is not on the search page');
    const all = page.locator('#everything details[open] a', { hasText: `See all ${STORIES + FIXTURE_STORIES}` });
    await Promise.all([page.waitForURL(server.origin + '/'), all.click()]);
    // The list of every story runs over pages (`paginate:`, 30 a page): follow "next" until
    // the story is on the page, as a reader would.
    let story = page.getByRole('link', { name: unlisted, exact: true }).first();
    for (let pages = 1; (await story.count()) === 0; pages++) {
      assert.ok(pages <= Math.ceil((STORIES + FIXTURE_STORIES) / 30), `${unlisted} is on no page of the list`);
      const next = page.locator('nav.pagination a[rel="next"]');
      assert.equal(await next.count(), 1, `page ${pages} of the list links the next one`);
      await Promise.all([page.waitForURL(/\/page\/\d+\/$/), next.click()]);
      story = page.getByRole('link', { name: unlisted, exact: true }).first();
    }
    await Promise.all([page.waitForURL(/\/stories\/[^/]+\/$/), story.click()]);
    assert.equal((await page.textContent('main h1')).trim(), unlisted);
    assertNoProblems(watch, 'search without JavaScript');
  } finally {
    await watch.stop?.();
    await page.close();
  }
});
