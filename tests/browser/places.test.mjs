// Place pages and maps in a real browser: axe-clean in the light and dark schemes, no
// horizontal overflow at 390 px, every map named and drawn inside its frame, and a
// screenshot of each map page at 390 and 1280 px in both schemes (SCREENSHOT_DIR keeps them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareSite, serveSite } from './helpers/site.mjs';
import { launchBrowser, newContext, watchPage, runAxe, formatViolations, PAGE_TIMEOUT_MS } from './helpers/browser.mjs';

const PAGES = ['/places/', '/places/seoul/', '/places/jeju-bank/',
  '/stories/march-20-attack-banks-broadcasters/', '/actors/north-korea/', '/'];
const SHOTS = process.env.SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'flashpoint-map-shots-'));

const site = prepareSite();
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
  test(`place pages and maps are axe-clean, named and fit 390 px in the ${colorScheme} scheme`,
    { timeout: PAGES.length * 4 * PAGE_TIMEOUT_MS }, async () => {
      for (const width of [390, 1280]) {
        const context = await newContext(browser, server.origin,
          { colorScheme, viewport: { width, height: 900 } });
        for (const path of PAGES) {
          const { page, problems, stop } = await watchPage(context);
          const response = await page.goto(server.origin + path);
          assert.equal(response.status(), 200, path);
          const maps = await page.$$eval('figure.map-figure', (figures) => figures.map((f) => {
            const svg = f.querySelector('svg.map');
            const frame = svg.getBoundingClientRect();
            const markers = [...svg.querySelectorAll('.marker')].map((m) => m.getBoundingClientRect());
            return {
              title: svg.querySelector('title')?.textContent ?? '',
              listed: f.querySelectorAll('.map-places a').length,
              markers: markers.length,
              inside: markers.every((m) => m.left >= frame.left - 1 && m.right <= frame.right + 1
                && m.top >= frame.top - 1 && m.bottom <= frame.bottom + 1),
            };
          }));
          assert.ok(maps.length > 0, `${path} has a map`);
          for (const map of maps) {
            assert.ok(map.title.startsWith('Map of'), `${path}: ${map.title}`);
            assert.equal(map.markers, map.listed, `${path}: every marker is in the list beside it`);
            assert.ok(map.inside, `${path}: every marker is inside the map at ${width} px`);
          }
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${path} overflows by ${overflow} px at ${width} px`);
          if (width === 1280 || path !== '/') {
            const violations = await runAxe(page);
            assert.equal(violations.length, 0, formatViolations(`${path} (${colorScheme})`, violations));
          }
          const name = `${path.replace(/\//g, '_') || 'home'}-${width}-${colorScheme}.png`;
          await page.screenshot({ path: join(SHOTS, name), fullPage: true });
          stop();
          assert.deepEqual(problems, [], path);
          await page.close();
        }
        assert.deepEqual(context.externalRequests, []);
        await context.close();
      }
    });
}
