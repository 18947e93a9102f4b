// Search over a sharded index: the example site built with two stories a shard
// (FLASHPOINT_SEARCH_STORIES_PER_SHARD=2), so its stories sit in several secondary shards
// that the search page merges into the primary with pagefind's mergeIndex.
// Run with the rest: `npm run test:browser`. SHARDED_SITE_DIR=<folder> tests a sharded site
// already built instead of building one with target/release/flashpoint.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REPO, flashpointBinary, serveSite } from './helpers/site.mjs';
import { launchBrowser, newContext, watchPage, PAGE_TIMEOUT_MS } from './helpers/browser.mjs';

const TEST_TIMEOUT = { timeout: 2 * PAGE_TIMEOUT_MS };

function run(cmd, args, what, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', env, timeout: 15 * 60 * 1000 });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

/**
 * The example site built with two stories a search shard (or SHARDED_SITE_DIR), and the same
 * under the base path /sub/: { dir, subRoot, cleanup }, where subRoot holds sub/.
 */
function prepareShardedSite() {
  const BINARY = flashpointBinary();
  const parent = mkdtempSync(join(tmpdir(), 'flashpoint-sharded-'));
  const env = { ...process.env, FLASHPOINT_SEARCH_STORIES_PER_SHARD: '2' };
  let dir = join(parent, 'public');
  if (process.env.SHARDED_SITE_DIR) {
    dir = resolve(process.env.SHARDED_SITE_DIR);
  } else {
    run(BINARY, ['build', '--root', REPO, '--output', dir], 'flashpoint build (sharded search)', env);
  }
  const subRoot = join(parent, 'sub-root');
  run(BINARY, ['build', '--root', REPO, '--output', join(subRoot, 'sub'), '--base-url', 'https://example.org/sub/'],
    'flashpoint build (sharded search under /sub/)', env);
  return { dir, subRoot, cleanup() { rmSync(parent, { recursive: true, force: true }); } };
}

/** The records of one shard's bundle folder, read from its fragments: [{ url, title }]. */
function shardRecords(bundleDir) {
  const folder = join(bundleDir, 'fragment');
  return readdirSync(folder).sort().flatMap((name) => {
    const text = gunzipSync(readFileSync(join(folder, name))).toString('utf8');
    assert.ok(text.startsWith('pagefind_dcd'), `${name} is a pagefind fragment`);
    const json = JSON.parse(text.slice('pagefind_dcd'.length));
    const fragments = typeof json.url === 'string' ? [json] : Object.values(json);
    return fragments.map((f) => ({ url: f.url, title: f.meta.title }));
  });
}

const site = prepareShardedSite();
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

/** The search page's secondary bundles, as its data-merge attribute names them. */
function mergedBundles(dir = site.dir) {
  const html = readFileSync(join(dir, 'search', 'index.html'), 'utf8');
  const match = html.match(/<div id="search"[^>]*\sdata-merge="([^"]*)"/);
  assert.ok(match, 'the search element carries data-merge');
  const json = match[1].replace(/&quot;/g, '"').replace(/&#x2F;/g, '/').replace(/&amp;/g, '&');
  return JSON.parse(json);
}

async function searchFor(page, term, url) {
  await page.fill('#search .pagefind-ui__search-input', term);
  await page.waitForSelector(`.pagefind-ui__result-link[href$="${url}"]`, { state: 'visible' });
  return page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => new URL(a.href).pathname));
}

async function openSearch(origin = server.origin, path = '/search/') {
  const watch = await watchPage(context);
  await watch.page.goto(origin + path, { waitUntil: 'load' });
  await watch.page.waitForSelector('#search .pagefind-ui__search-input', { state: 'visible' });
  return watch;
}

function assertNoProblems(watch, where) {
  assert.deepEqual(context.externalRequests, [], `${where}: requests to other hosts`);
  assert.deepEqual(watch.problems, [], `${where}: console errors or failed requests`);
}

