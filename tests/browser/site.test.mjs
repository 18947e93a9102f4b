// Browser, accessibility and validation tests for the built example site.
// Run: `npm run test:browser` (node --test tests/browser/). SITE_DIR=<folder> tests a site
// already built; SCREENSHOT_DIR=<folder> keeps the screenshots there.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareSite, htmlPages, urlPathOf, serveSite, weights, CONTENT_TYPES } from './helpers/site.mjs';
import { launchBrowser, newContext, watchPage, runAxe, formatViolations, PAGE_TIMEOUT_MS } from './helpers/browser.mjs';
import { runVnu, formatVnuError, checkFeed, checkSitemap } from './validate.mjs';

const TEST_TIMEOUT = { timeout: 2 * PAGE_TIMEOUT_MS };

// Pages that get the full colour-scheme treatment and the screenshots.
const KEY_PAGES = {
  home: '/',
  story: '/stories/march-20-attack-banks-broadcasters/',
  actor: '/actors/north-korea/',
  timeline: '/timeline/',
  forces: '/forces/',
  search: '/search/',
};
const SCREENSHOT_PAGES = ['home', 'story', 'actor', 'timeline', 'forces'];
const SCREENSHOT_WIDTHS = [390, 1280];
const SEARCH = { word: 'Stuxnet', story: '/stories/us-cyber-command-offensive-teams/' };
const FILTER_ACTOR = 'iran';

// The site is built before any test is defined, so there is one test per page.
const site = prepareSite();
const pages = htmlPages(site.dir);

const summary = {
  pagesChecked: 0,
  axeRuns: 0,
  axeViolations: 0,
  vnuErrors: null,
  pagefindLoadedBytes: null,
  screenshots: null,
  overflowAt390: [],
  svgText: [],
};

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

