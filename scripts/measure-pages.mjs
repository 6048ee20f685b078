#!/usr/bin/env node
// How long each public page takes to become interactive on the OSCE-scale data set (57
// countries, 100,000 recommendations: `tracker_bench_100x`, loaded by scripts/bench if needed),
// in Debian's Chromium, each page in a new browser context (an empty browser cache).
//
//   npm run measure:pages [-- --runs 3] [-- --screenshots docs/screenshots]
//
// Time to interactive, here: from the start of the navigation until all of these hold: the load
// event has fired, the page's main heading (`#main h1`) is in the document, no part of `#main` is
// busy (`aria-busy="true"`, which AsyncView sets while its data loads), and no request is in
// flight (the last one's end is the time, when it ends later than the rest). It is measured from
// the outside (Playwright's events and waits, polled every few milliseconds), so it reads a
// little high. JS is the size on the wire (compressed body and headers) of the scripts loaded.
//
// The first run of a page meets the server's answer cache empty for its requests; the later runs
// find their answers cached (the cache is in its normal, default state). Not a test: it prints.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { ensureDataset } from './bench/generate-dataset.mjs';
import { SERVER_NODE_FLAGS } from './server-node-flags.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_MAIN = join(ROOT, 'server/dist/main.js');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGET_MS = 1500;
/** A request in flight this long after the page is otherwise ready does not count (a feed poll). */
const QUIET_MS = 150;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const RUNS = Number(option('--runs', '3'));
const SCREENSHOT_DIR = option('--screenshots', undefined);
/** --verbose: each page's API requests with their times (what a slow page waits for). */
const VERBOSE = args.includes('--verbose');
/** --only /path: measure the pages whose path starts so. */
const ONLY = option('--only', undefined);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startServer(databaseUrl) {
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      await response.arrayBuffer();
      if (response.ok) return { child, baseUrl };
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error('the server did not start');
    await sleep(20);
  }
}

/** The pages, with a country, a recommendation and a report of the data set. */
async function publicPages(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (text) => (await client.query(text)).rows[0];
    const country = await one(`select code from countries order by (code <> 'KZ'), id limit 1`);
    // The fullest recommendation page: earlier and later versions, the most assessments.
    const recommendation = await one(`
      select r.id from recommendations r
      join reports rp on rp.id = r.report_id join elections e on e.id = rp.election_id
      join countries c on c.id = e.country_id
      where c.code = '${country.code}'
        and exists (select 1 from recommendation_links l where l.later_recommendation_id = r.id)
        and exists (select 1 from recommendation_links l where l.earlier_recommendation_id = r.id)
      order by (select count(*) from assessments a where a.recommendation_id = r.id) desc, r.id
      limit 1`);
    // The report with the most recommendations, and one with a stored text if any has.
    const report = await one(`
      select rp.slug from reports rp
      order by (select count(*) from recommendations r where r.report_id = rp.id) desc, rp.id
      limit 1`);
    const source = await one(`
      select rp.slug from reports rp join report_sources s on s.report_id = rp.id
      order by rp.id limit 1`);
    return [
      ['home (region)', '/'],
      [`country (${country.code})`, `/countries/${country.code}`],
      ['browse', '/recommendations'],
      ['search "defamation"', '/recommendations?q=defamation'],
      ['recommendation', `/recommendations/${recommendation.id}`],
      ['reports', '/reports'],
      ['report', `/reports/${report.slug}`],
      [
        source ? 'report source' : 'report source (no stored text: 404 state)',
        `/reports/${source?.slug ?? report.slug}/source`,
      ],
      ['releases', '/releases'],
      ['about (open data)', '/about'],
      ['API docs', '/docs'],
    ];
  } finally {
    await client.end();
  }
}