describe('sharded search', () => {
  test('the search page names every secondary shard, and each has its bundle', () => {
    const bundles = mergedBundles();
    const storyShards = bundles.filter((b) => /^\/pagefind\/stories-\d+\/$/.test(b));
    assert.ok(storyShards.length >= 2, `several story shards: ${JSON.stringify(bundles)}`);
    const folders = readdirSync(join(site.dir, 'pagefind'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(site.dir, 'pagefind', e.name, 'pagefind-entry.json')))
      .map((e) => `/pagefind/${e.name}/`)
      .sort();
    assert.deepEqual([...bundles].sort(), folders);
    for (const bundle of bundles) {
      const dir = join(site.dir, bundle);
      const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8'));
      assert.ok(entry.languages.en.page_count >= 1, `${bundle}: ${JSON.stringify(entry)}`);
      assert.ok(!existsSync(join(dir, 'pagefind.js')), `${bundle} carries no scripts of its own`);
    }
    assert.ok(existsSync(join(site.dir, 'pagefind', 'pagefind-ui.js')), 'the primary has the UI');
  });

  test('stories from two secondary shards are found and open', TEST_TIMEOUT, async () => {
    const shards = mergedBundles().filter((b) => b.startsWith('/pagefind/stories-'));
    const picks = shards.slice(0, 2).map((bundle) => ({ bundle, ...shardRecords(join(site.dir, bundle))[0] }));
    const start = server.requests.length;
    const watch = await openSearch();
    const { page } = watch;
    try {
      for (const pick of picks) {
        const links = await searchFor(page, pick.title, pick.url);
        assert.ok(links.includes(pick.url), `"${pick.title}" finds ${pick.url} (${pick.bundle}); got ${JSON.stringify(links)}`);
        const fetched = server.requests.slice(start)
          .filter(([status, url]) => status === 200 && url.startsWith(`${pick.bundle}fragment/`));
        assert.ok(fetched.length >= 1, `a fragment of ${pick.bundle} was loaded`);
      }
      const last = picks[picks.length - 1];
      await Promise.all([
        page.waitForURL(server.origin + last.url),
        page.click(`.pagefind-ui__result-link[href$="${last.url}"]`),
      ]);
      assert.equal((await page.textContent('h1'))?.trim(), last.title);
      assertNoProblems(watch, 'sharded search');
    } finally {
      watch.stop();
      await watch.page.close();
    }
  });

  test('records of the primary are found beside the merged shards', TEST_TIMEOUT, async () => {
    const watch = await openSearch();
    const { page } = watch;
    try {
      const links = await searchFor(page, '북한', '/actors/north-korea/');
      assert.ok(links.includes('/actors/north-korea/'), JSON.stringify(links));
      // "Korea" is in actors (the primary) and in stories (secondary shards): one list of
      // results holds both, ranked together.
      await page.fill('#search .pagefind-ui__search-input', 'Korea');
      for (const kind of ['/actors/', '/stories/']) {
        await page.waitForSelector(`.pagefind-ui__result-link[href^="${kind}"]`, { state: 'visible' });
      }
      assertNoProblems(watch, 'sharded search (primary)');
    } finally {
      watch.stop();
      await watch.page.close();
    }
  });

  test('under a base path, results from every shard link inside it', TEST_TIMEOUT, async () => {
    const subContext = await newContext(browser, subServer.origin, { colorScheme: 'light' });
    const subDir = join(site.subRoot, 'sub');
    const bundles = mergedBundles(subDir);
    assert.ok(bundles.length >= 2 && bundles.every((b) => b.startsWith('/sub/pagefind/')), JSON.stringify(bundles));
    const bundle = bundles.find((b) => b.startsWith('/sub/pagefind/stories-'));
    const pick = shardRecords(join(site.subRoot, bundle))[0];
    assert.ok(pick.url.startsWith('/sub/stories/'), pick.url);
    const watch = await watchPage(subContext);
    const { page } = watch;
    try {
      await page.goto(subServer.origin + '/sub/search/', { waitUntil: 'load' });
      await page.waitForSelector('#search .pagefind-ui__search-input', { state: 'visible' });
      const links = await searchFor(page, pick.title, pick.url);
      assert.ok(links.length > 0 && links.every((l) => l.startsWith('/sub/') && !l.startsWith('/sub/sub/')), JSON.stringify(links));
      assert.ok(links.includes(pick.url), `"${pick.title}" finds ${pick.url}; got ${JSON.stringify(links)}`);
      await Promise.all([
        page.waitForURL(subServer.origin + pick.url),
        page.click(`.pagefind-ui__result-link[href$="${pick.url}"]`),
      ]);
      assert.equal((await page.textContent('h1'))?.trim(), pick.title);
      assert.deepEqual(subContext.externalRequests, [], 'requests to other hosts');
      assert.deepEqual(watch.problems, [], 'console errors or failed requests');
    } finally {
      watch.stop();
      await page.close();
      await subContext.close();
    }
  });
});
