#!/usr/bin/env node
// What a reader's first search costs: serves a built site on 127.0.0.1, opens its search page
// in Debian's chromium (playwright-core), types one word and waits for the first result.
// Prints one JSON line: {"requests":…,"bytes":…,"first_result_ms":…,"first_result_fast3g_ms":…,
// "html_bytes":…}, then the same figures as one line for people ("flashpoint: 12 requests,
// 48.1 KB, 1,650 ms to the first result under Fast 3G").
//
//   node bench/search-cost.mjs --root DIR --kind flashpoint|pagefind --query WORD [--path /search/]
//
// requests and bytes count every response from the moment the search page's own HTML is
// requested (the page itself, its styles and scripts, the index files), transferred bytes as
// the browser reports them, cache disabled: a reader pays for the page as much as for the
// index. `html_bytes` says how much of `bytes` the page's HTML document is. The server gzips
// text responses (HTML, CSS, JS, JSON,
// SVG, XML) as production hosts do; pagefind's and flashpoint's index chunks are gzipped files
// already and are sent as they are. first_result_ms is from the first keystroke to the first
// result on screen on loopback; first_result_fast3g_ms is the same under Chrome's "Fast 3G"
// (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up), the page load itself throttled too
// (it is not counted in the time). Each figure is the median of 3 fresh browser contexts.
// --kind pagefind drives Pagefind's default UI (/pagefind/pagefind-ui.js on the page at --path).
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../tests/browser/helpers/browser.mjs';

const USAGE = 'usage: node bench/search-cost.mjs --root DIR --kind flashpoint|pagefind --query WORD [--path /search/]';
const ROUNDS = 3;
const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

function parseArgs(argv) {
  const args = { path: '/search/' };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
    if (name === '--root') args.root = value;
    else if (name === '--kind') args.kind = value;
    else if (name === '--query') args.query = value;
    else if (name === '--path') args.path = value;
    else throw new Error(`unknown option ${name}\n${USAGE}`);
  }
  if (!args.root || !args.query || !['flashpoint', 'pagefind'].includes(args.kind)) throw new Error(USAGE);
  if (!existsSync(args.root)) throw new Error(`${args.root} does not exist`);
  return args;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.wasm': 'application/wasm', '.png': 'image/png', '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml']);

/** A static server for `dir` on 127.0.0.1 that gzips text for clients that accept it. */
async function serve(dir) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let pathname;
    try { pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname); } catch { res.writeHead(400); return res.end(); }
    let file = resolve(root, '.' + pathname);
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(404); return res.end(); }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) { res.writeHead(404); return res.end(); }
    const ext = extname(file).toLowerCase();
    const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream', 'Cache-Control': 'no-store' };
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      const body = gzipSync(readFileSync(file));
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      return res.end(body);
    }
    res.writeHead(200, { ...headers, 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => { server.once('error', fail); server.listen(0, '127.0.0.1', ok); });
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }) };
}

const UI = {
  flashpoint: { input: '#search .search-ui__search-input', result: '#search .search-ui__result-link' },
  pagefind: { input: '.pagefind-ui__search-input', result: '.pagefind-ui__result-link' },
};

/** One fresh context: { requests, bytes, ms } for one search. */
async function measureOnce(browser, origin, args, throttled) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => { if (!requests.has(e.requestId)) requests.set(e.requestId, { url: e.request.url, bytes: 0 }); });
  cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) r.bytes = e.encodedDataLength; });
  cdp.on('Network.loadingFailed', (e) => { const r = requests.get(e.requestId); if (r) r.failed = true; });
  const ui = UI[args.kind];
  try {
    if (args.kind === 'pagefind') {
      // The page at --path need not carry Pagefind's UI; add it as the Pagefind docs do.
      await page.goto(origin + args.path, { waitUntil: 'load', timeout: 120_000 });
      if (!(await page.$(ui.input))) {
        await page.evaluate(() => new Promise((ok, fail) => {
          const link = document.createElement('link');
          link.rel = 'stylesheet';
          link.href = '/pagefind/pagefind-ui.css';
          document.head.append(link);
          const holder = document.createElement('div');
          holder.id = 'fp-bench-search';
          document.body.prepend(holder);
          const script = document.createElement('script');
          script.src = '/pagefind/pagefind-ui.js';
          script.onload = () => { new window.PagefindUI({ element: '#fp-bench-search', showImages: false }); ok(); };
          script.onerror = fail;
          document.head.append(script);
        }));
      }
    } else {
      await page.goto(origin + args.path, { waitUntil: 'load', timeout: 120_000 });
    }
    await page.waitForSelector(ui.input, { state: 'visible', timeout: 120_000 });
    const start = Date.now();
    await page.click(ui.input);
    await page.keyboard.type(args.query);
    await page.waitForSelector(ui.result, { state: 'visible', timeout: 120_000 });
    const ms = Date.now() - start;
    // Let requests still in flight for the results shown finish, so their bytes count.
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
    const all = [...requests.values()].filter((r) => !r.url.startsWith('data:'));
    const documentUrl = new URL(args.path, origin).href;
    const html = all.filter((r) => r.url === documentUrl).reduce((sum, r) => sum + r.bytes, 0);
    return { requests: all.length, bytes: all.reduce((sum, r) => sum + r.bytes, 0), html, ms };
  } finally {
    await context.close();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const server = await serve(args.root);
  const browser = await launchBrowser();
  try {
    const fast = [];
    const slow = [];
    for (let round = 0; round < ROUNDS; round++) {
      fast.push(await measureOnce(browser, server.origin, args, false));
      slow.push(await measureOnce(browser, server.origin, args, true));
    }
    const result = {
      requests: median(fast.map((r) => r.requests)),
      bytes: median(fast.map((r) => r.bytes)),
      first_result_ms: median(fast.map((r) => r.ms)),
      first_result_fast3g_ms: median(slow.map((r) => r.ms)),
      html_bytes: median(fast.map((r) => r.html)),
    };
    process.stdout.write(JSON.stringify(result) + '\n');
    const number = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
    process.stdout.write(`${args.kind}: ${result.requests} requests, ${number(result.bytes / 1000, 1)} KB ` +
      `(page HTML ${number(result.html_bytes / 1000, 1)} KB), first result in ${number(result.first_result_ms)} ms, ` +
      `${number(result.first_result_fast3g_ms)} ms under Fast 3G\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  process.stderr.write(`search-cost: ${error.message}\n`);
  process.exit(1);
});
