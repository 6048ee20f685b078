#!/usr/bin/env node
// `npm run bench`: the real server (server/dist/main.js) against the synthetic OSCE-scale data
// set on PostgreSQL, driven over loopback by wrk (or node:http when wrk is absent), next to a
// bare Fastify route that gives the machine's ceiling. See scripts/bench/README.md.
//
//   npm run bench -- [--quick] [--no-build] [--no-growth] [--only export,cached,uncached,growth]
//                 [--connections 50] [--duration 10] [--server path/to/main.js --label name]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureDataset, GENERATOR_VERSION, SEED } from './generate-dataset.mjs';
import { runNodeLoad } from './node-load.mjs';
import { SERVER_NODE_FLAGS as NPM_START_FLAGS } from '../server-node-flags.mjs';
import { idsAndTotal, peerRows } from './peer-queries.mjs';
import {
  BROAD_TERMS,
  SEARCH_TERMS,
  detailPaths,
  listPaths,
  searchPaths,
  yearsOpenPaths,
} from './request-mix.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};

const QUICK = flag('--quick');
const CONNECTIONS = Number(option('--connections', 50));
const DURATION = Number(option('--duration', QUICK ? 3 : 10));
const WARMUP = QUICK ? 1 : 2;
const GROWTH =
  !flag('--no-growth') &&
  !flag('--peer-only') &&
  option('--only', 'growth').split(',').includes('growth');
const GROWTH_SCALES = [1, 10, 100];
/** Runs of each growth row at each scale, interleaved (`growthRuns`). */
const GROWTH_RUNS = QUICK ? 1 : 2;
const MAIN_SCALE = 100;
const IDLE_SECONDS = QUICK ? 2 : 5;
const WRK = wrkPath();
/**
 * Sent with every request unless a row says otherwise: browsers, `curl --compressed` and Python's
 * requests all ask for a compressed answer. The "uncompressed" row shows the difference.
 */
const BROWSER_HEADERS = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };
const headersOf = (entry) => entry.headers ?? BROWSER_HEADERS;
/** Sections to run (default all): export, cached, uncached, peer, growth. */
const ONLY = option('--only', 'export,cached,uncached,peer,growth').split(',');
/** Only the rows against PostGraphile (and nothing else): `--peer-only`. */
const PEER_ONLY = flag('--peer-only') || option('--only', '') === 'peer';
const PEER_CONNECTIONS = 8;
const PEER_DURATION = Number(option('--duration', QUICK ? 3 : 15));
const PEER_RUNS = QUICK ? 1 : 2;
/** Runs of each cached row, and of the bare route sending the same bytes, taken in turn. */
const CACHED_RUNS = QUICK ? 1 : 2;
const want = (section) => ONLY.includes(section);
/** Another build of the server to measure (a patched copy), instead of this checkout's. */
const SERVER_MAIN = option('--server', join(ROOT, 'server/dist/main.js'));

/**
 * The issues' targets, checked against the measurements at the end. Issue #20 replaced the
 * uncached p99 under 50 ms and the latency growth under 3x (absolute latencies on two cores the
 * load generator shares) with ratios: uncached reads at least twice the peer's, and CPU per
 * request growing from 1x to 100x by less than 1.5x for the list and the detail, 2x for search.
 * It states the cached reads' target as "at least the bare Fastify route with the same bytes":
 * `cachedPair` measures that route (bare-server.mjs replaying our answer) next to each cached
 * row. Issue #8's, at least half the fixed 57-byte route's req/s (the ceiling), is kept too.
 */
const TARGETS = {
  cachedShareOfCeiling: 0.5,
  cachedOfSameBytes: 1,
  cachedP99Ms: 20,
  peerRatio: 2,
  cpuGrowth: { list: 1.5, detail: 1.5, search: 2 },
  exportFirstByteMs: 200,
  exportTotalMs: 5000,
  exportRssMiB: 200,
  coldStartMs: 3000,
  idleRssMiB: 100,
};

function wrkPath() {
  try {
    return execFileSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const log = (...parts) => console.log(...parts);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mib = (kib) => round(kib / 1024, 1);

// --- processes --------------------------------------------------------------------------------

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(130));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The V8 flags `npm start` runs the server with (server-node-flags.mjs); `--semi-space <MiB>`
 * measures another young-generation size, `--old-space <MiB>` another heap ceiling (`none`:
 * Node's default).
 */
function nodeFlags(flags, name, value) {
  if (value === null) return flags;
  const others = flags.filter((flag) => !flag.startsWith(`--${name}=`));
  return value === 'none' ? others : [...others, `--${name}=${Number(value)}`];
}
const SERVER_NODE_FLAGS = nodeFlags(
  nodeFlags(NPM_START_FLAGS, 'max-semi-space-size', option('--semi-space', null)),
  'max-old-space-size',
  option('--old-space', null),
);

function start(script, env, flags = []) {
  const child = spawn(process.execPath, [...flags, script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.output = () => output;
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  return child;
}

async function stop(child) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.race([child.exited, sleep(15_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.delete(child);
}

/** Polls until `url` answers 200; resolves with the milliseconds since `since`. */
async function firstOk(url, child, since, timeoutMs = 60_000) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${child.output()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs) throw new Error(`no 200 from ${url}`);
    await sleep(10);
  }
}

function procStatus(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
  } catch {
    return { rssKiB: NaN, hwmKiB: NaN };
  }
}

/** Samples the server's resident memory until stopped; the peak is what the tables show. */
function sampleMemory(pid, everyMs = 50) {
  let peak = procStatus(pid).rssKiB;
  const timer = setInterval(() => {
    const { rssKiB } = procStatus(pid);
    if (rssKiB > peak) peak = rssKiB;
  }, everyMs);
  return () => {
    clearInterval(timer);
    const { rssKiB, hwmKiB } = procStatus(pid);
    return { peakRssMiB: mib(Math.max(peak, rssKiB)), hwmMiB: mib(hwmKiB) };
  };
}

/** CPU time (user + system) of a process, in clock ticks (1/100 s). */
function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}

/**
 * Waits until the server has finished the requests a load run left behind (wrk closes its
 * connections at the deadline, but the server still works through what it had accepted) and
 * PostgreSQL runs no query of its database: otherwise one row's backlog slows the next row.
 */
async function settle(server, capMs = 180_000) {
  const started = performance.now();
  let last = cpuTicks(server.pid);
  let quiet = 0;
  while (performance.now() - started < capMs) {
    await sleep(200);
    const ticks = cpuTicks(server.pid);
    const busy = ticks - last;
    last = ticks;
    let active = 0;
    if (server.database) {
      const { rows } = await server.database.query(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
      );
      active = rows[0].n;
    }
    quiet = busy <= 2 && active === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return performance.now() - started;
  }
  return performance.now() - started;
}

/** The server's PostgreSQL backends (its pool), for their CPU time. */
async function backendPids(server) {
  if (!server.database) return [];
  // Both servers of the peer rows share the database: each tells its backends by their name.
  const { rows } = await server.database.query(
    `select pid from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
       and ($1::text is null or application_name = $1)`,
    [server.appName ?? null],
  );
  return rows.map((row) => row.pid);
}

/**
 * CPU time spent by the server process and by its PostgreSQL backends between start and stop:
 * where a request's cost lies. Other work on the machine (other test runs) is not counted.
 */
async function cpuMeter(server) {
  const before = new Map();
  for (const pid of await backendPids(server)) before.set(pid, cpuTicks(pid));
  const nodeBefore = cpuTicks(server.pid);
  return async () => {
    const nodeTicks = cpuTicks(server.pid) - nodeBefore;
    let pgTicks = 0;
    const pids = new Set([...before.keys(), ...(await backendPids(server))]);
    for (const pid of pids) {
      const now = cpuTicks(pid);
      if (Number.isFinite(now)) pgTicks += now - (before.get(pid) ?? 0);
    }
    return { nodeMs: nodeTicks * 10, postgresMs: pgTicks * 10 };
  };
}

// --- load ---------------------------------------------------------------------------------------

const workDir = mkdtempSync(join(os.tmpdir(), 'tracker-bench-'));
process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));
let pathFileCounter = 0;

