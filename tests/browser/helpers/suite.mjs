// The browser, accessibility and validation suite, for any site: `defineSiteSuite(profile)`
// defines every test for one site (profiles in profiles.mjs). Each `*.test.mjs` beside this
// folder runs it on one site: `npm run test:browser` runs them all.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareSite, htmlPages, urlPathOf, serveSite, weights, CONTENT_TYPES } from './site.mjs';
import { AXE_PATH, launchBrowser, newContext, watchPage, runAxe, formatViolations, PAGE_TIMEOUT_MS } from './browser.mjs';
import { horizontalOverflow, chartMarksOutOfReach, textContrast, headerShape, columns } from './checks.mjs';
import { runVnu, formatVnuError, checkFeed, checkSitemap } from '../validate.mjs';

const TEST_TIMEOUT = { timeout: 2 * PAGE_TIMEOUT_MS };
const SCREENSHOT_WIDTHS = [390, 1280];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** WCAG AA for body text. */
const MIN_CONTRAST = 4.5;
/** The most a phone's header may take, and how far one column may run past the other. */
const MAX_PHONE_HEADER_PX = 90;
const MAX_COLUMN_OVERRUN_PX = 900;

/**
 * The ways a reader sees colours: the OS setting alone, and the toggle's choice stored
 * against the opposite OS setting.
 */
const SCHEMES = [
  { name: 'light (OS)', colorScheme: 'light', theme: null },
  { name: 'dark (OS)', colorScheme: 'dark', theme: null },
  { name: 'dark (toggle over a light OS)', colorScheme: 'light', theme: 'dark' },
  { name: 'light (toggle over a dark OS)', colorScheme: 'dark', theme: 'light' },
];

