#!/usr/bin/env node
// Live-preview latency of `flashpoint serve` on a generated site, printed as one JSON line:
//
//   node bench/serve-latency.mjs --bin PATH --site DIR [--runs 7] [--port N] [--log FILE]
//                                [--settle MS]
//
// {"stories":N,"initial_ms":…,"cached_start_ms":…,"body_edit_ms":[…],"title_edit_ms":[…],
//  "search_update_ms":[…],"peak_rss_mb":…}
//
// initial_ms: from starting serve to the first page answered, with no cache of an earlier
// run; cached_start_ms: the same for a second start, whatever the first run left behind.
// An edit is timed from the file's write to the first HTTP answer holding the new text,
// polling on loopback; search_update_ms from the same write to the first answer of a search
// index's entry file that differs from before. Every edited file is restored afterwards.
// Edits start once serve has printed its first search index line, plus --settle ms (1000).
// peak_rss_mb: the first serve's peak resident memory over all the saves (Linux only);
// --log FILE: what that serve printed (with FLASHPOINT_SERVE_PROFILE=1, its phases).
// Only node's built-ins are used.

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const args = parseArgs(process.argv.slice(2));
const bin = args.bin;
const site = args.site;
const runs = Number(args.runs ?? 7);
const port = Number(args.port ?? 17311);
if (!bin || !site || !(runs > 0)) {
  console.error("usage: node bench/serve-latency.mjs --bin PATH --site DIR [--runs 7] [--port N]");
  process.exit(2);
}

function parseArgs(list) {
  const out = {};
  for (let i = 0; i < list.length; i += 1) {
    const name = list[i].replace(/^--/, "");
    out[name] = list[i + 1];
    i += 1;
  }
  return out;
}

/// One GET on loopback: status and body text, or null when nothing answered.
async function get(url, timeoutMs = 5000) {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { "cache-control": "no-cache" },
    });
    return { status: response.status, text: await response.text() };
  } catch {
    return null;
  }
}

/// Starts serve; resolves with the child and the URL it printed.
function startServe(home) {
  const started = performance.now();
  const child = spawn(bin, ["serve", "--root", site, "--port", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, HOME: home, NO_COLOR: "1" },
  });
  let log = "";
  child.stdout.on("data", (chunk) => {
    log += chunk;
  });
  child.stderr.on("data", (chunk) => {
    log += chunk;
  });
  return { child, started, log: () => log };
}

/// Polls `url` until `accept(text)`; the milliseconds since `since`.
async function waitFor(url, accept, since, limitMs = 900000) {
  for (;;) {
    const answer = await get(url);
    if (answer && answer.status === 200 && accept(answer.text)) {
      return performance.now() - since;
    }
    if (performance.now() - since > limitMs) {
      throw new Error(`timed out waiting for ${url}`);
    }
    await sleep(answer ? 2 : 20);
  }
}

