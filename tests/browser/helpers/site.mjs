// Build a site once (or take an already built folder), list its pages, and serve it on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync, rmSync, createReadStream, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve, extname, sep, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const BUILD_TIMEOUT_MS = 15 * 60 * 1000;

function run(cmd, args, what) {
  const result = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', timeout: BUILD_TIMEOUT_MS });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${what} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/**
 * The flashpoint binary: FLASHPOINT_BIN when set, else target/release/flashpoint, else a
 * debug build already there, else `cargo build --release` first.
 */
export function flashpointBinary() {
  if (process.env.FLASHPOINT_BIN) return resolve(process.env.FLASHPOINT_BIN);
  const release = join(REPO, 'target', 'release', 'flashpoint');
  const debug = join(REPO, 'target', 'debug', 'flashpoint');
  if (existsSync(release)) return release;
  if (existsSync(debug)) return debug;
  run('cargo', ['build', '--release', '--locked'], 'cargo build --release');
  return release;
}

/**
 * The built site to test: the folder in the environment variable `profile.siteDirEnv` when
 * set, else a fresh build of `profile.root` into a temporary folder. A fixture without a
 * theme of its own is copied beside the repository's themes/ first, so the build uses the
 * theme on disk, not the one built into the binary. Returns { dir, cleanup }.
 */
export function prepareSite(profile = { root: REPO, siteDirEnv: 'SITE_DIR' }) {
  const given = process.env[profile.siteDirEnv];
  if (given) {
    const dir = resolve(given);
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`${profile.siteDirEnv} ${dir} has no index.html`);
    return { dir, cleanup() {} };
  }
  const binary = flashpointBinary();
  const parent = mkdtempSync(join(tmpdir(), 'flashpoint-site-'));
  let root = profile.root;
  if (!existsSync(join(root, 'themes'))) {
    root = join(parent, 'source');
    cpSync(profile.root, root, { recursive: true });
    cpSync(join(REPO, 'themes'), join(root, 'themes'), { recursive: true });
  }
  const dir = join(parent, 'public');
  run(binary, ['build', '--root', root, '--output', dir], `flashpoint build of ${profile.root}`);
  return { dir, cleanup() { rmSync(parent, { recursive: true, force: true }); } };
}

/** Every .html file under dir (sorted, as paths relative to dir with '/'), pagefind/ left out. */
export function htmlPages(dir) {
  const found = [];
  (function walk(folder) {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (relative(dir, path) === 'pagefind') continue;
        walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.html')) {
        // An alias's redirect page sends the browser on at once: it is not a page of its own.
        if (readFileSync(path, 'utf8').includes('<meta http-equiv="refresh"')) continue;
        found.push(relative(dir, path).split(sep).join('/'));
      }
    }
  })(dir);
  return found.sort();
}

/** The URL path a page file is served at: a/index.html → /a/, 404.html → /404.html. */
export function urlPathOf(file) {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return '/' + file.slice(0, -'index.html'.length);
  return '/' + file;
}

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

/**
 * Serve dir on 127.0.0.1 on a free port. A folder serves its index.html (a folder URL without
 * its trailing slash is redirected to it); anything missing gets the site's 404.html with status
 * 404. Returns { origin, port, requests, close() }; `requests` records [status, path] pairs.
 */
export async function serveSite(dir) {
  const root = resolve(dir);
  const notFoundPage = join(root, '404.html');
  // The Content-Security-Policy the build wrote into _headers, sent with every response as
  // a host would, so every page and search below runs under it: a violation is a console error.
  const headersFile = join(root, '_headers');
  const policy = existsSync(headersFile)
    ? readFileSync(headersFile, 'utf8').match(/^\s+Content-Security-Policy: (.+)$/m)?.[1]
    : undefined;
  const requests = [];
  const server = createServer((req, res) => {
    const send = (status, headers, file) => {
      requests.push([status, req.url]);
      res.writeHead(status, { 'Cache-Control': 'no-store', ...(policy ? { 'Content-Security-Policy': policy } : {}), ...headers });
      if (req.method === 'HEAD' || !file) return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    };
    const notFound = () => existsSync(notFoundPage)
      ? send(404, { 'Content-Type': CONTENT_TYPES['.html'] }, notFoundPage)
      : send(404, { 'Content-Type': 'text/plain' }, null);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { Allow: 'GET, HEAD' }, null);
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(400, {}, null);
    }
    let file = resolve(root, '.' + pathname);
    if (file !== root && !file.startsWith(root + sep)) return notFound();
    let stat = existsSync(file) ? statSync(file) : null;
    if (stat && stat.isDirectory()) {
      if (!pathname.endsWith('/')) return send(301, { Location: pathname + '/' }, null);
      file = join(file, 'index.html');
      stat = existsSync(file) ? statSync(file) : null;
    }
    if (!stat || !stat.isFile()) return notFound();
    const type = CONTENT_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
    send(200, { 'Content-Type': type, 'Content-Length': stat.size }, file);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () => new Promise((ok) => {
      server.closeAllConnections?.();
      server.close(() => ok());
    }),
  };
}

/** Byte sizes: the theme's CSS/JS, pagefind's bundle, and the heaviest HTML page. */
export function weights(dir) {
  const size = (p) => (existsSync(p) ? statSync(p).size : 0);
  const assets = Object.fromEntries(['style.css', 'syntax.css', 'site.js'].map((f) => [f, size(join(dir, f))]));
  let pagefind = 0;
  const pf = join(dir, 'pagefind');
  if (existsSync(pf)) {
    (function walk(folder) {
      for (const e of readdirSync(folder, { withFileTypes: true })) {
        const p = join(folder, e.name);
        if (e.isDirectory()) walk(p); else pagefind += statSync(p).size;
      }
    })(pf);
  }
  let heaviest = { file: null, bytes: 0 };
  for (const file of htmlPages(dir)) {
    const bytes = size(join(dir, file));
    if (bytes > heaviest.bytes) heaviest = { file, bytes };
  }
  return { assets, themeTotal: Object.values(assets).reduce((a, b) => a + b, 0), pagefind, heaviest };
}

export function readText(dir, file) {
  return readFileSync(join(dir, file), 'utf8');
}
