// Validation of the built site: the Nu Html Checker (vnu.jar) over every HTML page, and the
// Atom feed and sitemap as well-formed XML of the right shape.
// Standalone: `node tests/browser/validate.mjs` (builds the site, or uses SITE_DIR); exits 1
// on any error. The browser suite (helpers/suite.mjs) runs the same checks as tests, on every site.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { htmlPages, prepareSite, readText } from './helpers/site.mjs';
import { parseXml, child, childrenNamed } from './helpers/xml.mjs';

const require = createRequire(import.meta.url);
const VNU_TIMEOUT_MS = 5 * 60 * 1000;

export function vnuJarPath() {
  return require.resolve('vnu-jar/build/dist/vnu.jar');
}

/**
 * Run vnu.jar over every HTML page of dir. Resolves to a list of
 * { file, line, column, message, extract } for each error (warnings are not asked for).
 */
export function runVnu(dir, files = htmlPages(dir)) {
  const java = process.env.JAVA || 'java';
  const args = ['-Xss4m', '-jar', vnuJarPath(), '--errors-only', '--format', 'json', ...files.map((f) => join(dir, f))];
  return new Promise((ok, fail) => {
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`vnu.jar took longer than ${VNU_TIMEOUT_MS / 1000} s`)); }, VNU_TIMEOUT_MS);
    child.on('error', (e) => { clearTimeout(timer); fail(new Error(`cannot run ${java}: ${e.message} (install a JRE: apt-get install -y default-jre-headless)`)); });
    child.on('close', (code) => {
      clearTimeout(timer);
      // vnu prints its JSON report on stderr; exit status 1 just means "errors found".
      const text = (err.trim() || out.trim());
      let report;
      try {
        report = JSON.parse(text);
      } catch {
        return fail(new Error(`vnu.jar exited with ${code} without a JSON report:\n${out}\n${err}`));
      }
      const errors = (report.messages || [])
        .filter((m) => m.type === 'error' || m.subType === 'fatal')
        .map((m) => ({
          file: m.url ? relative(dir, fileURLToPath(m.url)) : '(unknown)',
          line: m.lastLine ?? m.firstLine ?? 0,
          column: m.firstColumn ?? m.lastColumn ?? 0,
          message: m.message,
          extract: (m.extract || '').replace(/\s+/g, ' ').trim(),
        }));
      ok(errors);
    });
  });
}

export function formatVnuError(e) {
  return `${e.file}:${e.line}:${e.column}: ${e.message}${e.extract ? `  [${e.extract}]` : ''}`;
}

/** Problems with atom.xml: not well-formed, wrong root, or no entry with id, title, updated, link. */
export function checkFeed(dir) {
  const problems = [];
  if (!existsSync(join(dir, 'atom.xml'))) return ['atom.xml: missing'];
  let feed;
  try {
    feed = parseXml(readText(dir, 'atom.xml'));
  } catch (e) {
    return [`atom.xml: not well-formed XML: ${e.message}`];
  }
  if (feed.name !== 'feed') problems.push(`atom.xml: root element is <${feed.name}>, not <feed>`);
  if (feed.attrs.xmlns !== 'http://www.w3.org/2005/Atom') {
    problems.push(`atom.xml: root xmlns is ${JSON.stringify(feed.attrs.xmlns)}, not "http://www.w3.org/2005/Atom"`);
  }
  for (const field of ['id', 'title', 'updated']) {
    if (!child(feed, field)?.text.trim()) problems.push(`atom.xml: the feed has no <${field}>`);
  }
  const entries = childrenNamed(feed, 'entry');
  if (entries.length === 0) problems.push('atom.xml: no <entry>');
  const complete = entries.filter((entry) =>
    ['id', 'title', 'updated'].every((f) => child(entry, f)?.text.trim()) &&
    childrenNamed(entry, 'link').some((l) => l.attrs.href));
  if (entries.length && complete.length !== entries.length) {
    problems.push(`atom.xml: ${entries.length - complete.length} of ${entries.length} entries lack id, title, updated or link href`);
  }
  for (const entry of entries) {
    const updated = child(entry, 'updated')?.text.trim();
    if (updated && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(updated)) {
      problems.push(`atom.xml: <updated>${updated}</updated> is not an RFC 3339 date-time`);
    }
  }
  return problems;
}

/** Problems with sitemap.xml: not well-formed, wrong root, or a <url> without an absolute <loc>. */
export function checkSitemap(dir) {
  if (!existsSync(join(dir, 'sitemap.xml'))) return ['sitemap.xml: missing'];
  let urlset;
  try {
    urlset = parseXml(readText(dir, 'sitemap.xml'));
  } catch (e) {
    return [`sitemap.xml: not well-formed XML: ${e.message}`];
  }
  const problems = [];
  if (urlset.name !== 'urlset' || urlset.attrs.xmlns !== 'http://www.sitemaps.org/schemas/sitemap/0.9') {
    problems.push(`sitemap.xml: root is <${urlset.name} xmlns="${urlset.attrs.xmlns}">, not a sitemaps.org <urlset>`);
  }
  const urls = childrenNamed(urlset, 'url');
  if (urls.length === 0) problems.push('sitemap.xml: no <url>');
  for (const url of urls) {
    const loc = child(url, 'loc')?.text.trim();
    if (!loc || !/^https?:\/\//.test(loc)) problems.push(`sitemap.xml: <url> with loc ${JSON.stringify(loc)}`);
  }
  return problems;
}

async function main() {
  const site = prepareSite();
  try {
    const files = htmlPages(site.dir);
    const errors = await runVnu(site.dir, files);
    for (const e of errors) console.log(formatVnuError(e));
    const xmlProblems = [...checkFeed(site.dir), ...checkSitemap(site.dir)];
    for (const p of xmlProblems) console.log(p);
    console.log(`validate: ${files.length} HTML pages, ${errors.length} vnu errors; atom.xml and sitemap.xml: ${xmlProblems.length} problems`);
    process.exitCode = errors.length || xmlProblems.length ? 1 : 0;
  } finally {
    site.cleanup();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => { console.error(e); process.exitCode = 2; });
}