async function drive(baseUrl, entries, connections, durationSec) {
  if (!WRK) {
    const withHeaders = entries.map((e) => ({ ...e, headers: headersOf(e) }));
    return runNodeLoad({ baseUrl, entries: withHeaders, connections, durationSec });
  }
  const file = join(workDir, `paths-${pathFileCounter++}.txt`);
  writeFileSync(
    file,
    entries
      .map((e) =>
        [
          e.path,
          ...Object.entries(headersOf(e)).map(([name, value]) => `${name}: ${value}`),
          ...(e.body === undefined ? [] : [`BODY ${e.body}`]),
        ].join('\t'),
      )
      .join('\n'),
  );
  const output = await new Promise((resolve, reject) => {
    const child = spawn(
      WRK,
      [
        '-t1',
        `-c${connections}`,
        `-d${durationSec}s`,
        '--timeout',
        '30s',
        '-s',
        join(HERE, 'wrk-paths.lua'),
        baseUrl,
        '--',
        file,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(text))));
  });
  const line = output.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk gave no summary:\n${output}`);
  return JSON.parse(line.slice('WRK_JSON '.length));
}

/** fetch's options for an entry: a GET, or a POST of its body (a GraphQL query). */
function requestInit(entry) {
  return entry.body === undefined
    ? { headers: headersOf(entry) }
    : { method: 'POST', headers: headersOf(entry), body: entry.body };
}

/** GETs (or POSTs) a few of the paths first: their status, size and ETag; a non-200 is reported. */
async function preflight(baseUrl, entries, sample = 5) {
  const seen = { statuses: {}, meanBytes: 0, meanWireBytes: 0, encoding: null, etag: null };
  const picked = entries.length === 1 ? Array(sample).fill(entries[0]) : entries.slice(0, sample);
  let total = 0;
  let wire = 0;
  const times = [];
  for (const entry of picked) {
    const t0 = performance.now();
    const response = await fetch(`${baseUrl}${entry.path}`, requestInit(entry));
    const body = Buffer.from(await response.arrayBuffer());
    // fetch decodes the body; what went over the wire is the Content-Length (absent if streamed).
    wire += Number(response.headers.get('content-length') ?? body.length);
    seen.encoding ??= response.headers.get('content-encoding') ?? 'identity';
    times.push(performance.now() - t0);
    seen.statuses[response.status] = (seen.statuses[response.status] ?? 0) + 1;
    seen.etag ??= response.headers.get('etag');
    total += body.length;
    if (response.status >= 400) {
      seen.problem = `${response.status} for ${entry.path}: ${body.toString('utf8', 0, 300)}`;
    }
  }
  seen.meanBytes = Math.round(total / picked.length);
  seen.meanWireBytes = Math.round(wire / picked.length);
  // One request at a time, after the first (cold) one: what a single user waits.
  const warm = times.slice(1).sort((a, b) => a - b);
  seen.singleMs = round(warm[Math.floor(warm.length / 2)] ?? times[0], 1);
  return seen;
}

/** The reference of every share: the ceiling, or the mean of its two measurements. */
function ceilingRps() {
  const runs = [results.ceiling, results.ceilingAfter].filter(Boolean);
  return Math.round(meanOf(runs, (run) => run.rps));
}

const results = {
  meta: {},
  datasets: {},
  ceiling: null,
  startup: null,
  scenarios: [],
  export: [],
  growth: [],
  targets: [],
};

async function scenario(server, spec) {
  const entries = spec.entries;
  const check = await preflight(server.baseUrl, entries);
  if (check.problem) log(`  ! ${spec.name}: ${check.problem}`);
  await drive(server.baseUrl, entries, Math.min(4, spec.connections ?? CONNECTIONS), WARMUP);
  const settledMs = await settle(server);
  const load1 = os.loadavg()[0];
  const memory = sampleMemory(server.pid);
  const cpu = await cpuMeter(server);
  const run = await drive(
    server.baseUrl,
    entries,
    spec.connections ?? CONNECTIONS,
    spec.duration ?? DURATION,
  );
  const cpuUsed = await cpu();
  const mem = memory();
  const drainMs = await settle(server);
  const rps = run.requests / (run.durationUs / 1e6);
  const errors = Object.values(run.errors).reduce((a, b) => a + b, 0);
  const row = {
    name: spec.name,
    group: spec.group,
    mode: spec.mode,
    example: entries[0].path,
    distinctUrls: new Set(entries.map((e) => e.path)).size,
    connections: spec.connections ?? CONNECTIONS,
    durationSec: round(run.durationUs / 1e6, 1),
    requests: run.requests,
    rps: round(rps, 0),
    shareOfCeiling: results.ceiling ? round(rps / ceilingRps(), 3) : null,
    // With no completed request wrk reports zeros: null, so no target counts it as met.
    latencyMs: {
      p50: run.requests ? round(run.latencyUs.p50 / 1000, 2) : null,
      p90: run.requests ? round(run.latencyUs.p90 / 1000, 2) : null,
      p99: run.requests ? round(run.latencyUs.p99 / 1000, 2) : null,
      max: run.requests ? round(run.latencyUs.max / 1000, 2) : null,
      mean: run.requests ? round(run.latencyUs.mean / 1000, 2) : null,
    },
    errors,
    errorDetail: run.errors,
    preflightStatuses: check.statuses,
    headers: headersOf(entries[0]),
    bytesPerResponse: check.meanBytes,
    wireBytesPerResponse: check.meanWireBytes,
    contentEncoding: check.encoding,
    singleRequestMs: check.singleMs,
    // CPU milliseconds per completed request, in the server process and in its PostgreSQL
    // backends (each is a process; 2 CPUs give 2,000 ms per second in all).
    cpuMsPerRequest: {
      node: run.requests ? round(cpuUsed.nodeMs / run.requests, 2) : null,
      postgres: run.requests ? round(cpuUsed.postgresMs / run.requests, 2) : null,
    },
    drainAfterRunMs: round(drainMs + settledMs, 0),
    serverPeakRssMiB: mem.peakRssMiB,
    serverHwmMiB: mem.hwmMiB,
    loadAverage1m: round(load1, 2),
  };
  log(
    `  ${row.name.padEnd(44)} ${String(row.rps).padStart(7)} req/s  p50 ${String(row.latencyMs.p50).padStart(8)} ms  p99 ${String(row.latencyMs.p99).padStart(8)} ms  one at a time ${row.singleRequestMs} ms  rss ${row.serverPeakRssMiB} MiB${errors ? `  errors ${errors}` : ''}${run.requests === 0 ? '  (no request completed)' : ''}`,
  );
  return row;
}

// --- the real server -------------------------------------------------------------------------

/** The server's environment for the uncached rows: ANSWER_CACHE_MB=0 turns its cache off. */
const UNCACHED = { ANSWER_CACHE_MB: '0' };

/** The bare Fastify route's throughput, with nothing else running. */
async function measureCeiling(name) {
  const port = await freePort();
  const child = start(join(HERE, 'bare-server.mjs'), { PORT: String(port) });
  const baseUrl = `http://127.0.0.1:${port}`;
  await firstOk(`${baseUrl}/fixed`, child, performance.now());
  const row = await scenario(
    { baseUrl, pid: child.pid },
    { name, group: 'ceiling', mode: 'same URL', entries: [{ path: '/fixed' }] },
  );
  await stop(child);
  return row;
}