/** Fail instead of hanging when something the browser was asked never answers. */
function bounded(promise, what, ms = PAGE_TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`${what}: no answer in ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Wait until the page has painted with its current styles (needs JavaScript on the page). */
const settle = (page) => bounded(
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))),
  'waiting for two animation frames');

/** Fail with just the list, not a diff of it. */
function assertNone(list, title) {
  if (list.length) assert.fail(`${title} (${list.length}):\n${list.join('\n')}`);
}

/** Open path in a fresh page, wait for it to be ready, and return the watcher. */
async function open(context, path, options = {}) {
  const watch = await watchPage(context, options);
  const response = await watch.page.goto(server.origin + path, { waitUntil: 'load' });
  watch.response = response;
  if (options.javaScriptEnabled !== false && (await watch.page.$('#search[data-bundle]'))) {
    await watch.page.waitForSelector('#search .pagefind-ui__search-input', { state: 'visible' });
  }
  await bounded(watch.page.evaluate(() => document.fonts.ready.then(() => undefined)), 'waiting for fonts');
  // With JavaScript off no animation frame callback runs; the page is static anyway.
  if (options.javaScriptEnabled !== false) await settle(watch.page);
  return watch;
}

async function closeWatched(watch) {
  watch.stop();
  await watch.page.close();
}

function assertNoProblems(context, watch, where) {
  assertNone(context.externalRequests, `${where}: requests to hosts other than 127.0.0.1`);
  assertNone(watch.problems, `${where}: console errors or failed requests`);
}

async function axeCheck(page, label, failures) {
  const violations = await bounded(runAxe(page), `axe on ${label}`);
  summary.axeRuns += 1;
  summary.axeViolations += violations.reduce((n, v) => n + v.nodes.length, 0);
  failures.push(...formatViolations(label, violations));
}

describe('server', () => {
  test('serves folders, content types and the 404 page', async () => {
    const get = (path) => fetch(server.origin + path, { redirect: 'manual', signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
    const home = await get('/');
    assert.equal(home.status, 200);
    assert.equal(home.headers.get('content-type'), CONTENT_TYPES['.html']);
    assert.match(await home.text(), /<!DOCTYPE html>/i);
    for (const [path, ext] of [['/style.css', '.css'], ['/site.js', '.js'], ['/favicon.svg', '.svg'], ['/atom.xml', '.xml'], ['/pagefind/pagefind-entry.json', '.json']]) {
      const r = await get(path);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('content-type'), CONTENT_TYPES[ext], path);
      await r.arrayBuffer();
    }
    const redirect = await get('/timeline');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/timeline/');
    const missing = await get('/no-such-page/');
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /<h1/);
  });
});

describe('harness', () => {
  test('requests to other hosts are blocked and reported, never sent', TEST_TIMEOUT, async () => {
    // The site's Content-Security-Policy would stop the probe first; this tests the harness.
    const context = await newContext(browser, server.origin, { bypassCSP: true });
    try {
      const watch = await open(context, '/about/');
      // .invalid never resolves; the route aborts the request before any lookup anyway.
      await watch.page.evaluate(() => fetch('http://flashpoint-test.invalid/probe.png').catch(() => null));
      assert.deepEqual(context.externalRequests, ['http://flashpoint-test.invalid/probe.png']);
      assert.ok(watch.problems.some((p) => p.includes('flashpoint-test.invalid')), 'the blocked request is reported as failed');
      await closeWatched(watch);
    } finally {
      await context.close();
    }
  });
});

describe('every page', () => {
  let context;
  before(async () => { context = await newContext(browser, server.origin, { colorScheme: 'light' }); });
  after(async () => { await context?.close(); });

  for (const file of pages) {
    const path = urlPathOf(file);
    test(`${path}: loads cleanly, no axe violations in light and dark`, TEST_TIMEOUT, async () => {
      context.externalRequests.length = 0;
      const watch = await open(context, path);
      try {
        assert.equal(watch.response?.status(), 200, `${path}: status`);
        const failures = [];
        await axeCheck(watch.page, `${path} (light)`, failures);
        await watch.page.emulateMedia({ colorScheme: 'dark' });
        await settle(watch.page);
        await axeCheck(watch.page, `${path} (dark)`, failures);
        await watch.page.emulateMedia({ colorScheme: 'light' });
        summary.pagesChecked += 1;
        assertNoProblems(context, watch, path);
        assertNone(failures, 'axe violations');
      } finally {
        await closeWatched(watch);
      }
    });
  }

  test('a missing URL gets the 404 page with status 404 and no other errors', TEST_TIMEOUT, async () => {
    context.externalRequests.length = 0;
    const watch = await open(context, '/no-such-page/', { allowMainStatus: 404 });
    try {
      assert.equal(watch.response?.status(), 404);
      assert.ok((await watch.page.textContent('h1'))?.trim(), '404 page has an h1');
      assert.ok(await watch.page.evaluate(() => getComputedStyle(document.body).fontFamily !== ''), 'styles load on the 404 page');
      const failures = [];
      await axeCheck(watch.page, '/no-such-page/ (404)', failures);
      assertNoProblems(context, watch, '/no-such-page/');
      assertNone(failures, 'axe violations');
    } finally {
      await closeWatched(watch);
    }
  });
});

describe('colour schemes on key pages', () => {
  // The toggle's own themes (data-theme) over the opposite system preference.
  const cases = [
    { scheme: 'light', theme: 'dark' },
    { scheme: 'dark', theme: 'light' },
  ];
  for (const { scheme, theme } of cases) {
    test(`data-theme="${theme}" under a ${scheme} system scheme: no axe violations`, { timeout: 6 * PAGE_TIMEOUT_MS }, async () => {
      const context = await newContext(browser, server.origin, { colorScheme: scheme });
      const failures = [];
      try {
        await context.addInitScript((t) => localStorage.setItem('flashpoint-theme', t), theme);
        for (const [name, path] of Object.entries(KEY_PAGES)) {
          const watch = await open(context, path);
          try {
            assert.equal(await watch.page.evaluate(() => document.documentElement.dataset.theme), theme, `${name}: theme applied`);
            await axeCheck(watch.page, `${path} (${theme} theme, ${scheme} system)`, failures);
            assertNoProblems(context, watch, path);
          } finally {
            await closeWatched(watch);
          }
        }
      } finally {
        await context.close();
      }
      assertNone(failures, 'axe violations');
    });
  }
});

describe('interactions', () => {
  let context;
  before(async () => { context = await newContext(browser, server.origin, { colorScheme: 'light' }); });
  after(async () => { await context?.close(); });

  test('search finds a story and its result link opens it', TEST_TIMEOUT, async () => {
    const start = server.requests.length;
    const watch = await open(context, '/search/');
    const { page } = watch;
    try {
      await page.fill('#search .pagefind-ui__search-input', SEARCH.word);
      await page.waitForSelector('.pagefind-ui__result-link', { state: 'visible' });
      const links = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => ({ href: new URL(a.href).pathname, text: a.textContent.trim() })));
      const hit = links.find((l) => l.href === SEARCH.story);
      assert.ok(hit, `a result for "${SEARCH.word}" links ${SEARCH.story}; got ${JSON.stringify(links)}`);
      await Promise.all([
        page.waitForURL(server.origin + SEARCH.story),
        page.click(`.pagefind-ui__result-link[href$="${SEARCH.story}"]`),
      ]);
      const h1 = (await page.textContent('h1'))?.trim();
      assert.equal(h1, hit.text, 'the story page h1 is the result title');
      assertNoProblems(context, watch, 'search');
      summary.pagefindLoadedBytes = server.requests.slice(start)
        .filter(([status, url]) => status === 200 && url.startsWith('/pagefind/'))
        .reduce((n, [, url]) => n + statSync(join(site.dir, decodeURIComponent(new URL(url, server.origin).pathname))).size, 0);
    } finally {
      await closeWatched(watch);
    }
  });

  test('search handles Korean text: an actor found by its Korean name', TEST_TIMEOUT, async () => {
    const watch = await open(context, '/search/');
    const { page } = watch;
    try {
      await page.fill('#search .pagefind-ui__search-input', '북한');
      await page.waitForSelector('.pagefind-ui__result-link', { state: 'visible' });
      const links = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => new URL(a.href).pathname));
      assert.ok(links.includes('/actors/north-korea/'), `"북한" finds North Korea; got ${JSON.stringify(links)}`);
      assertNoProblems(context, watch, 'search (Korean)');
    } finally {
      await closeWatched(watch);
    }
  });

  test('timeline filter shows only the chosen actor\'s events', TEST_TIMEOUT, async () => {
    const watch = await open(context, '/timeline/');
    const { page } = watch;
    const events = () => page.$$eval('.timeline li.event', (items) => items.map((li) => ({
      id: li.id, actors: (li.dataset.actors || '').split(/\s+/), visible: li.checkVisibility(),
    })));
    try {
      await page.waitForSelector('#timeline-filter', { state: 'visible' });
      const all = await events();
      assert.ok(all.length > 1, 'the timeline has events');
      assert.ok(all.every((e) => e.visible), 'every event is visible before filtering');

      await page.selectOption('#filter-actor', FILTER_ACTOR);
      const filtered = await events();
      const shown = filtered.filter((e) => e.visible);
      assert.ok(shown.length > 0, `some events involve ${FILTER_ACTOR}`);
      for (const e of shown) assert.ok(e.actors.includes(FILTER_ACTOR), `${e.id} is visible but its data-actors is ${e.actors.join(' ')}`);
      for (const e of filtered.filter((x) => x.actors.includes(FILTER_ACTOR))) assert.ok(e.visible, `${e.id} involves ${FILTER_ACTOR} but is hidden`);
      assert.ok(shown.length < all.length, 'at least one event is hidden');
      const status = (await page.textContent('#filter-status')).trim();
      assert.match(status, new RegExp(`\\b${shown.length}\\b.*\\b${all.length}\\b`), `status "${status}" says ${shown.length} of ${all.length} are shown`);
      const emptyGroups = await page.$$eval('.timeline section.year, .timeline .month-group', (groups) =>
        groups.filter((g) => g.checkVisibility() && !g.querySelector('li.event:not([hidden])')).length);
      assert.equal(emptyGroups, 0, 'no year or month heading is left without visible events');

      await page.selectOption('#filter-actor', '');
      assert.ok((await events()).every((e) => e.visible), 'every event is visible again after reset');
      assert.equal((await page.textContent('#filter-status')).trim(), '', 'status is empty after reset');
      assertNoProblems(context, watch, 'timeline');
    } finally {
      await closeWatched(watch);
    }
  });

  test('dark-mode toggle switches, persists across pages, and switches back', TEST_TIMEOUT, async () => {
    const themeContext = await newContext(browser, server.origin, { colorScheme: 'light' });
    try {
      let watch = await open(themeContext, '/');
      let { page } = watch;
      const state = () => page.evaluate(() => ({
        theme: document.documentElement.dataset.theme || null,
        pressed: document.getElementById('theme-toggle').getAttribute('aria-pressed'),
        stored: localStorage.getItem('flashpoint-theme'),
        background: getComputedStyle(document.body).backgroundColor,
      }));
      await page.waitForSelector('#theme-toggle', { state: 'visible' });
      const light = await state();
      assert.equal(light.pressed, 'false');
      await page.click('#theme-toggle');
      const dark = await state();
      assert.equal(dark.theme, 'dark');
      assert.equal(dark.pressed, 'true');
      assert.equal(dark.stored, 'dark');
      assert.notEqual(dark.background, light.background, 'the background changes');
      assertNoProblems(themeContext, watch, 'home');
      await closeWatched(watch);

      watch = await open(themeContext, '/timeline/');
      page = watch.page;
      await page.waitForSelector('#theme-toggle', { state: 'visible' });
      const persisted = await state();
      assert.equal(persisted.theme, 'dark', 'the theme persists on another page');
      assert.equal(persisted.pressed, 'true');
      assert.equal(persisted.background, dark.background);
      await page.click('#theme-toggle');
      const back = await state();
      assert.equal(back.theme, 'light');
      assert.equal(back.pressed, 'false');
      assert.equal(back.stored, 'light');
      assert.equal(back.background, light.background);
      assertNoProblems(themeContext, watch, 'timeline');
      await closeWatched(watch);
    } finally {
      await themeContext.close();
    }
  });

  test('force charts are labelled images with captions, next to a figures table', TEST_TIMEOUT, async () => {
    const watch = await open(context, '/forces/');
    try {
      const charts = await watch.page.$$eval('figure.chart', (figures) => figures.map((figure, index) => {
        const svg = figure.querySelector('svg');
        const ids = (svg?.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
        const labels = ids.map((id) => {
          const el = document.getElementById(id);
          return { id, tag: el?.localName ?? null, inSvg: !!el && svg.contains(el), text: el?.textContent.trim() ?? '' };
        });
        const box = svg?.getBoundingClientRect();
        return {
          index,
          hasSvg: !!svg,
          role: svg?.getAttribute('role'),
          labels,
          caption: figure.querySelector('figcaption')?.textContent.trim() ?? '',
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      }));
      assert.ok(charts.length > 0, 'the forces page has charts');
      for (const c of charts) {
        const name = `chart ${c.index + 1}`;
        assert.ok(c.hasSvg, `${name} has an svg`);
        assert.equal(c.role, 'img', `${name}: role="img"`);
        const title = c.labels.find((l) => l.tag === 'title');
        const desc = c.labels.find((l) => l.tag === 'desc');
        assert.ok(title?.text && title.inSvg, `${name}: aria-labelledby names a non-empty <title>: ${JSON.stringify(c.labels)}`);
        assert.ok(desc?.text && desc.inSvg, `${name}: aria-labelledby names a non-empty <desc>: ${JSON.stringify(c.labels)}`);
        assert.ok(c.labels.every((l) => l.tag && l.text), `${name}: every aria-labelledby id resolves: ${JSON.stringify(c.labels)}`);
        assert.ok(c.caption, `${name} has a non-empty figcaption`);
        assert.ok(c.width > 100 && c.height > 20, `${name} is drawn at a readable size (${c.width}×${c.height})`);
      }
      assert.ok(await watch.page.$('table.figures'), 'the page has table.figures');
      assertNoProblems(context, watch, 'forces');
    } finally {
      await closeWatched(watch);
    }
  });
});

describe('without JavaScript', () => {
  let context;
  before(async () => { context = await newContext(browser, server.origin, { javaScriptEnabled: false }); });
  after(async () => { await context?.close(); });

  test('the timeline shows every event and the per-actor links', TEST_TIMEOUT, async () => {
    const watch = await open(context, '/timeline/', { javaScriptEnabled: false });
    const { page } = watch;
    try {
      const visible = await page.$$eval('.timeline li.event', (items) => items.map((li) => li.checkVisibility()));
      assert.ok(visible.length > 1, 'the timeline has events');
      assert.ok(visible.every(Boolean), 'every event is visible');
      assert.equal(await page.isVisible('#timeline-filter'), false, 'the filter form stays hidden');
      assert.equal(await page.isVisible('#theme-toggle'), false, 'the theme toggle stays hidden');
      const links = await page.$$eval('noscript a', (as) => as.filter((a) => a.checkVisibility()).map((a) => a.getAttribute('href')));
      assert.ok(links.length > 0, 'the noscript actor links are shown');
      for (const href of links) {
        const r = await fetch(new URL(href, server.origin + '/timeline/'), { signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
        assert.equal(r.status, 200, `noscript link ${href}`);
        await r.arrayBuffer();
      }
      assertNoProblems(context, watch, 'timeline without JS');
    } finally {
      await closeWatched(watch);
    }
  });

  test('search lists everything on the site', TEST_TIMEOUT, async () => {
    const watch = await open(context, '/search/', { javaScriptEnabled: false });
    const { page } = watch;
    try {
      assert.ok(await page.isVisible('#everything'), '#everything is shown');
      const lists = await page.$$eval('#everything ul', (uls) => uls.map((ul) => ul.querySelectorAll('a[href]').length));
      assert.ok(lists.length >= 1 && lists.every((n) => n > 0), `#everything lists have links: ${lists}`);
      const storyLinks = await page.$$eval('#everything a[href*="/stories/"]', (as) => as.filter((a) => a.checkVisibility()).map((a) => new URL(a.href).pathname));
      const storyPages = pages.filter((f) => f.startsWith('stories/')).map(urlPathOf);
      assert.deepEqual([...new Set(storyLinks)].sort(), storyPages.sort(), 'every story is listed and visible');
      assert.ok(await page.isVisible('main noscript p'), 'the noscript note is shown');
      assertNoProblems(context, watch, 'search without JS');
    } finally {
      await closeWatched(watch);
    }
  });
});