/// The peak resident memory of a running server in MB (Linux's VmHWM), or null.
function peakRssMb(server) {
  try {
    const status = readFileSync(`/proc/${server.child.pid}/status`, "utf8");
    const match = status.match(/^VmHWM:\s+(\d+) kB/m);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function stop(server) {
  const ended = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGINT");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 10000);
  await ended;
  clearTimeout(timer);
}

/// Waits until the server's output matches `pattern`, or `limitMs` has passed.
async function waitForLog(server, pattern, limitMs) {
  const since = performance.now();
  while (!pattern.test(server.log()) && performance.now() - since < limitMs) {
    if (server.child.exitCode !== null) throw new Error(`serve ended:\n${server.log()}`);
    await sleep(20);
  }
}

/// The URL the server printed (the port may have moved if taken).
async function baseUrl(server) {
  for (;;) {
    const match = server.log().match(/ at (http:\/\/\S+) \(Ctrl-C/);
    if (match) return match[1];
    if (server.child.exitCode !== null) throw new Error(`serve ended:\n${server.log()}`);
    await sleep(5);
  }
}

/// Starts serve and times it to the first page answered (the home page, polled by its
/// expected address before serve has printed it).
async function timedStart(home) {
  const server = startServe(home);
  const guess = `http://127.0.0.1:${port}/`;
  const ms = await Promise.race([
    waitFor(guess, () => true, server.started),
    baseUrl(server).then((url) => waitFor(url, () => true, server.started)),
  ]);
  return { server, ms, url: await baseUrl(server) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const round = (ms) => Math.round(ms * 10) / 10;

/// The search index's entry file of every edition the search page offers (the default
/// one, then `/<code>/pagefind/entry.json` of the others): it names the word chunks by
/// their content's hash, so it changes when an edit reaches the index.
async function shardEntries(url) {
  const page = await get(`${url}search/`);
  const editions = [...(page?.text ?? "").matchAll(/<link rel="alternate" hreflang="([a-z]{2,3})" href="[^"]*\/\1\/search\/"/g)].map((m) => m[1]);
  return [`${url}pagefind/entry.json`, ...editions.map((code) => `${url}${code}/pagefind/entry.json`)];
}

async function snapshot(urls) {
  return Promise.all(urls.map(async (u) => (await get(u))?.text ?? ""));
}

async function main() {
  const home = mkdtempSync(join(tmpdir(), "serve-latency-"));
  const storiesDir = join(site, "content", "stories");
  const story = readdirSync(storiesDir).filter((n) => n.endsWith(".md")).sort()[0];
  const storyPath = join(storiesDir, story);
  const original = readFileSync(storyPath, "utf8");
  const id = story.replace(/\.md$/, "");
  const restore = () => writeFileSync(storyPath, original);
  let firstServer = null;
  process.on("SIGINT", () => {
    if (args.log && firstServer) writeFileSync(args.log, firstServer.log());
    restore();
    process.exit(130);
  });
  const stories = readdirSync(storiesDir).filter((n) => n.endsWith(".md")).length;

  const result = { stories, initial_ms: null, cached_start_ms: null, body_edit_ms: [], title_edit_ms: [], search_update_ms: [] };
  try {
    const first = await timedStart(home);
    firstServer = first.server;
    result.initial_ms = round(first.ms);
    const url = first.url;
    const page = `${url}stories/${id}/`;
    await waitFor(page, () => true, performance.now());
    const entries = await shardEntries(url);
    // Let the first search index settle before timing edits: the job serve runs after
    // its first build (which at 50,000 stories also writes a snapshot of ~1.8 GB).
    await waitForLog(first.server, /search index: /, 900000);
    await sleep(Number(args.settle ?? 1000));

    for (let run = 0; run < runs; run += 1) {
      const marker = `Servelatencymarker${run}x${Date.now()}`;
      const before = await snapshot(entries);
      const edited = original.replace(/\n*$/, `\n\n${marker} sentence.\n`);
      const written = performance.now();
      writeFileSync(storyPath, edited);
      result.body_edit_ms.push(round(await waitFor(page, (t) => t.includes(marker), written)));
      // The search shard holding the story: any entry file that changed.
      for (;;) {
        const now = await snapshot(entries);
        if (now.some((text, i) => text !== before[i])) {
          result.search_update_ms.push(round(performance.now() - written));
          break;
        }
        if (performance.now() - written > 120000) {
          result.search_update_ms.push(null);
          break;
        }
        await sleep(5);
      }
      restore();
      await waitFor(page, (t) => !t.includes(marker), performance.now());
      await sleep(300);
    }

    for (let run = 0; run < runs; run += 1) {
      const marker = `Titlemarker${run}x${Date.now()}`;
      const edited = original.replace(/^title: *"?/m, (m) => `${m}${marker} `);
      const written = performance.now();
      writeFileSync(storyPath, edited);
      result.title_edit_ms.push(round(await waitFor(page, (t) => t.includes(marker), written)));
      restore();
      await waitFor(page, (t) => !t.includes(marker), performance.now());
      await sleep(300);
    }
    result.peak_rss_mb = peakRssMb(first.server);
    await stop(first.server);

    const second = await timedStart(home);
    result.cached_start_ms = round(second.ms);
    await stop(second.server);
  } finally {
    // Written whatever happened: a serve killed half way (out of memory) shows where.
    if (args.log && firstServer) writeFileSync(args.log, firstServer.log());
    restore();
    rmSync(home, { recursive: true, force: true });
  }
  result.body_edit_median_ms = median(result.body_edit_ms);
  result.title_edit_median_ms = median(result.title_edit_ms);
  result.search_update_median_ms = median(result.search_update_ms.filter((v) => v !== null));
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