/** Opens one page in a new context and measures it. */
async function measure(browser, baseUrl, path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const inFlight = new Set();
  let lastEnd = 0;
  const scripts = [];
  let requests = 0;
  page.on('request', (request) => {
    requests += 1;
    inFlight.add(request);
  });
  const done = (request) => {
    inFlight.delete(request);
    lastEnd = performance.now();
  };
  page.on('requestfinished', (request) => {
    done(request);
    if (VERBOSE) {
      const timing = request.timing();
      console.error(
        `  ${Math.round(timing.responseEnd)} ms (from start ${Math.round(performance.now() - start)}) ${request.url().replace(baseUrl, '')}`,
      );
    }
    if (request.resourceType() === 'script') scripts.push(request);
  });
  page.on('requestfailed', done);

  const start = performance.now();
  const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
  const isApp = !path.startsWith('/docs');
  if (isApp) {
    await page.locator('#main h1').first().waitFor({ state: 'attached', timeout: 30_000 });
    await page
      .locator('#main [aria-busy="true"]')
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
  }
  let ready = performance.now();
  // Requests started by what just rendered: wait until none is in flight for a moment.
  let quietSince = inFlight.size === 0 ? performance.now() : undefined;
  while (quietSince === undefined || performance.now() - quietSince < QUIET_MS) {
    await sleep(5);
    if (inFlight.size > 0) quietSince = undefined;
    else quietSince ??= performance.now();
    if (performance.now() - ready > 30_000) break;
  }
  if (isApp) {
    // A response after the first readiness may have made a part busy again.
    await page
      .locator('#main [aria-busy="true"]')
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
    ready = Math.max(ready, lastEnd);
  } else {
    ready = Math.max(ready, lastEnd);
  }
  let jsBytes = 0;
  for (const request of scripts) {
    const sizes = await request.sizes();
    jsBytes += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  const result = {
    status: response?.status() ?? 0,
    ms: Math.round(ready - start),
    jsBytes,
    requests,
    page,
    context,
  };
  return result;
}

/** With --screenshots: the file of a page photographed at OSCE scale, if it is one of those. */
function screenshotOf(path) {
  if (path === '/') return 'osce-home-desktop.png';
  if (path.startsWith('/countries/')) return 'osce-country-desktop.png';
  if (path === '/reports') return 'osce-reports-desktop.png';
  return undefined;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const dataset = await ensureDataset({ scale: 100, log: (line) => console.log(line) });
const pages = await publicPages(dataset.url);
const server = await startServer(dataset.url);
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
const rows = [];
try {
  for (const [name, path] of pages) {
    if (ONLY && !path.startsWith(ONLY)) continue;
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) {
      const result = await measure(browser, server.baseUrl, path);
      const shot = screenshotOf(path);
      if (run === 0 && SCREENSHOT_DIR && shot) {
        await result.page.screenshot({
          path: join(SCREENSHOT_DIR, shot),
          fullPage: true,
          // As the browser tests do: tall pages are cut at 8000 px.
          clip: { x: 0, y: 0, width: 1280, height: 8000 },
        });
      }
      await result.context.close();
      runs.push(result);
    }
    const later = runs.slice(1).map((run) => run.ms);
    rows.push({
      name,
      path,
      status: runs[0].status,
      first: runs[0].ms,
      cached: later.length > 0 ? median(later) : undefined,
      jsKiB: Math.round(runs[0].jsBytes / 102.4) / 10,
      requests: runs[0].requests,
    });
    console.error(`measured ${path}`);
  }
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
}

const [one, five, fifteen] = loadavg().map((value) => value.toFixed(2));
console.log(
  `\n${new Date().toISOString()}, ${dataset.name}; load average ${one} ${five} ${fifteen}; ${RUNS} runs per page, each in a new browser context`,
);
console.log(
  '| page | path | status | interactive, 1st run ms | later runs (median) ms | JS KiB | requests |',
);
console.log('| --- | --- | --: | --: | --: | --: | --: |');
for (const row of rows) {
  const over = (ms) => (ms === undefined ? '' : `${ms}${ms > TARGET_MS ? ' (over 1.5 s)' : ''}`);
  console.log(
    `| ${row.name} | \`${row.path}\` | ${row.status} | ${over(row.first)} | ${over(row.cached)} | ${row.jsKiB} | ${row.requests} |`,
  );
}