/** The application_name of the API server's and the peer's PostgreSQL sessions (PGAPPNAME). */
const OURS_APP_NAME = 'tracker-bench-ours';
const PEER_APP_NAME = 'tracker-bench-peer';

async function startServer(url, env = {}) {
  const port = await freePort();
  const since = performance.now();
  const child = start(
    SERVER_MAIN,
    {
      PGAPPNAME: OURS_APP_NAME,
      DATABASE_URL: url,
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
    SERVER_NODE_FLAGS,
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const coldStartMs = await firstOk(`${baseUrl}/api/health`, child, since);
  // Our own connection, to see when the server's queries have finished (see settle).
  const database = new pg.Client({ connectionString: url });
  await database.connect();
  return { child, pid: child.pid, baseUrl, coldStartMs, database, appName: OURS_APP_NAME };
}

/** PostGraphile 4 (peer-server.mjs) on the same database, ready when it answers a query. */
async function startPeer(url) {
  const port = await freePort();
  const since = performance.now();
  const child = start(join(HERE, 'peer-server.mjs'), {
    DATABASE_URL: url,
    PORT: String(port),
    PGAPPNAME: PEER_APP_NAME,
    NODE_ENV: 'production',
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostGraphile exited:\n${child.output()}`);
    try {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > 60_000) throw new Error('PostGraphile did not start');
    await sleep(50);
  }
  const database = new pg.Client({ connectionString: url });
  await database.connect();
  return {
    child,
    pid: child.pid,
    baseUrl,
    coldStartMs: performance.now() - since,
    database,
    appName: PEER_APP_NAME,
  };
}

async function stopServer(server) {
  await server.database.end();
  await stop(server.child);
}

async function benchParameters(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const countries = (await client.query('select code from countries order by id')).rows.map(
      (r) => r.code,
    );
    const maxId = (await client.query('select max(id)::int as id from recommendations')).rows[0].id;
    // A recommendation with both earlier and later versions and the most assessments: the
    // fullest detail page (timeline, lineage both ways), in the first country.
    const rich = (
      await client.query(`
        select r.id from recommendations r
        join reports rp on rp.id = r.report_id join elections e on e.id = rp.election_id
        where e.country_id = 1
          and exists (select 1 from recommendation_links l where l.later_recommendation_id = r.id)
          and exists (select 1 from recommendation_links l where l.earlier_recommendation_id = r.id)
        order by (select count(*) from assessments a where a.recommendation_id = r.id) desc, r.id
        limit 1`)
    ).rows[0]?.id;
    return { countries, maxId, richId: rich ?? 1 };
  } finally {
    await client.end();
  }
}

/**
 * Cached reads: one URL again and again; with its ETag as If-None-Match too, when it has one.
 * The answers are recorded first (the first request also fills the cache, whose hits go out with
 * the same headers): the 200's ETag makes the 304 row's request. Each row is compared with the
 * bare Fastify route sending the same bytes (bare-server.mjs replaying the recorded answers): the
 * two are measured in turn, CACHED_RUNS times each, as the machine's pace drifts over minutes.
 */
async function cachedPair(server, name, path, headers = BROWSER_HEADERS) {
  const entry = { path, headers };
  const answers = [await recordAnswer(server.baseUrl, entry)];
  const specs = [{ name, mode: 'same URL', entries: [entry] }];
  const etag = answers[0].headers.etag;
  if (typeof etag === 'string') {
    const revalidation = { path, headers: { ...headers, 'If-None-Match': etag } };
    answers.push(await recordAnswer(server.baseUrl, revalidation));
    specs.push({ name: `${name} (If-None-Match)`, mode: '304', entries: [revalidation] });
  } else {
    log(`  (${name}: no ETag, no If-None-Match run)`);
  }
  const bare = await startSameBytes(answers);
  try {
    const runs = await inTurn(CACHED_RUNS, specs.length, (i, run) => ({
      ours: () => scenario(server, { ...specs[i], name: `${specs[i].name} #${run}` }),
      bare: () =>
        scenario(bare, { ...specs[i], name: `${specs[i].name}: bare Fastify, same bytes #${run}` }),
    }));
    return runs.map((pair) => withSameBytes(meanOfRuns(pair.ours), meanOfRuns(pair.bare)));
  } finally {
    await stop(bare.child);
  }
}

