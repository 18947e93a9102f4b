// Search over the index flashpoint writes (src/search/): the example site, found by its
// words, under the root and under a base path, at a bounded cost per search.
// Run with the rest: `npm run test:browser`. SEARCH_SITE_DIR=<folder> tests a site already
// built instead of building one with target/release/flashpoint.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO, flashpointBinary, serveSite } from './helpers/site.mjs';
import { launchBrowser, newContext, watchPage, PAGE_TIMEOUT_MS } from './helpers/browser.mjs';

const TEST_TIMEOUT = { timeout: 2 * PAGE_TIMEOUT_MS };

function run(cmd, args, what) {
  const result = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', timeout: 15 * 60 * 1000 });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

/** The example site (or SEARCH_SITE_DIR), and the same under /sub/: { dir, subRoot, cleanup }. */
function prepareSites() {
  const BINARY = flashpointBinary();
  const parent = mkdtempSync(join(tmpdir(), 'flashpoint-search-'));
  let dir = join(parent, 'public');
  if (process.env.SEARCH_SITE_DIR) {
    dir = resolve(process.env.SEARCH_SITE_DIR);
  } else {
    run(BINARY, ['build', '--root', REPO, '--output', dir], 'flashpoint build');
  }
  const subRoot = join(parent, 'sub-root');
  run(BINARY, ['build', '--root', REPO, '--output', join(subRoot, 'sub'), '--base-url', 'https://example.org/sub/'],
    'flashpoint build (under /sub/)');
  return { dir, subRoot, cleanup() { rmSync(parent, { recursive: true, force: true }); } };
}

const site = prepareSites();
let server;
let subServer;
let browser;
let context;

before(async () => {
  server = await serveSite(site.dir);
  subServer = await serveSite(site.subRoot);
  browser = await launchBrowser();
  context = await newContext(browser, server.origin, { colorScheme: 'light' });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  await subServer?.close();
  site.cleanup();
});

/** The first record file of `kind` in a built site: { url, title, number }. */
function firstRecord(dir, kind) {
  const entry = JSON.parse(readFileSync(join(dir, 'pagefind', 'entry.json'), 'utf8'));
  const run = entry.kinds.find((k) => k.kind === kind);
  // Records are numbered from their URLs: the run has gaps, so take its lowest number in use.
  const number = Math.min(...readdirSync(join(dir, 'pagefind', 'records'))
    .map((name) => Number(name.replace(/\.json$/, '')))
    .filter((n) => n >= run.from && n < run.to));
  const record = JSON.parse(readFileSync(join(dir, 'pagefind', 'records', `${number}.json`), 'utf8'));
  return { ...record, number };
}

async function searchFor(page, term, url) {
  await page.fill('#search .search-ui__search-input', term);
  // Read the list in the same evaluation that sees the result, so a re-render in between
  // (the index fetching more of a common word's records) cannot empty it.
  const found = await page.waitForFunction((wanted) => {
    const links = [...document.querySelectorAll('.search-ui__result-link')].map((a) => new URL(a.href).pathname);
    return links.some((path) => path.endsWith(wanted)) ? links : null;
  }, url);
  return found.jsonValue();
}

async function openSearch(origin = server.origin, path = '/search/', ctx = context) {
  const watch = await watchPage(ctx);
  await watch.page.goto(origin + path, { waitUntil: 'load' });
  await watch.page.waitForSelector('#search .search-ui__search-input', { state: 'visible' });
  return watch;
}

function assertNoProblems(watch, where, ctx = context) {
  assert.deepEqual(ctx.externalRequests, [], `${where}: requests to other hosts`);
  assert.deepEqual(watch.problems, [], `${where}: console errors or failed requests`);
}

describe('search index', () => {
  test('a story is found by its title, its result shows its kind and an excerpt, and opens', TEST_TIMEOUT, async () => {
    const pick = firstRecord(site.dir, 'Story');
    const start = server.requests.length;
    const watch = await openSearch();
    const { page } = watch;
    try {
      const links = await searchFor(page, pick.title, pick.url);
      assert.ok(links.includes(pick.url), `"${pick.title}" finds ${pick.url}; got ${JSON.stringify(links)}`);
      const result = page.locator('.search-ui__result', { has: page.locator(`.search-ui__result-link[href$="${pick.url}"]`) });
      assert.equal((await result.locator('.search-ui__result-tag').textContent()).trim(), 'Story');
      assert.ok((await result.locator('.search-ui__result-excerpt').textContent()).trim().length > 20, 'an excerpt');
      assert.ok(await result.locator('mark').count() >= 1, 'the typed words are marked');
      const loaded = server.requests.slice(start).map(([, url]) => url).filter((url) => url.startsWith('/pagefind/'));
      assert.ok(loaded.includes('/pagefind/entry.json'), JSON.stringify(loaded));
      assert.ok(loaded.includes(`/pagefind/records/${pick.number}.json`), JSON.stringify(loaded));
      assert.ok(loaded.length <= 12, `a search fetches few index files: ${JSON.stringify(loaded)}`);
      await Promise.all([
        page.waitForURL(server.origin + pick.url),
        page.click(`.search-ui__result-link[href$="${pick.url}"]`),
      ]);
      assert.equal((await page.textContent('h1'))?.trim(), pick.title);
      assertNoProblems(watch, 'search');
    } finally {
      watch.stop();
      await watch.page.close();
    }
  });

  test('actors and stories are found together, by Korean and English words, and filtered by kind', TEST_TIMEOUT, async () => {
    const watch = await openSearch();
    const { page } = watch;
    try {
      const links = await searchFor(page, '북한', '/actors/north-korea/');
      assert.ok(links.includes('/actors/north-korea/'), JSON.stringify(links));
      await page.fill('#search .search-ui__search-input', 'Korea');
      await page.waitForSelector('.search-ui__result-link[href^="/stories/"]', { state: 'visible' });
      const kinds = await page.$$eval('.search-ui__filter-checkbox', (boxes) => boxes.map((b) => b.value));
      assert.ok(kinds.includes('Actor') && kinds.includes('Story'), JSON.stringify(kinds));
      await page.check('.search-ui__filter-checkbox[value="Actor"]');
      // Wait for the filtered list itself: an empty list (mid re-render) is not yet the answer.
      await page.waitForFunction(() => {
        const tags = [...document.querySelectorAll('.search-ui__result-tag')];
        return tags.length > 0 && tags.every((t) => t.textContent === 'Actor');
      });
      const shown = await page.$$eval('.search-ui__result-link', (as) => as.map((a) => new URL(a.href).pathname));
      assert.ok(shown.length >= 1 && shown.every((p) => p.startsWith('/actors/')), JSON.stringify(shown));
      assertNoProblems(watch, 'search by kind');
    } finally {
      watch.stop();
      await watch.page.close();
    }
  });

  test('a word that is nowhere says so', TEST_TIMEOUT, async () => {
    const watch = await openSearch();
    const { page } = watch;
    try {
      await page.fill('#search .search-ui__search-input', 'zzqxnotaword');
      await page.waitForFunction(() => /No results for/.test(document.querySelector('.search-ui__message')?.textContent || ''));
      assert.equal(await page.locator('.search-ui__result').count(), 0);
      assertNoProblems(watch, 'no results');
    } finally {
      watch.stop();
      await watch.page.close();
    }
  });

  test('under a base path, results link inside it', TEST_TIMEOUT, async () => {
    const subContext = await newContext(browser, subServer.origin, { colorScheme: 'light' });
    const pick = firstRecord(join(site.subRoot, 'sub'), 'Story');
    assert.ok(pick.url.startsWith('/sub/stories/'), pick.url);
    const watch = await openSearch(subServer.origin, '/sub/search/', subContext);
    const { page } = watch;
    try {
      const links = await searchFor(page, pick.title, pick.url);
      assert.ok(links.length > 0 && links.every((l) => l.startsWith('/sub/') && !l.startsWith('/sub/sub/')), JSON.stringify(links));
      await Promise.all([
        page.waitForURL(subServer.origin + pick.url),
        page.click(`.search-ui__result-link[href$="${pick.url}"]`),
      ]);
      assert.equal((await page.textContent('h1'))?.trim(), pick.title);
      assertNoProblems(watch, 'search under /sub/', subContext);
    } finally {
      watch.stop();
      await page.close();
      await subContext.close();
    }
  });
});
