// The pages of a long list in a real browser: the example site built with `paginate: 1`, so
// its home page, its tags and its Korean edition run over several pages. The pages and their
// pagers are axe-clean in both schemes and valid by the Nu checker, and the pager leads from
// the first page to the last and back without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, prepareSite, serveSite } from './helpers/site.mjs';
import { launchBrowser, newContext, watchPage, runAxe, formatViolations, PAGE_TIMEOUT_MS } from './helpers/browser.mjs';
import { runVnu, formatVnuError } from './validate.mjs';

const PAGES = ['/', '/page/2/', '/page/7/', '/tags/cyber-defense/', '/tags/cyber-defense/page/2/', '/ko/page/2/'];

const source = mkdtempSync(join(tmpdir(), 'flashpoint-paginated-'));
for (const part of ['site.yaml', 'content', 'themes']) cpSync(join(REPO, part), join(source, part), { recursive: true });
writeFileSync(join(source, 'site.yaml'), `${readFileSync(join(source, 'site.yaml'), 'utf8')}paginate: 1\n`);
const site = prepareSite({ root: source, siteDirEnv: 'PAGINATED_SITE_DIR' });
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
  rmSync(source, { recursive: true, force: true });
});

for (const colorScheme of ['light', 'dark']) {
  test(`the pages of long lists are axe-clean in the ${colorScheme} scheme`,
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

test('the pages of long lists are valid HTML by the Nu checker', { timeout: 5 * 60 * 1000 }, async () => {
  const files = PAGES.map((path) => (path === '/' ? 'index.html' : `${path.slice(1)}index.html`));
  const errors = await runVnu(site.dir, files);
  assert.deepEqual(errors.map(formatVnuError), []);
});

test('the pager leads to the last page and back without JavaScript', { timeout: PAGE_TIMEOUT_MS * 3 }, async () => {
  const context = await newContext(browser, server.origin, { javaScriptEnabled: false });
  const { page, problems } = await watchPage(context);
  await page.goto(server.origin + '/');
  const seen = [];
  for (;;) {
    seen.push(await page.textContent('.pagination-status'));
    const next = page.locator('nav.pagination a[rel=next]');
    if ((await next.count()) === 0) break;
    await next.click();
  }
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7].map((n) => `Page ${n} of 7`));
  assert.equal(new URL(page.url()).pathname, '/page/7/');
  await page.locator('nav.pagination a[rel=prev]').click();
  assert.equal(new URL(page.url()).pathname, '/page/6/');
  assert.equal(await page.getAttribute('nav.pagination a[aria-current=page]', 'href'), '/page/6/');
  assert.deepEqual(problems, []);
  await context.close();
});