/** Headers the connection writes itself, whoever answers: not part of a recorded answer. */
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * The answer `entry` gets from `baseUrl` as it went over the wire: status, headers (less
 * CONNECTION_HEADERS; by their lower-case names, as our server writes them) and the body's bytes,
 * not decoded (base64), with the request's If-None-Match.
 */
function recordAnswer(baseUrl, entry) {
  const headers = headersOf(entry);
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}${entry.path}`, { headers, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        resolve({
          url: entry.path,
          ifNoneMatch: headers['If-None-Match'],
          status: response.statusCode,
          headers: Object.fromEntries(
            Object.entries(response.headers).filter(([field]) => !CONNECTION_HEADERS.has(field)),
          ),
          body: Buffer.concat(chunks).toString('base64'),
        });
      });
    });
    request.on('error', reject);
  });
}

/**
 * Issue #20's reference for a cached read: the bare Fastify route sending the same bytes.
 * bare-server.mjs replays our recorded `answers` (same status, headers and body) through one
 * Fastify route and nothing else.
 */
async function startSameBytes(answers) {
  const file = join(workDir, `answers-${pathFileCounter++}.json`);
  writeFileSync(file, JSON.stringify(answers));
  const port = await freePort();
  const child = start(join(HERE, 'bare-server.mjs'), { PORT: String(port), ANSWERS: file });
  const bare = { baseUrl: `http://127.0.0.1:${port}`, pid: child.pid, child };
  await firstOk(`${bare.baseUrl}/fixed`, child, performance.now());
  return bare;
}

/**
 * A cached row with the same-bytes route's figures (`sameBytes`) and its req/s as a multiple of
 * the route's (`ofSameBytes`).
 */
function withSameBytes(ours, bare) {
  if (bare.wireBytesPerResponse !== ours.wireBytesPerResponse) {
    log(
      `  ! ${ours.name}: the bare route sent ${bare.wireBytesPerResponse} bytes, ours ${ours.wireBytesPerResponse}`,
    );
  }
  return {
    ...ours,
    group: 'cached',
    sameBytes: {
      rps: bare.rps,
      p99Ms: bare.latencyMs.p99,
      cpuMsPerRequest: bare.cpuMsPerRequest.node,
      wireBytesPerResponse: bare.wireBytesPerResponse,
      loadAverage1m: bare.loadAverage1m,
    },
    ofSameBytes: bare.rps > 0 ? round(ours.rps / bare.rps, 3) : null,
  };
}

async function exportRun(server, label, concurrent = 1) {
  const path = '/api/v1/recommendations/export.csv';
  const memory = sampleMemory(server.pid, 20);
  const cpu = await cpuMeter(server);
  const one = () =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      let headersMs = null;
      let firstByteMs = null;
      let bytes = 0;
      let lines = 0;
      const request = http.get(`${server.baseUrl}${path}`, { agent: false }, (response) => {
        headersMs = performance.now() - t0;
        response.on('data', (chunk) => {
          firstByteMs ??= performance.now() - t0;
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            headersMs: round(headersMs, 1),
            firstByteMs: round(firstByteMs ?? NaN, 1),
            totalMs: round(performance.now() - t0, 0),
            bytes,
            rows: Math.max(0, lines - 1),
          }),
        );
        response.on('error', reject);
      });
      request.setTimeout(300_000, () => request.destroy(new Error('export timed out')));
      request.on('error', reject);
    });
  const runs = await Promise.all(Array.from({ length: concurrent }, one));
  const cpuUsed = await cpu();
  const mem = memory();
  const row = {
    label,
    concurrent,
    runs,
    serverPeakRssMiB: mem.peakRssMiB,
    serverHwmMiB: mem.hwmMiB,
    cpuSeconds: {
      node: round(cpuUsed.nodeMs / 1000, 1),
      postgres: round(cpuUsed.postgresMs / 1000, 1),
    },
    loadAverage1m: round(os.loadavg()[0], 2),
  };
  await settle(server);
  for (const run of runs) {
    log(
      `  ${label.padEnd(40)} status ${run.status}  first byte ${run.firstByteMs} ms  total ${run.totalMs} ms  ${round(run.bytes / 1048576, 1)} MiB, ${run.rows} rows  peak rss ${row.serverPeakRssMiB} MiB  cpu node ${row.cpuSeconds.node} s, pg ${row.cpuSeconds.postgres} s`,
    );
  }
  return row;
}

/**
 * The growth rows: each kind of request at each connection count, run GROWTH_RUNS times at every
 * scale in turn (1x, 10x, 100x, 1x...), one server per data set running throughout, so that the
 * machine's drift over the minutes (other work, clock speed) falls alike on every scale; measured
 * one scale after the other, minutes apart, the 1x CPU per request of one run differed from the
 * next by a third. Each figure is the mean over its runs.
 */