export function defineSiteSuite(profile) {
const KEY_PAGES = profile.keyPages;
const SCREENSHOT_PAGES = ['home', 'story', 'actor', 'timeline', 'forces'];
const SEARCH = profile.search;
const FILTER_ACTOR = profile.filter.actor;

// The site is built before any test is defined, so there is one test per page.
const site = prepareSite(profile);
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
  chartMarks: 0,
  started: Date.now(),
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
    await watch.page.waitForSelector('#search .search-ui__search-input', { state: 'visible' });
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

describe(`${profile.name}: server`, () => {
  test('serves folders, content types and the 404 page', async () => {
    const get = (path) => fetch(server.origin + path, { redirect: 'manual', signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
    const home = await get('/');
    assert.equal(home.status, 200);
    assert.equal(home.headers.get('content-type'), CONTENT_TYPES['.html']);
    assert.match(await home.text(), /<!DOCTYPE html>/i);
    for (const [path, ext] of [['/style.css', '.css'], ['/site.js', '.js'], ['/favicon.svg', '.svg'], ['/atom.xml', '.xml'], ['/pagefind/entry.json', '.json']]) {
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

describe(`${profile.name}: harness`, () => {
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

describe(`${profile.name}: every page`, () => {
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

describe(`${profile.name}: colour schemes on key pages`, () => {
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

describe(`${profile.name}: interactions`, () => {
  let context;
  before(async () => { context = await newContext(browser, server.origin, { colorScheme: 'light' }); });
  after(async () => { await context?.close(); });

  test('search finds a story and its result link opens it', TEST_TIMEOUT, async () => {
    const start = server.requests.length;
    const watch = await open(context, '/search/');
    const { page } = watch;
    try {
      await page.fill('#search .search-ui__search-input', SEARCH.word);
      await page.waitForSelector('.search-ui__result-link', { state: 'visible' });
      const links = await page.$$eval('.search-ui__result-link', (as) => as.map((a) => ({ href: new URL(a.href).pathname, text: a.textContent.trim() })));
      const hit = links.find((l) => l.href === SEARCH.story);
      assert.ok(hit, `a result for "${SEARCH.word}" links ${SEARCH.story}; got ${JSON.stringify(links)}`);
      await Promise.all([
        page.waitForURL(server.origin + SEARCH.story),
        page.click(`.search-ui__result-link[href$="${SEARCH.story}"]`),
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

  for (const extra of profile.extraSearches || []) {
    const searchPage = extra.page || '/search/';
    test(`search for "${extra.word}" on ${searchPage} finds ${extra.path} (${extra.why})`, TEST_TIMEOUT, async () => {
      const watch = await open(context, searchPage);
      const { page } = watch;
      try {
        await page.fill('#search .search-ui__search-input', extra.word);
        await page.waitForSelector('.search-ui__result-link', { state: 'visible' });
        const links = await page.$$eval('.search-ui__result-link', (as) => as.map((a) => new URL(a.href).pathname));
        assert.ok(links.includes(extra.path), `"${extra.word}" finds ${extra.path}; got ${JSON.stringify(links)}`);
        assertNoProblems(context, watch, `search (${extra.why})`);
      } finally {
        await closeWatched(watch);
      }
    });
    if (!extra.absentFrom) continue;
    test(`search for "${extra.word}" on ${extra.absentFrom} finds nothing (${extra.why})`, TEST_TIMEOUT, async () => {
      const watch = await open(context, extra.absentFrom);
      const { page } = watch;
      try {
        await page.fill('#search .search-ui__search-input', extra.word);
        // The count line names the query once the search has answered.
        await page.waitForFunction((word) => document.querySelector('#search .search-ui__message')?.textContent.includes(word), extra.word);
        const links = await page.$$eval('.search-ui__result-link', (as) => as.map((a) => new URL(a.href).pathname));
        assert.deepEqual(links, [], `"${extra.word}" finds nothing on ${extra.absentFrom}`);
        assertNoProblems(context, watch, `search on ${extra.absentFrom} (${extra.why})`);
      } finally {
        await closeWatched(watch);
      }
    });
  }

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

describe(`${profile.name}: without JavaScript`, () => {
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

describe(`${profile.name}: screenshots`, () => {
  const dir = join(process.env.SCREENSHOT_DIR || mkdtempSync(join(tmpdir(), 'flashpoint-screenshots-')), profile.name);
  mkdirSync(dir, { recursive: true });
  summary.screenshots = dir;
  // Pages as loaded, then the two states a reader makes: search results and a filtered timeline.
  const shots = [
    ...SCREENSHOT_PAGES.map((name) => ({ name, path: KEY_PAGES[name], prepare: null })),
    { name: 'search-results', path: KEY_PAGES.search, prepare: showSearchResults },
    { name: 'timeline-filtered', path: `${KEY_PAGES.timeline}?actor=${encodeURIComponent(FILTER_ACTOR)}`, prepare: null },
  ];

  for (const width of SCREENSHOT_WIDTHS) {
    for (const colorScheme of ['light', 'dark']) {
      test(`full-page screenshots at ${width} px in ${colorScheme}, no horizontal overflow`, { timeout: 10 * PAGE_TIMEOUT_MS }, async () => {
        const context = await newContext(browser, server.origin, { viewport: width < 600 ? PHONE : DESKTOP, colorScheme });
        const overflowing = [];
        try {
          for (const shot of shots) {
            const watch = await open(context, shot.path);
            try {
              if (shot.prepare) await shot.prepare(watch.page);
              await watch.page.screenshot({ path: join(dir, `${shot.name}-${width}-${colorScheme}.png`), fullPage: true, timeout: PAGE_TIMEOUT_MS });
              const overflow = await horizontalOverflow(watch.page);
              const smallest = await watch.page.evaluate(() => {
                let min = Infinity;
                for (const text of document.querySelectorAll('svg.chart text, svg.graph text')) {
                  const ctm = text.getScreenCTM();
                  if (!ctm || !text.textContent.trim()) continue;
                  min = Math.min(min, parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b));
                }
                return Number.isFinite(min) ? Math.round(min * 10) / 10 : null;
              });
              if (smallest !== null && colorScheme === 'light') summary.svgText.push({ width, page: shot.path, px: smallest });
              if (overflow) overflowing.push(`${shot.path} (${shot.name}) at ${width} px: page is ${overflow.scrollWidth} px wide for ${overflow.limit}; ${overflow.culprits.join(', ')}`);
              assertNoProblems(context, watch, shot.path);
            } finally {
              await closeWatched(watch);
            }
          }
        } finally {
          await context.close();
        }
        if (width === 390) summary.overflowAt390.push(...overflowing);
        assertNone(overflowing, 'horizontal overflow');
      });
    }
  }
});

/** Type the profile's search word and wait for its results. */
async function showSearchResults(page, word = SEARCH.word) {
  await page.fill('#search .search-ui__search-input', word);
  await page.waitForSelector('.search-ui__result-link', { state: 'visible' });
  await settle(page);
}

/** Choose the profile's actor in the timeline filter. */
async function filterTimeline(page) {
  await page.waitForSelector('#timeline-filter', { state: 'visible' });
  await page.selectOption('#filter-actor', FILTER_ACTOR);
  await settle(page);
}

/** A context whose pages open in `scheme` (OS setting, and the toggle's stored choice). */
async function schemeContext(scheme, viewport = DESKTOP) {
  const context = await newContext(browser, server.origin, { viewport, colorScheme: scheme.colorScheme });
  if (scheme.theme) await context.addInitScript((t) => localStorage.setItem('flashpoint-theme', t), scheme.theme);
  return context;
}

function lowContrast(measured, where) {
  return measured.filter((m) => m.ratio < MIN_CONTRAST)
    .map((m) => `${where}: ${m.what} has contrast ${m.ratio}:1 (${m.color} on ${m.background}), under ${MIN_CONTRAST}:1`);
}

describe(`${profile.name}: search results and filtered timeline in every colour scheme`, () => {
  for (const scheme of SCHEMES) {
    test(`${scheme.name}: search results and a filtered timeline are axe-clean and readable`, { timeout: 4 * PAGE_TIMEOUT_MS }, async () => {
      const context = await schemeContext(scheme);
      const failures = [];
      try {
        let watch = await open(context, KEY_PAGES.search);
        try {
          await showSearchResults(watch.page);
          await axeCheck(watch.page, `${KEY_PAGES.search} with results (${scheme.name})`, failures);
          const measured = await textContrast(watch.page, '#search .search-ui__search-input, #search .search-ui__message, #search .search-ui__result-link, #search .search-ui__result-excerpt, #search .search-ui__result-tag, #search mark');
          assert.ok(measured.some((m) => m.what.startsWith('input')), 'the typed query is measured');
          assert.ok(measured.some((m) => m.what.includes('result-excerpt')), 'an excerpt is measured');
          failures.push(...lowContrast(measured, `search (${scheme.name})`));
          assertNoProblems(context, watch, 'search');
        } finally {
          await closeWatched(watch);
        }
        watch = await open(context, KEY_PAGES.timeline);
        try {
          await filterTimeline(watch.page);
          await axeCheck(watch.page, `${KEY_PAGES.timeline} filtered (${scheme.name})`, failures);
          failures.push(...lowContrast(await textContrast(watch.page, '#timeline-filter label, #timeline-filter select, #timeline-filter button, #filter-status, .timeline .event-title, .timeline .event-date'), `timeline (${scheme.name})`));
          assertNoProblems(context, watch, 'timeline');
        } finally {
          await closeWatched(watch);
        }
      } finally {
        await context.close();
      }
      assertNone(failures, 'axe violations or low contrast');
    });
  }

  if (profile.codePage) {
    for (const scheme of SCHEMES) {
      test(`${scheme.name}: every highlighted code token meets AA contrast`, TEST_TIMEOUT, async () => {
        const context = await schemeContext(scheme);
        try {
          const watch = await open(context, profile.codePage);
          try {
            const tokens = await textContrast(watch.page, 'pre code span, pre code');
            assert.ok(tokens.length > 5, `${profile.codePage} has highlighted tokens (${tokens.length})`);
            if (!(await watch.page.evaluate(() => typeof window.axe === 'object'))) await watch.page.evaluate(readFileSync(AXE_PATH, 'utf8'));
            const violations = await bounded(watch.page.evaluate(async () => {
              const result = await window.axe.run({ include: [['pre']] }, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
              return result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`));
            }), 'axe color-contrast on code');
            assertNone([...violations, ...lowContrast(tokens, `${profile.codePage} code (${scheme.name})`)], 'code colours under AA');
          } finally {
            await closeWatched(watch);
          }
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe(`${profile.name}: layout`, () => {
  const homes = [KEY_PAGES.home, ...(profile.editions || []).map((edition) => edition.home)];
  for (const home of homes) {
  test(`${home}: on phones the header stays within 90 px with the toggle beside the title`, TEST_TIMEOUT, async () => {
    const context = await newContext(browser, server.origin, { viewport: PHONE, colorScheme: 'light' });
    try {
      const watch = await open(context, home);
      try {
        const shape = await headerShape(watch.page);
        assert.ok(shape.toggleShown, 'the toggle is shown');
        assert.ok(shape.height <= MAX_PHONE_HEADER_PX, `the header is ${shape.height} px tall at 390 px (at most ${MAX_PHONE_HEADER_PX})`);
        assert.ok(shape.sharesRow, 'the toggle shares a row with the title');
      } finally {
        await closeWatched(watch);
      }
    } finally {
      await context.close();
    }
  });

  for (const width of [1280, 1100, 800]) {
    test(`${home}: at ${width} px the dark-mode toggle never sits on a row of its own`, TEST_TIMEOUT, async () => {
      const context = await newContext(browser, server.origin, { viewport: { width, height: 800 }, colorScheme: 'light' });
      try {
        const watch = await open(context, home);
        try {
          const shape = await headerShape(watch.page);
          assert.ok(shape.sharesRow, `the toggle shares a row with the title or the nav (${shape.navItems} nav items, header ${shape.height} px)`);
        } finally {
          await closeWatched(watch);
        }
      } finally {
        await context.close();
      }
    });
  }
  }

  const sideBySide = [
    { name: 'home', path: KEY_PAGES.home, main: '.main-column', side: 'aside.sidebar', longMain: false },
    // A long story (lead image, series, corrections, map, sources) is longer than its side
    // column by nature, as on any news site; the side column must still never run far below it.
    { name: 'a story', path: KEY_PAGES.story, main: 'article.story', side: 'aside.story-aside', longMain: true },
  ];
  for (const edition of profile.editions || []) {
    sideBySide.push(
      { name: `${edition.code} home`, path: edition.home, main: '.main-column', side: 'aside.sidebar', longMain: false },
      { name: `a ${edition.code} story`, path: edition.story, main: 'article.story', side: 'aside.story-aside', longMain: true },
    );
  }
  for (const { name, path, main, side, longMain } of sideBySide) {
    const rule = longMain ? `its side column not running ${MAX_COLUMN_OVERRUN_PX} px past the story` : `neither running ${MAX_COLUMN_OVERRUN_PX} px past the other`;
    test(`${name} has a side column at 1280 px, ${rule}, and one column at 390 px`, TEST_TIMEOUT, async () => {
      for (const viewport of [DESKTOP, PHONE]) {
        const context = await newContext(browser, server.origin, { viewport, colorScheme: 'light' });
        try {
          const watch = await open(context, path);
          try {
            const { main: m, side: s } = await columns(watch.page, main, side);
            assert.ok(m && s, `${path} has ${main} and ${side}`);
            if (viewport === DESKTOP) {
              assert.ok(s.left >= m.right, `${side} is beside ${main} (${Math.round(s.left)} ≥ ${Math.round(m.right)})`);
              const overrun = longMain ? s.bottom - m.bottom : Math.abs(m.bottom - s.bottom);
              assert.ok(overrun <= MAX_COLUMN_OVERRUN_PX, `one column runs ${Math.round(overrun)} px past the other (main ${Math.round(m.height)} px, side ${Math.round(s.height)} px)`);
            } else {
              assert.ok(s.top >= m.bottom - 1, `${side} comes after ${main} at 390 px`);
            }
          } finally {
            await closeWatched(watch);
          }
        } finally {
          await context.close();
        }
      }
    });
  }

  const searches = [{ path: KEY_PAGES.search, word: SEARCH.word }, ...(profile.editions || []).map((edition) => ({ path: edition.search, word: edition.searchWord }))];
  for (const search of searches) {
  test(`${search.path}: on phones the search box is near the top and the first result shows without scrolling`, TEST_TIMEOUT, async () => {
    const context = await newContext(browser, server.origin, { viewport: PHONE, colorScheme: 'light' });
    try {
      const watch = await open(context, search.path);
      try {
        const inputTop = await watch.page.$eval('#search .search-ui__search-input', (el) => el.getBoundingClientRect().top);
        assert.ok(inputTop < PHONE.height / 3, `the search box starts ${Math.round(inputTop)} px down (under a third of the screen)`);
        await showSearchResults(watch.page, search.word);
        const firstTop = await watch.page.$eval('.search-ui__result-link', (el) => el.getBoundingClientRect().top);
        assert.ok(firstTop < PHONE.height - 40, `the first result title starts ${Math.round(firstTop)} px down, within the ${PHONE.height} px screen`);
        assert.equal(await watch.page.isVisible('#everything'), false, 'the list for readers without JavaScript is hidden under live search');
      } finally {
        await closeWatched(watch);
      }
    } finally {
      await context.close();
    }
  });
  }

  const chartPages = pages.filter((file) => readFileSync(join(site.dir, file), 'utf8').includes('<figure class="chart'));
  test(`at 390 px every chart mark lies in the viewport or in a labelled scroller (${chartPages.length} pages with charts)`, { timeout: Math.max(2, chartPages.length) * PAGE_TIMEOUT_MS }, async () => {
    const context = await newContext(browser, server.origin, { viewport: PHONE, colorScheme: 'light' });
    const problems = [];
    try {
      for (const file of chartPages) {
        const path = urlPathOf(file);
        const watch = await open(context, path);
        try {
          const found = await chartMarksOutOfReach(watch.page);
          summary.chartMarks += found.marks;
          problems.push(...found.problems.map((p) => `${path}: ${p}`));
        } finally {
          await closeWatched(watch);
        }
      }
    } finally {
      await context.close();
    }
    assertNone(problems, 'chart marks out of reach at 390 px');
  });
});

describe(`${profile.name}: timeline filter in the URL`, () => {
  let context;
  before(async () => { context = await newContext(browser, server.origin, { colorScheme: 'light' }); });
  after(async () => { await context?.close(); });

  const visibleEvents = (page) => page.$$eval('.timeline li.event', (items) => items.filter((li) => li.checkVisibility()).map((li) => li.id));

  test('choosing a filter writes it to the address, and opening that address restores it', TEST_TIMEOUT, async () => {
    let watch = await open(context, KEY_PAGES.timeline);
    try {
      await filterTimeline(watch.page);
      const url = new URL(watch.page.url());
      assert.equal(url.searchParams.get('actor'), FILTER_ACTOR, `the address carries the actor: ${url}`);
      const shown = await visibleEvents(watch.page);
      await closeWatched(watch);
      watch = await open(context, url.pathname + url.search);
      assert.equal(await watch.page.inputValue('#filter-actor'), FILTER_ACTOR, 'the select is restored');
      assert.deepEqual(await visibleEvents(watch.page), shown, 'the same events are shown');
      assert.match((await watch.page.textContent('#filter-status')).trim(), /\d+ of \d+ events shown/);
      await watch.page.click('#filter-reset');
      assert.equal(new URL(watch.page.url()).search, '', 'reset clears the address');
      assert.equal((await visibleEvents(watch.page)).length, (await watch.page.$$('.timeline li.event')).length, 'every event is back');
      assertNoProblems(context, watch, 'timeline');
    } finally {
      await closeWatched(watch);
    }
  });

  test('a filter nothing matches says so and offers a reset that shows every event', TEST_TIMEOUT, async () => {
    const { actor, tag } = profile.filter.empty;
    const watch = await open(context, `${KEY_PAGES.timeline}?actor=${encodeURIComponent(actor)}&tag=${encodeURIComponent(tag)}`);
    try {
      assert.deepEqual(await visibleEvents(watch.page), [], 'no event is shown');
      assert.ok(await watch.page.isVisible('#filter-empty'), 'the empty-result message is shown');
      assert.match(await watch.page.textContent('#filter-empty'), /No event matches/);
      const failures = [];
      await axeCheck(watch.page, `${KEY_PAGES.timeline} with no match`, failures);
      assertNone(failures, 'axe violations');
      await watch.page.click('#filter-empty-reset');
      assert.equal(await watch.page.isVisible('#filter-empty'), false, 'the message goes');
      assert.ok((await visibleEvents(watch.page)).length > 1, 'every event is shown again');
      assert.equal(await watch.page.inputValue('#filter-tag'), '', 'the tag filter is cleared');
      assertNoProblems(context, watch, 'timeline');
    } finally {
      await closeWatched(watch);
    }
  });

  test('an address naming no actor shows every event', TEST_TIMEOUT, async () => {
    const watch = await open(context, `${KEY_PAGES.timeline}?actor=no-such-actor`);
    try {
      assert.equal(await watch.page.inputValue('#filter-actor'), '');
      assert.equal((await visibleEvents(watch.page)).length, (await watch.page.$$('.timeline li.event')).length);
      assertNoProblems(context, watch, 'timeline');
    } finally {
      await closeWatched(watch);
    }
  });
});

describe(`${profile.name}: validation`, () => {
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

test(`${profile.name}: summary`, (t) => {
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
    `chart marks checked at 390 px: ${summary.chartMarks}`,
    `screenshots: ${summary.screenshots}`,
    `suite time: ${Math.round((Date.now() - summary.started) / 1000)} s`,
  ];
  for (const line of lines) t.diagnostic(line);
  console.log([`browser suite summary (${profile.name}):`, ...lines.map((l) => `  ${l}`)].join('\n'));
});
}
