// The offline copy: the example site built with `flashpoint build --relative`, opened from
// disk (file://) in Chromium as a reader would open a folder from a USB stick or an archive.
// From the home page every internal link is followed, and every link of those pages too;
// each must load a page of the site with no failed request and no console error. Charts,
// the dark-mode toggle and the search page's offline notice and plain list are checked, and
// the same copy served by a web server under a sub-folder still searches.
// Run with the rest: `npm run test:browser`. OFFLINE_SITE_DIR=<folder> tests a relative build
// already made instead of building one with the binary `flashpointBinary` picks
// (FLASHPOINT_BIN, else a release build, else a debug build).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, serveSite, flashpointBinary } from './helpers/site.mjs';
import { launchBrowser, newContext, watchPage, PAGE_TIMEOUT_MS } from './helpers/browser.mjs';

const CRAWL_TIMEOUT = { timeout: 120 * PAGE_TIMEOUT_MS };
const TEST_TIMEOUT = { timeout: 2 * PAGE_TIMEOUT_MS };
const SEARCH = { word: 'Stuxnet', story: 'stories/us-cyber-command-offensive-teams/index.html' };

function run(cmd, args, what) {
  const result = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', timeout: 15 * 60 * 1000 });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

/**
 * The example site built with --relative (or OFFLINE_SITE_DIR), and a copy of it in a
 * sub-folder for the web server: { dir, servedRoot, cleanup }.
 */
function prepareOfflineCopy() {
  const parent = mkdtempSync(join(tmpdir(), 'flashpoint-offline-'));
  let dir = join(parent, 'copy');
  if (process.env.OFFLINE_SITE_DIR) {
    dir = resolve(process.env.OFFLINE_SITE_DIR);
  } else {
    run(flashpointBinary(), ['build', '--root', REPO, '--relative', '--output', dir], 'flashpoint build --relative');
  }
  const servedRoot = join(parent, 'served');
  cpSync(dir, join(servedRoot, 'mirror', 'korea'), { recursive: true });
  return { dir, servedRoot, cleanup() { rmSync(parent, { recursive: true, force: true }); } };
}

const copy = prepareOfflineCopy();
const HOME = pathToFileURL(join(copy.dir, 'index.html')).href;
const ROOT = pathToFileURL(copy.dir + '/').href;
let browser;
let context;

before(async () => {
  browser = await launchBrowser();
  // file:// URLs have no host: the context lets the copy's own files through and aborts
  // (and records) a request to any host.
  context = await newContext(browser, 'file:///', { colorScheme: 'light' });
});

after(async () => {
  await context?.close();
  await browser?.close();
  copy.cleanup();
});

/** Open a file:// URL in a fresh watched page; the page must be one of the site's. */
async function open(url) {
  const watch = await watchPage(context);
  await watch.page.goto(url, { waitUntil: 'load' });
  return watch;
}

/** The internal links of the open page, resolved, without fragments, inside the copy. */
async function internalLinks(page) {
  // SVG links (the relations graph) have no string `href` property: resolve the attribute.
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => new URL(a.getAttribute('href'), document.baseURI).href));
  return [...new Set(hrefs
    .map((href) => href.split('#')[0])
    .filter((href) => href.startsWith('file:')))];
}

function assertClean(watch, where) {
  assert.deepEqual(context.externalRequests, [], `${where}: requests to other hosts`);
  assert.deepEqual(watch.problems, [], `${where}: console errors or failed requests`);
}