async function growthRuns(targets) {
  const rows = [];
  const sets = (params) => ({
    list: listPaths(params.countries, 20_000, 11),
    search: searchPaths(params.countries, SEARCH_TERMS, 20_000, 13),
    detail: detailPaths(params.maxId, 20_000, 15),
  });
  const paths = targets.map(({ params }) => sets(params));
  for (const kind of ['list', 'search', 'detail']) {
    for (const connections of [1, CONNECTIONS]) {
      const runs = await inTurn(GROWTH_RUNS, targets.length, (i, run) => ({
        ours: () =>
          scenario(targets[i].server, {
            name: `${kind} @${targets[i].scale}x c${connections} #${run}`,
            group: 'growth',
            mode: 'varied',
            entries: paths[i][kind].map((path) => ({ path })),
            connections,
            duration: QUICK ? 3 : 8,
          }),
      }));
      for (const [i, { scale }] of targets.entries()) {
        rows.push({ scale, kind, ...meanOfRuns(runs[i].ours) });
      }
    }
  }
  return rows;
}

/**
 * Rows measured on each side in turn, `count` times over (row 0 on every side, then row 1, ...,
 * then again), as the machine's pace drifts over minutes: `sides(i, run)` gives the measurement of
 * row i on each side for run 1, 2, ...; the result holds each row's runs by side.
 */
async function inTurn(count, rowCount, sides) {
  const runs = Array.from({ length: rowCount }, () => ({}));
  for (let run = 1; run <= count; run++) {
    for (let i = 0; i < rowCount; i++) {
      for (const [side, measure] of Object.entries(sides(i, run))) {
        (runs[i][side] ??= []).push(await measure());
      }
    }
  }
  return runs;
}

/** The mean of `pick` over rows. */
function meanOf(rows, pick) {
  return rows.reduce((sum, row) => sum + pick(row), 0) / rows.length;
}

/**
 * One row from several runs of a scenario: rates, latencies and CPU per request averaged, the
 * runs kept.
 */
function meanOfRuns(runs) {
  const mean = (pick) => round(meanOf(runs, pick), 2);
  return {
    ...runs[0],
    name: runs[0].name.replace(/ #\d+$/, ''),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    rps: round(
      mean((run) => run.rps),
      0,
    ),
    latencyMs: Object.fromEntries(
      Object.keys(runs[0].latencyMs).map((key) => [key, mean((run) => run.latencyMs[key])]),
    ),
    cpuMsPerRequest: {
      node: mean((run) => run.cpuMsPerRequest.node),
      postgres: mean((run) => run.cpuMsPerRequest.postgres),
    },
    loadAverage1m: mean((run) => run.loadAverage1m),
    runs: runs.length,
  };
}

// --- the peer: PostGraphile 4 ------------------------------------------------------------------

async function answerOf(baseUrl, entry) {
  const response = await fetch(`${baseUrl}${entry.path}`, requestInit(entry));
  const body = await response.json();
  if (response.status !== 200 || body.errors) {
    throw new Error(
      `${response.status} for ${entry.path} ${entry.body ?? ''}: ${JSON.stringify(body).slice(0, 500)}`,
    );
  }
  return body;
}

/**
 * Whether both servers found the same: for a list or a search, the same total and the same ids
 * in the same order; for a detail, the same recommendation with the same assessments. Inputs on
 * which they differ are left out of the row and named.
 */
async function sameAnswers(ours, peer, spec, kind) {
  const keep = [];
  const differing = [];
  const checked = kind === 'detail' ? 200 : spec.keys.length;
  for (let i = 0; i < checked; i++) {
    const [a, b] = await Promise.all([
      answerOf(ours.baseUrl, spec.ours[i]),
      answerOf(peer.baseUrl, spec.peer[i]),
    ]);
    const same =
      kind === 'detail'
        ? JSON.stringify([
            a.id,
            [...a.assessments, ...a.thirdPartyEvidence].map((x) => x.id).sort(),
          ]) ===
          JSON.stringify([
            b.data.recommendation.id,
            b.data.recommendation.assessments.nodes.map((x) => x.id).sort(),
          ])
        : JSON.stringify(idsAndTotal(a)) === JSON.stringify(idsAndTotal(b));
    if (same) keep.push(i);
    else differing.push(spec.keys[i]);
  }
  if (kind === 'detail') {
    for (let i = checked; i < spec.keys.length; i++) keep.push(i);
  }
  return { keep, differing, checked };
}

/**
 * The three reads of issue #20, asked of this server (answer cache off) and of PostGraphile on
 * the same database, interleaved row by row, each figure the mean of PEER_RUNS runs.
 */
async function peerComparison(server, url, params) {
  const peer = await startPeer(url);
  try {
    const specs = [
      ['list', peerRows.list(params.countries)],
      ['detail', peerRows.detail(params.maxId, 5_000, 21)],
      // The bench's search terms (0.5-15% of the recommendations), not the broad ones.
      ['search', peerRows.search(SEARCH_TERMS)],
    ];
    const checks = [];
    for (const [kind, spec] of specs) {
      const check = await sameAnswers(server, peer, spec, kind);
      log(
        `  ${spec.name}: ${check.checked - check.differing.length} of ${check.checked} answers the same${check.differing.length ? `; left out: ${check.differing.join(', ')}` : ''}`,
      );
      checks.push(check);
    }
    const runs = await inTurn(PEER_RUNS, specs.length, (i, run) => {
      const [kind, spec] = specs[i];
      const pick = (entries) => checks[i].keep.map((k) => entries[k]);
      const peerRow = (side, target, entries) =>
        scenario(target, {
          name: `${kind}, ${side} #${run}`,
          group: 'peer',
          mode: 'varied',
          entries,
          connections: PEER_CONNECTIONS,
          duration: PEER_DURATION,
        });
      return {
        ours: () => peerRow('ours', server, pick(spec.ours)),
        peer: () => peerRow('peer', peer, pick(spec.peer)),
      };
    });
    const summary = (rows) => ({
      rps: round(
        meanOf(rows, (r) => r.requests / r.durationSec),
        1,
      ),
      cpuMsPerRequest: {
        node: round(
          meanOf(rows, (r) => r.cpuMsPerRequest.node),
          2,
        ),
        postgres: round(
          meanOf(rows, (r) => r.cpuMsPerRequest.postgres),
          2,
        ),
      },
      p50Ms: round(
        meanOf(rows, (r) => r.latencyMs.p50),
        2,
      ),
      p99Ms: round(
        meanOf(rows, (r) => r.latencyMs.p99),
        2,
      ),
      bytesPerResponse: round(
        meanOf(rows, (r) => r.bytesPerResponse),
        0,
      ),
      errors: rows.reduce((sum, r) => sum + r.errors, 0),
      runs: rows,
    });
    return {
      server: 'PostGraphile 4 (peer-server.mjs)',
      connections: PEER_CONNECTIONS,
      durationSec: PEER_DURATION,
      runs: PEER_RUNS,
      rows: specs.map(([kind, spec], i) => {
        const ours = summary(runs[i].ours);
        const theirs = summary(runs[i].peer);
        return {
          kind,
          name: spec.name,
          inputs: checks[i].keep.length,
          checked: `${checks[i].checked - checks[i].differing.length}/${checks[i].checked}`,
          leftOut: checks[i].differing,
          ratio: theirs.rps > 0 ? round(ours.rps / theirs.rps, 2) : null,
          loadAverage1m: [...runs[i].ours, ...runs[i].peer].map((r) => r.loadAverage1m),
          ours,
          peer: theirs,
        };
      }),
    };
  } finally {
    await stopServer(peer);
  }
}