describe('screenshots', () => {
  const dir = process.env.SCREENSHOT_DIR || mkdtempSync(join(tmpdir(), 'flashpoint-screenshots-'));
  mkdirSync(dir, { recursive: true });
  summary.screenshots = dir;

  for (const width of SCREENSHOT_WIDTHS) {
    test(`full-page screenshots at ${width} px, no horizontal overflow`, { timeout: 6 * PAGE_TIMEOUT_MS }, async () => {
      const context = await newContext(browser, server.origin, { viewport: { width, height: width < 600 ? 844 : 800 }, colorScheme: 'light' });
      const overflowing = [];
      try {
        for (const name of SCREENSHOT_PAGES) {
          const watch = await open(context, KEY_PAGES[name]);
          try {
            await watch.page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true, timeout: PAGE_TIMEOUT_MS });
            const overflow = await watch.page.evaluate(() => {
              const limit = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= limit) return null;
              const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
              const culprits = [...document.body.querySelectorAll('*')]
                .filter((el) => el.getBoundingClientRect().right > limit + 1 && !scrolls(el))
                .filter((el, _, all) => !all.some((other) => other !== el && el.contains(other)))
                .slice(0, 5)
                .map((el) => `${el.localName}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
              return { scrollWidth: document.documentElement.scrollWidth, limit, culprits };
            });
            const smallest = await watch.page.evaluate(() => {
              let min = Infinity;
              for (const text of document.querySelectorAll('svg.chart text, svg.graph text')) {
                const ctm = text.getScreenCTM();
                if (!ctm || !text.textContent.trim()) continue;
                min = Math.min(min, parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b));
              }
              return Number.isFinite(min) ? Math.round(min * 10) / 10 : null;
            });
            if (smallest !== null) summary.svgText.push({ width, page: KEY_PAGES[name], px: smallest });
            if (overflow) overflowing.push(`${KEY_PAGES[name]} at ${width} px: page is ${overflow.scrollWidth} px wide for ${overflow.limit}; ${overflow.culprits.join(', ')}`);
            assertNoProblems(context, watch, KEY_PAGES[name]);
          } finally {
            await closeWatched(watch);
          }
        }
      } finally {
        await context.close();
      }
      if (width === 390) summary.overflowAt390 = overflowing;
      assertNone(overflowing, 'horizontal overflow');
    });
  }
});

describe('validation', () => {
  test('Nu Html Checker finds no errors in any page', { timeout: 10 * PAGE_TIMEOUT_MS }, async () => {
    const errors = await runVnu(site.dir, pages);
    summary.vnuErrors = errors.length;
    assertNone(errors.map(formatVnuError), 'Nu Html Checker errors');
  });

  test('atom.xml is a well-formed Atom feed with complete entries', () => {
    assertNone(checkFeed(site.dir), 'atom.xml problems');
  });

  test('sitemap.xml is a well-formed sitemap', () => {
    assertNone(checkSitemap(site.dir), 'sitemap.xml problems');
  });
});

test('summary', (t) => {
  const w = weights(site.dir);
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const lines = [
    `pages checked: ${summary.pagesChecked} of ${pages.length} HTML pages (axe runs: ${summary.axeRuns})`,
    `axe violations: ${summary.axeViolations}`,
    `vnu errors: ${summary.vnuErrors ?? 'not run'}`,
    `theme CSS+JS: ${w.themeTotal} bytes (${Object.entries(w.assets).map(([f, n]) => `${f} ${n}`).join(', ')})`,
    `pagefind bundle: ${w.pagefind} bytes on disk (${kb(w.pagefind)}); loaded for one search: ${summary.pagefindLoadedBytes ?? 'not measured'} bytes`,
    `heaviest HTML page: ${w.heaviest.file} (${w.heaviest.bytes} bytes, ${kb(w.heaviest.bytes)})`,
    `overflow at 390 px: ${summary.overflowAt390.length ? summary.overflowAt390.join('; ') : 'none'}`,
    `smallest chart/graph text as drawn: ${summary.svgText.map((x) => `${x.page} at ${x.width} px: ${x.px} px`).join(', ') || 'not measured'}`,
    `screenshots: ${summary.screenshots}`,
  ];
  for (const line of lines) t.diagnostic(line);
  console.log(['browser suite summary:', ...lines.map((l) => `  ${l}`)].join('\n'));
});
