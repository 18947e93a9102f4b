// Chromium through playwright-core, and the per-page checks: console errors, failed requests,
// error responses, requests leaving 127.0.0.1, and axe-core.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const PAGE_TIMEOUT_MS = 30_000;

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: apt-get install -y chromium (or set CHROMIUM)`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: PAGE_TIMEOUT_MS,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * A browser context that only talks to `origin`: every request elsewhere is aborted and
 * recorded in context.externalRequests (the tests fail on any).
 */
export async function newContext(browser, origin, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
  context.externalRequests = [];
  const host = new URL(origin).host;
  await context.route('**', (route) => {
    const url = route.request().url();
    let allowed = false;
    try {
      const u = new URL(url);
      allowed = u.host === host || u.protocol === 'data:' || u.protocol === 'blob:';
    } catch { /* unparsable: not allowed */ }
    if (allowed) return route.continue();
    context.externalRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return context;
}

/**
 * Open a new page in `context` and start recording its problems. Returns { page, problems,
 * stop() }: `problems` collects console errors, uncaught exceptions, failed requests and
 * responses with status >= 400 (except `allowStatus` for the main document); stop() detaches
 * the listeners, so requests cut short by closing the page are not reported.
 */
export async function watchPage(context, { allowMainStatus = null } = {}) {
  const page = await context.newPage();
  const problems = [];
  let listening = true;
  page.on('console', (msg) => {
    if (!listening || msg.type() !== 'error') return;
    const where = msg.location()?.url ? ` (${msg.location().url}:${msg.location().lineNumber})` : '';
    if (allowMainStatus && /status of 404/.test(msg.text()) && msg.location()?.url === page.mainFrame().url()) return;
    problems.push(`console error: ${msg.text()}${where}`);
  });
  page.on('pageerror', (error) => {
    if (listening) problems.push(`uncaught exception: ${error.message}`);
  });
  page.on('requestfailed', (request) => {
    if (!listening) return;
    problems.push(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (!listening || response.status() < 400) return;
    const isMain = response.request().isNavigationRequest() && response.frame() === page.mainFrame();
    if (isMain && response.status() === allowMainStatus) return;
    problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  return { page, problems, stop() { listening = false; } };
}

/** Run axe-core (WCAG 2.0/2.1 A and AA) on the page; returns its violations. */
export async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // Evaluated through the debugging protocol rather than added as a script tag, which the
    // site's Content-Security-Policy (no inline script) rightly refuses.
    await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

export function formatViolations(where, violations) {
  return violations.flatMap((v) => v.nodes.map((n) =>
    `${where}: [${v.id}] (${v.impact}) ${v.help}\n    element: ${n.target}\n    html: ${n.html.slice(0, 200)}\n    ${(n.summary || '').replace(/\n/g, '\n    ')}`));
}
