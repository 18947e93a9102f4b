// Link previews in a real browser: a link to an actor, story, event, place or source shows
// its card on keyboard focus and on hover, Escape and blur close it, a click does not open
// it, focus never leaves the link, nothing shows without JavaScript, the open card is
// axe-clean in the light and dark schemes and moves nothing on the page, and no request
// leaves 127.0.0.1. On the fixture `tests/sites/previews`, the example site, and the
// fixture's `--relative` copy opened from file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, flashpointBinary, prepareSite, serveSite } from './helpers/site.mjs';
import { launchBrowser, newContext, watchPage, runAxe, formatViolations, PAGE_TIMEOUT_MS } from './helpers/browser.mjs';

const FIXTURE = join(REPO, 'tests', 'sites', 'previews');
const STORY = '/stories/harbour-closed/';
const TIMEOUT = { timeout: 4 * PAGE_TIMEOUT_MS };

const fixture = prepareSite({ root: FIXTURE, siteDirEnv: 'PREVIEWS_SITE_DIR' });
const example = prepareSite();
let fixtureServer;
let exampleServer;
let browser;

before(async () => {
  [fixtureServer, exampleServer] = await Promise.all([serveSite(fixture.dir), serveSite(example.dir)]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await fixtureServer?.close();
  await exampleServer?.close();
  fixture.cleanup();
  example.cleanup();
});

/** The open card: its text and whether it is shown, or null when there is none. */
const cardState = (page) => page.evaluate(() => {
  const card = document.getElementById('link-preview');
  if (!card) return null;
  return {
    visible: !card.hidden && card.getBoundingClientRect().height > 0,
    name: card.querySelector('strong')?.textContent ?? '',
    kind: card.querySelector('small')?.textContent ?? '',
    role: card.getAttribute('role'),
  };
});

/** Tab until the link whose href ends with `href` has focus; fails after 60 presses. */
async function tabTo(page, href) {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    if (at.endsWith(href)) return;
  }
  assert.fail(`no link to ${href} reached by Tab`);
}

async function openPage(context, origin, path, options) {
  const watch = await watchPage(context, options);
  const response = await watch.page.goto(origin + path, { waitUntil: 'load' });
  assert.equal(response.status(), 200, path);
  return watch;
}

function assertClean(context, watch, where) {
  assert.deepEqual(context.externalRequests, [], `${where}: requests outside 127.0.0.1`);
  assert.deepEqual(watch.problems, [], `${where}: console errors or failed requests`);
}

test('a keyboard-focused link to each kind of target shows its card, and Escape closes it', TIMEOUT, async () => {
  const context = await newContext(browser, fixtureServer.origin);
  const watch = await openPage(context, fixtureServer.origin, STORY);
  const { page } = watch;
  const expected = [
    ['/actors/port-authority/', 'Port Authority <Harbour>', 'Actor · Organization'],
    ['/timeline/#event-collision', 'Collision at the north quay', 'Event'],
    ['/places/north-quay/', 'North Quay', 'Place · quay · Exampleland'],
    ['/sources/#source-gazette', 'Harbour closed after collision', 'Source · Harbour Gazette'],
    ['/stories/tanker-arrives/', 'A Tanker Arrives', 'Story'],
  ];
  for (const [href, name, kind] of expected) {
    await page.evaluate(() => document.activeElement?.blur());
    await page.focus(`.prose a[href="${href}"]`);
    // Focus set by script is not :focus-visible; a Tab from the link before it is.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const card = await cardState(page);
    assert.ok(card?.visible, `${href}: card shown on keyboard focus`);
    assert.equal(card.name, name, href);
    assert.equal(card.kind, kind, href);
    assert.equal(card.role, 'tooltip');
    const link = await page.evaluate(() => ({
      focused: document.activeElement.getAttribute('href'),
      describedBy: document.activeElement.getAttribute('aria-describedby'),
    }));
    assert.equal(link.focused, href, 'focus stays on the link');
    assert.equal(link.describedBy, 'link-preview', 'the link is described by its card');
    await page.keyboard.press('Escape');
    assert.equal((await cardState(page)).visible, false, `${href}: Escape closes the card`);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-describedby')), null);
  }
  watch.stop();
  assertClean(context, watch, STORY);
  await context.close();
});

test('an outside link has no card, and moving focus on closes the card', TIMEOUT, async () => {
  const context = await newContext(browser, fixtureServer.origin);
  const watch = await openPage(context, fixtureServer.origin, STORY);
  const { page } = watch;
  await tabTo(page, '/stories/tanker-arrives/');
  assert.equal((await cardState(page)).visible, true);
  await tabTo(page, 'https://example.com/elsewhere');
  assert.equal((await cardState(page)).visible, false, 'blur closed the card; the outside link opened none');
  watch.stop();
  assertClean(context, watch, STORY);
  await context.close();
});