describe('offline copy opened from disk', () => {
  test('every page two links from home opens from disk with its styles and scripts', CRAWL_TIMEOUT, async (t) => {
    const visited = new Map(); // url → the page it was first linked from
    let frontier = [HOME];
    visited.set(HOME, '(start)');
    const failures = [];
    for (let level = 0; level <= 2 && frontier.length; level += 1) {
      const next = [];
      for (const url of frontier) {
        const where = `${url.slice(ROOT.length)} (linked from ${visited.get(url)})`;
        const watch = await watchPage(context);
        const { page } = watch;
        try {
          try {
            await page.goto(url, { waitUntil: 'load' });
          } catch (error) {
            failures.push(`${where}: does not open: ${error.message.split('\n')[0]}`);
            continue;
          }
          if (!url.startsWith(ROOT)) failures.push(`${where}: leaves the copy`);
          if (url.endsWith('/')) failures.push(`${where}: a link to a folder, which a disk shows as a listing`);
          // Other files (atom.xml) only have to load; pages must be the site's, styled.
          if (url.endsWith('.html')) {
            const loaded = await page.evaluate(() => ({
              header: !!document.querySelector('header.site-header .site-title'),
              main: !!document.querySelector('main#main'),
              styled: getComputedStyle(document.querySelector('.skip-link') || document.body).position,
            }));
            if (!loaded.header || !loaded.main) failures.push(`${where}: not a page of the site`);
            if (loaded.styled !== 'absolute') failures.push(`${where}: style.css did not apply`);
          }
          for (const problem of watch.problems) failures.push(`${where}: ${problem}`);
          if (level < 2) {
            for (const link of await internalLinks(page)) {
              if (visited.has(link)) continue;
              visited.set(link, url.slice(ROOT.length) || 'index.html');
              next.push(link);
            }
          }
        } finally {
          watch.stop();
          await page.close();
        }
      }
      frontier = next;
    }
    assert.deepEqual(context.externalRequests, [], 'requests to other hosts');
    if (failures.length) assert.fail(`${failures.length} problems:\n${failures.join('\n')}`);
    t.diagnostic(`offline copy: ${visited.size} files opened from disk, two links deep from home`);
    assert.ok(visited.size >= 30, `only ${visited.size} pages reached: ${[...visited.keys()].join(', ')}`);
    for (const path of ['stories/', 'actors/', 'timeline/index.html', 'forces/index.html', 'search/index.html', 'tags/']) {
      assert.ok([...visited.keys()].some((u) => u.startsWith(ROOT + path)), `no page under ${path} reached`);
    }
  });

  test('the forces charts are drawn', TEST_TIMEOUT, async () => {
    const watch = await open(new URL('forces/index.html', ROOT).href);
    try {
      // Each chart is drawn for wide columns and for phones, and the stylesheet shows one:
      // the drawing shown is the one with a size.
      const charts = await watch.page.$$eval('figure.chart', (figures) => figures.map((figure) => {
        const shown = [...figure.querySelectorAll('svg')]
          .map((svg) => ({ svg, box: svg.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0);
        if (shown.length !== 1) return { shown: shown.length };
        const { svg, box } = shown[0];
        return { width: box.width, height: box.height, marks: svg.querySelectorAll('rect, path, line').length };
      }));
      assert.ok(charts.length > 0, 'the forces page has charts');
      for (const chart of charts) assert.ok(chart.width > 100 && chart.height > 50 && chart.marks > 0, JSON.stringify(chart));
      assertClean(watch, 'forces');
    } finally {
      watch.stop();
      await watch.page.close();
    }
  });

  test('the dark-mode toggle switches the theme and it holds on the next page', TEST_TIMEOUT, async () => {
    const watch = await open(HOME);
    const { page } = watch;
    const state = () => page.evaluate(() => ({
      theme: document.documentElement.dataset.theme || null,
      pressed: document.getElementById('theme-toggle').getAttribute('aria-pressed'),
      background: getComputedStyle(document.body).backgroundColor,
    }));
    try {
      await page.waitForSelector('#theme-toggle', { state: 'visible' });
      const light = await state();
      assert.equal(light.pressed, 'false');
      await page.click('#theme-toggle');
      const dark = await state();
      assert.equal(dark.theme, 'dark');
      assert.equal(dark.pressed, 'true');
      assert.notEqual(dark.background, light.background, 'the page turned dark');
      await Promise.all([page.waitForURL(/actors\/index\.html$/), page.click('nav a[href="actors/index.html"]')]);
      await page.waitForSelector('#theme-toggle', { state: 'visible' });
      assert.equal((await state()).theme, 'dark', 'the choice holds on the next page opened from disk');
      await page.click('#theme-toggle');
      assert.equal((await state()).theme, 'light');
      assertClean(watch, 'theme toggle');
    } finally {
      watch.stop();
      await page.close();
    }
  });

  test('the search page says search needs a server and lists everything instead', TEST_TIMEOUT, async () => {
    const watch = await open(new URL('search/index.html', ROOT).href);
    const { page } = watch;
    try {
      const notice = page.locator('#search .search-offline');
      await notice.waitFor({ state: 'visible' });
      assert.match(await notice.textContent(), /served from a web server.*listed below/s);
      assert.equal(await page.$('#search .search-ui__search-input'), null, 'no search box that cannot work');
      const stories = await page.$$eval('#everything details[open] a', (as) => as.map((a) => a.href));
      assert.ok(stories.length >= 5, JSON.stringify(stories));
      const first = stories[0];
      await Promise.all([page.waitForURL(first), page.click(`#everything details[open] a[href$="${first.split('/').slice(-3).join('/')}"]`)]);
      assert.ok(await page.$('article, main h1'), 'the listed story opens');
      assertClean(watch, 'search page from disk');
    } finally {
      watch.stop();
      await page.close();
    }
  });
});

describe('offline copy served from a sub-folder', () => {
  test('search finds a story and its result opens it', TEST_TIMEOUT, async () => {
    const server = await serveSite(copy.servedRoot);
    const served = await newContext(browser, server.origin, { colorScheme: 'light' });
    const watch = await watchPage(served);
    const { page } = watch;
    try {
      await page.goto(`${server.origin}/mirror/korea/search/index.html`, { waitUntil: 'load' });
      await page.waitForSelector('#search .search-ui__search-input', { state: 'visible' });
      assert.equal(await page.$('#search .search-offline'), null, 'no offline notice over http');
      await page.fill('#search .search-ui__search-input', SEARCH.word);
      const expected = `/mirror/korea/${SEARCH.story}`;
      await page.waitForSelector(`.search-ui__result-link[href="${expected}"]`, { state: 'visible' });
      const links = await page.$$eval('.search-ui__result-link', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.every((l) => l.startsWith('/mirror/korea/') && l.includes('.html')), JSON.stringify(links));
      await Promise.all([
        page.waitForURL(server.origin + expected),
        page.click(`.search-ui__result-link[href="${expected}"]`),
      ]);
      assert.ok((await page.textContent('h1'))?.trim().length > 0);
      assert.deepEqual(served.externalRequests, [], 'requests to other hosts');
      assert.deepEqual(watch.problems, [], 'console errors or failed requests');
    } finally {
      watch.stop();
      await page.close();
      await served.close();
      await server.close();
    }
  });
});