// --- main ---------------------------------------------------------------------------------------

async function main() {
  const began = performance.now();
  if (!flag('--no-build') && !args.includes('--server')) {
    log('== build (tsc -b server)');
    execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'server'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} missing`);
  if (!WRK) log('! wrk not found (apt-get install -y wrk): using the node:http load generator');

  log('== data sets');
  const scales = GROWTH ? GROWTH_SCALES : [MAIN_SCALE];
  for (const scale of scales) {
    const dataset = await ensureDataset({ scale, log: (line) => log(`  ${line}`) });
    results.datasets[`${scale}x`] = {
      database: dataset.name,
      reused: dataset.reused,
      loadSeconds: dataset.loadSeconds,
      counts: dataset.counts,
    };
  }
  const mainUrl = (await ensureDataset({ scale: MAIN_SCALE, log: () => {} })).url;

  results.meta = await machine(mainUrl);
  log(
    `== machine: ${results.meta.cpus} CPUs, load ${results.meta.loadAverageAtStart.join(' ')}, node ${process.version}, ${results.meta.postgres}`,
  );

  if (PEER_ONLY) {
    const server = await startServer(mainUrl, UNCACHED);
    log(
      `== against the peer, PostGraphile 4, answer cache off, ${PEER_CONNECTIONS} connections, ${PEER_RUNS} runs of ${PEER_DURATION} s`,
    );
    results.peer = await peerComparison(server, mainUrl, await benchParameters(mainUrl));
    await stopServer(server);
    results.meta.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
    results.meta.totalSeconds = round((performance.now() - began) / 1000, 0);
    printPeerSummary();
    await writeResults();
    return;
  }

  log('== ceiling: bare Fastify, fixed JSON body');
  results.ceiling = await measureCeiling('bare Fastify /fixed');

  log(`== server on ${MAIN_SCALE}x: cold start`);
  let server = await startServer(mainUrl);
  await sleep(IDLE_SECONDS * 1000);
  const idle = procStatus(server.pid);
  results.startup = {
    coldStartMs: round(server.coldStartMs, 0),
    idleAfterSeconds: IDLE_SECONDS,
    idleRssMiB: mib(idle.rssKiB),
  };
  log(
    `  first 200 from /api/health ${results.startup.coldStartMs} ms after spawn; idle RSS after ${IDLE_SECONDS} s ${results.startup.idleRssMiB} MiB`,
  );

  if (want('export')) {
    log('== CSV export of every recommendation (on the fresh server)');
    results.export.push(await exportRun(server, 'export.csv, first'));
    if (!QUICK) {
      results.export.push(await exportRun(server, 'export.csv, again'));
      results.export.push(await exportRun(server, 'export.csv, 2 at once', 2));
    }
  }

  const params = await benchParameters(mainUrl);
  const home = params.countries[0];
  if (want('cached')) {
    log(
      `== cached reads (one URL repeated), ${CONNECTIONS} connections, ${CACHED_RUNS} runs of ${DURATION} s each, in turn with the bare route sending the same bytes`,
    );
    results.scenarios.push(
      await scenario(server, {
        name: 'health (framework + select 1)',
        group: 'floor',
        mode: 'same URL',
        entries: [{ path: '/api/health' }],
      }),
      // What the home page asks for: one country's figures and its priority matrix.
      ...(await cachedPair(server, 'home statistics', `/api/v1/statistics?country=${home}`)),
      ...(await cachedPair(
        server,
        'home statistics, uncompressed',
        `/api/v1/statistics?country=${home}`,
        { 'Accept-Encoding': 'identity' },
      )),
      ...(await cachedPair(
        server,
        'filtered list',
        `/api/v1/recommendations?country=${home}&priority=true&unaddressed=true`,
      )),
      ...(await cachedPair(
        server,
        'detail with timeline',
        `/api/v1/recommendations/${params.richId}`,
      )),
      ...(await cachedPair(
        server,
        'status matrix of one country',
        `/api/v1/statistics/matrix?country=${home}&priority=true`,
      )),
      // The whole data set at once: as a researcher's script would ask.
      ...(await cachedPair(server, 'statistics, all countries', '/api/v1/statistics')),
      ...(await cachedPair(
        server,
        'status matrix, every row',
        `/api/v1/statistics/matrix?country=${home}`,
      )),
    );
  }

  if (want('cached')) {
    // The machine's pace drifts over minutes: the ceiling is measured again after the cached
    // rows, and every share is of the mean of the two.
    results.ceilingAfter = await measureCeiling('bare Fastify /fixed, after the cached rows');
    for (const row of results.scenarios) row.shareOfCeiling = round(row.rps / ceilingRps(), 3);
  }

  // The varied URLs repeat (a mix of filters has fewer combinations than requests): from here on
  // the server runs with its answer cache off, so every request is computed.
  await stopServer(server);
  server = await startServer(mainUrl, UNCACHED);
  if (want('uncached')) {
    log(
      `== uncached reads (parameters varied per request, answer cache off), ${CONNECTIONS} connections`,
    );
    /** A scenario whose every request asks a path of `paths` (in turn), in `group`. */
    const varied = (group, name, paths) =>
      scenario(server, { name, group, mode: 'varied', entries: paths.map((path) => ({ path })) });
    results.scenarios.push(
      await varied('uncached', 'filtered list (varied)', listPaths(params.countries, 20_000, 1)),
      await varied(
        'uncached',
        'full-text search (varied)',
        searchPaths(params.countries, SEARCH_TERMS, 20_000, 2),
      ),
      await varied('uncached', 'detail (varied ids)', detailPaths(params.maxId, 20_000, 3)),
    );
    if (!QUICK) {
      results.scenarios.push(
        await varied(
          'uncached, extra',
          'list sorted by yearsOpen (varied)',
          yearsOpenPaths(params.countries, 5_000, 4),
        ),
        await varied(
          'uncached, extra',
          'search, broad terms (varied)',
          searchPaths(params.countries, BROAD_TERMS, 5_000, 5),
        ),
      );
    }
  }

  if (want('peer')) {
    log(
      `== against the peer, PostGraphile 4, answer cache off, ${PEER_CONNECTIONS} connections, ${PEER_RUNS} runs of ${PEER_DURATION} s`,
    );
    results.peer = await peerComparison(server, mainUrl, params);
  }

  if (GROWTH) {
    log(
      `== growth: list, search and detail at ${GROWTH_SCALES.join('x, ')}x, interleaved, ${GROWTH_RUNS} runs each`,
    );
    const targets = [];
    for (const scale of GROWTH_SCALES) {
      if (scale === MAIN_SCALE) {
        targets.push({ scale, server, params });
        continue;
      }
      const { url } = await ensureDataset({ scale, log: () => {} });
      targets.push({
        scale,
        server: await startServer(url, UNCACHED),
        params: await benchParameters(url),
      });
    }
    results.growth.push(...(await growthRuns(targets)));
    for (const target of targets) if (target.server !== server) await stopServer(target.server);
  }
  results.serverHwmMiB = mib(procStatus(server.pid).hwmKiB);
  await stopServer(server);

  results.meta.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  results.meta.totalSeconds = round((performance.now() - began) / 1000, 0);
  evaluateTargets();
  printSummary();
  await writeResults();
}

async function machine(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const version = (await client.query('show server_version')).rows[0].server_version;
  await client.end();
  let commit = null;
  let dirtyFiles = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    dirtyFiles = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length;
  } catch {
    // not a git checkout
  }
  return {
    startedAt: new Date().toISOString(),
    label: option('--label', null),
    server: SERVER_MAIN.startsWith(ROOT) ? SERVER_MAIN.slice(ROOT.length) : SERVER_MAIN,
    serverNodeFlags: SERVER_NODE_FLAGS,
    sections: ONLY,
    quick: QUICK,
    loadGenerator: WRK ? 'wrk 4 (1 thread)' : 'node:http (keep-alive)',
    connections: CONNECTIONS,
    durationSec: DURATION,
    node: process.version,
    postgres: `PostgreSQL ${version}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
    generator: { version: GENERATOR_VERSION, seed: SEED },
    commit,
    uncommittedFiles: dirtyFiles,
  };
}