test('hovering a link shows its card after a pause, and leaving it closes the card', TIMEOUT, async () => {
  const context = await newContext(browser, fixtureServer.origin);
  const watch = await openPage(context, fixtureServer.origin, STORY);
  const { page } = watch;
  const link = page.locator('.prose a[href="/actors/port-authority/"]');
  const before = await page.evaluate(() => document.documentElement.scrollHeight);
  await link.hover();
  await page.waitForFunction(() => document.getElementById('link-preview')?.hidden === false, null, { timeout: 3000 });
  assert.equal((await cardState(page)).name, 'Port Authority <Harbour>');
  const box = await link.boundingBox();
  const card = await page.locator('#link-preview').boundingBox();
  assert.ok(card.y >= box.y + box.height || card.y + card.height <= box.y, 'the card does not cover its link');
  assert.equal(await page.evaluate(() => document.documentElement.scrollHeight), before, 'nothing moved');
  // The pointer may move onto the card without closing it, then away.
  await page.mouse.move(card.x + card.width / 2, card.y + card.height / 2, { steps: 4 });
  await page.waitForTimeout(400);
  assert.equal((await cardState(page)).visible, true, 'the card stays while the pointer is on it');
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => document.getElementById('link-preview').hidden, null, { timeout: 3000 });
  // Escape closes a hovered card too.
  await link.hover();
  await page.waitForFunction(() => !document.getElementById('link-preview').hidden, null, { timeout: 3000 });
  await page.keyboard.press('Escape');
  assert.equal((await cardState(page)).visible, false);
  watch.stop();
  assertClean(context, watch, STORY);
  await context.close();
});

test('a tap on a touch screen follows the link without a card', TIMEOUT, async () => {
  const context = await newContext(browser, fixtureServer.origin, { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  const watch = await openPage(context, fixtureServer.origin, STORY);
  const { page } = watch;
  const link = '.prose a[href="/actors/port-authority/"]';
  // First with the navigation held back, to see that the tap opened no card.
  await page.evaluate(() => document.addEventListener('click', (e) => e.preventDefault(), { once: true }));
  await page.tap(link);
  await page.waitForTimeout(800);
  assert.notEqual((await cardState(page))?.visible, true, 'no card after a tap');
  await Promise.all([
    page.waitForURL('**/actors/port-authority/'),
    page.tap(link),
  ]);
  watch.stop();
  assertClean(context, watch, STORY);
  await context.close();
});

test('without JavaScript no card shows and the cards stay inert in their template', TIMEOUT, async () => {
  const context = await newContext(browser, fixtureServer.origin, { javaScriptEnabled: false });
  const watch = await openPage(context, fixtureServer.origin, STORY);
  const { page } = watch;
  await page.focus('.prose a[href="/actors/port-authority/"]');
  await page.keyboard.press('Tab');
  assert.equal(await page.locator('#link-preview').count(), 0);
  assert.equal(await page.locator('[data-href]').count(), 0, 'template content is not in the document');
  assert.ok(!(await page.locator('body').innerText()).includes('Actor · Organization'), 'no card text shows');
  watch.stop();
  assertClean(context, watch, STORY);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`the open card is axe-clean in the ${colorScheme} scheme on the fixture and the example`, TIMEOUT, async () => {
    for (const [server, path, href] of [
      [fixtureServer, STORY, '/timeline/#event-collision'],
      [exampleServer, '/stories/march-20-attack-banks-broadcasters/', '/actors/north-korea/'],
    ]) {
      const context = await newContext(browser, server.origin, { colorScheme });
      const watch = await openPage(context, server.origin, path);
      const { page } = watch;
      await tabTo(page, href);
      const card = await cardState(page);
      assert.ok(card?.visible, `${path}: card for ${href} open`);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, formatViolations(`${path} with the card open (${colorScheme})`, violations));
      watch.stop();
      assertClean(context, watch, path);
      await context.close();
    }
  });
}

test('the offline copy opened from file:// shows cards from the page itself', TIMEOUT, async () => {
  const parent = mkdtempSync(join(tmpdir(), 'flashpoint-previews-offline-'));
  try {
    const source = join(parent, 'source');
    cpSync(FIXTURE, source, { recursive: true });
    cpSync(join(REPO, 'themes'), join(source, 'themes'), { recursive: true });
    const out = join(parent, 'public');
    const built = spawnSync(flashpointBinary(), ['build', '--relative', '--root', source, '--output', out], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(join(out, 'stories', 'harbour-closed', 'index.html')).href);
    await tabTo(page, 'places/north-quay/index.html');
    const card = await cardState(page);
    assert.ok(card?.visible, 'card shown offline');
    assert.equal(card.name, 'North Quay');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