/** The growth measurement of one kind of request at one data scale and connection count. */
function growthAt(kind, connections, scale) {
  return results.growth.find(
    (g) => g.kind === kind && g.scale === scale && g.connections === connections,
  );
}

function evaluateTargets() {
  const t = [];
  const below = (value, limit) =>
    typeof value === 'number' && Number.isFinite(value) && value < limit;
  const add = (target, measured, met) => t.push({ target, measured, met });
  const byName = (name) => results.scenarios.find((s) => s.name === name);
  for (const name of ['home statistics', 'filtered list', 'detail with timeline']) {
    for (const variant of [name, `${name} (If-None-Match)`]) {
      const s = byName(variant);
      if (!s) continue;
      add(
        `${variant}: >= ${TARGETS.cachedShareOfCeiling * 100}% of ceiling req/s`,
        `${round(s.shareOfCeiling * 100, 1)}% (${s.rps} of ${ceilingRps()})`,
        s.requests > 0 && s.shareOfCeiling >= TARGETS.cachedShareOfCeiling,
      );
      add(
        `${variant}: >= ${TARGETS.cachedOfSameBytes}x the bare Fastify route sending the same bytes`,
        s.sameBytes ? `${s.ofSameBytes}x (${s.rps} vs ${s.sameBytes.rps} req/s)` : 'not measured',
        s.requests > 0 &&
          typeof s.ofSameBytes === 'number' &&
          s.ofSameBytes >= TARGETS.cachedOfSameBytes,
      );
      add(
        `${variant}: p99 < ${TARGETS.cachedP99Ms} ms`,
        `${s.latencyMs.p99} ms`,
        below(s.latencyMs.p99, TARGETS.cachedP99Ms),
      );
    }
  }
  for (const row of results.peer?.rows ?? []) {
    add(
      `${row.name}: ours >= ${TARGETS.peerRatio}x the peer's req/s`,
      `${row.ratio}x (${row.ours.rps} vs ${row.peer.rps})`,
      typeof row.ratio === 'number' && row.ratio >= TARGETS.peerRatio,
    );
  }
  for (const [kind, limit] of Object.entries(TARGETS.cpuGrowth)) {
    // One connection: CPU per request does not depend on the machine's load.
    const small = growthAt(kind, 1, 1);
    const large = growthAt(kind, 1, 100);
    if (!small || !large) continue;
    const cpu = cpuPerRequest(large) / cpuPerRequest(small);
    add(
      `${kind}: CPU per request grows < ${limit}x from 1x to 100x`,
      `${round(cpu, 2)}x (${cpuPerRequest(small)} -> ${cpuPerRequest(large)} ms)`,
      below(cpu, limit),
    );
  }
  for (const e of results.export) {
    for (const [i, run] of e.runs.entries()) {
      const label = e.runs.length > 1 ? `${e.label} #${i + 1}` : e.label;
      add(
        `${label}: first byte < ${TARGETS.exportFirstByteMs} ms`,
        `${run.firstByteMs} ms`,
        run.firstByteMs < TARGETS.exportFirstByteMs,
      );
      add(
        `${label}: complete < ${TARGETS.exportTotalMs} ms`,
        `${run.totalMs} ms (${run.rows} rows)`,
        run.totalMs < TARGETS.exportTotalMs && run.status === 200,
      );
    }
    add(
      `${e.label}: server RSS < ${TARGETS.exportRssMiB} MB throughout`,
      `${e.serverPeakRssMiB} MiB`,
      e.serverPeakRssMiB * 1.048576 < TARGETS.exportRssMiB,
    );
  }
  add(
    `cold start to first answer < ${TARGETS.coldStartMs} ms`,
    `${results.startup.coldStartMs} ms`,
    results.startup.coldStartMs < TARGETS.coldStartMs,
  );
  add(
    `idle memory < ${TARGETS.idleRssMiB} MB`,
    `${results.startup.idleRssMiB} MiB`,
    results.startup.idleRssMiB * 1.048576 < TARGETS.idleRssMiB,
  );
  results.targets = t;
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Server plus PostgreSQL CPU milliseconds per request: what the machine's load does not change. */
function cpuPerRequest(row) {
  return round((row.cpuMsPerRequest.node ?? NaN) + (row.cpuMsPerRequest.postgres ?? NaN), 2);
}

function printSummary() {
  const m = results.meta;
  log('');
  log(
    `== results (${m.loadGenerator}, ${m.connections} connections, ${m.durationSec} s per row; ${m.cpus} CPUs; load average ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd.join(' ')} at end)`,
  );
  const c = results.ceiling;
  const ceilings = [c, results.ceilingAfter].filter(Boolean);
  const rows = [...ceilings, ...results.scenarios].map((s) => [
    s.name,
    s.group,
    s.rps,
    ceilings.includes(s) ? (s.rps / ceilingRps()).toFixed(3) : s.shareOfCeiling.toFixed(3),
    s.ofSameBytes ?? '-',
    s.latencyMs.p50 ?? '-',
    s.latencyMs.p99 ?? '-',
    s.latencyMs.max ?? '-',
    s.singleRequestMs,
    s.cpuMsPerRequest.node === null
      ? '-'
      : `${s.cpuMsPerRequest.node} + ${s.cpuMsPerRequest.postgres}`,
    s.contentEncoding && s.contentEncoding !== 'identity'
      ? `${s.bytesPerResponse} (${s.wireBytesPerResponse} ${s.contentEncoding})`
      : s.bytesPerResponse,
    s.serverPeakRssMiB,
    s.errors,
    s.loadAverage1m,
  ]);
  log(
    table(
      [
        'scenario',
        'kind',
        'req/s',
        'x ceiling',
        'x same bytes',
        'p50 ms',
        'p99 ms',
        'max ms',
        '1-at-a-time ms',
        'CPU ms/req node + pg',
        'bytes (sent)',
        'peak RSS MiB',
        'errors',
        'load',
      ],
      rows,
    ),
  );
  log('');
  log(
    table(
      ['CSV export', 'first byte ms', 'total ms', 'MiB', 'rows', 'peak RSS MiB'],
      results.export.flatMap((e) =>
        e.runs.map((r) => [
          e.label,
          r.firstByteMs,
          r.totalMs,
          round(r.bytes / 1048576, 1),
          r.rows,
          e.serverPeakRssMiB,
        ]),
      ),
    ),
  );
  log('');
  log(
    `cold start: first 200 ${results.startup.coldStartMs} ms after spawn; idle RSS ${results.startup.idleRssMiB} MiB; server peak (VmHWM) over the run ${results.serverHwmMiB} MiB`,
  );
  if (results.peer) printPeerSummary();
  if (results.growth.length > 0) {
    log('');
    const growthRows = [];
    for (const kind of ['list', 'detail', 'search']) {
      for (const connections of [1, CONNECTIONS]) {
        const at = (scale) => growthAt(kind, connections, scale);
        const base = at(1);
        for (const scale of GROWTH_SCALES) {
          const g = at(scale);
          if (!g) continue;
          growthRows.push([
            `${kind} c${connections}`,
            `${scale}x`,
            g.rps,
            g.latencyMs.p50,
            g.latencyMs.p99,
            base ? `${round(g.latencyMs.p50 / base.latencyMs.p50, 2)}x` : '',
            base ? `${round(g.latencyMs.p99 / base.latencyMs.p99, 2)}x` : '',
            cpuPerRequest(g),
            base ? `${round(cpuPerRequest(g) / cpuPerRequest(base), 2)}x` : '',
          ]);
        }
      }
    }
    log(
      table(
        [
          'growth',
          'data',
          'req/s',
          'p50 ms',
          'p99 ms',
          'p50 vs 1x',
          'p99 vs 1x',
          'CPU ms/req',
          'CPU vs 1x',
        ],
        growthRows,
      ),
    );
  }
  log('');
  log(
    table(
      ['target', 'measured', 'met'],
      results.targets.map((t) => [t.target, t.measured, t.met ? 'yes' : 'NO']),
    ),
  );
}

function printPeerSummary() {
  const m = results.meta;
  log('');
  log(
    `== against PostGraphile 4 (${m.loadGenerator}, ${PEER_CONNECTIONS} connections, mean of ${PEER_RUNS} runs of ${PEER_DURATION} s; load average ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd.join(' ')} at end)`,
  );
  log(
    table(
      [
        'row',
        'ours req/s',
        'peer req/s',
        'ours/peer',
        'CPU ms/req node + pg, ours',
        'peer',
        'answers checked',
        'load',
      ],
      results.peer.rows.map((row) => [
        row.name,
        row.ours.rps,
        row.peer.rps,
        row.ratio?.toFixed(2) ?? '-',
        `${row.ours.cpuMsPerRequest.node} + ${row.ours.cpuMsPerRequest.postgres}`,
        `${row.peer.cpuMsPerRequest.node} + ${row.peer.cpuMsPerRequest.postgres}`,
        row.checked,
        row.loadAverage1m.join(' '),
      ]),
    ),
  );
}

async function writeResults() {
  const folder = join(ROOT, 'bench-results');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${results.meta.startedAt.replace(/[:.]/g, '-')}.json`);
  let text = `${JSON.stringify(results, null, 2)}\n`;
  try {
    // Written as the project's formatter would write it, so `prettier --check .` stays quiet.
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    text = await prettier.format(text, { ...config, filepath: file });
  } catch {
    // prettier not installed: plain JSON
  }
  writeFileSync(file, text);
  log('');
  log(`results written to ${file.slice(ROOT.length)} (total ${results.meta.totalSeconds} s)`);
}

await main();
