#!/usr/bin/env node
// Measures what the foundation promises: the time from `npm start` (or from launching the built
// server alone) to the first successful health check, and the server's memory at idle and after
// some reads (lists, details, searches that miss the answer cache).
// Usage: node scripts/measure-startup.mjs [--npm-start] ; DATABASE_URL selects PostgreSQL.
// With --npm-start the build stamp is removed first, so the first start builds (as after a change
// of the sources) and the second finds the sources unchanged.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStamp } from './build-if-changed.mjs';
import { SERVER_NODE_FLAGS } from './server-node-flags.mjs';

const PORT = 3900 + Math.floor(Math.random() * 90);
const IDLE_SECONDS = 10;
const viaNpm = process.argv.includes('--npm-start');

function kib(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
}

/** The pid of the node process serving, which under npm is a grandchild of ours. */
function serverPid(rootPid) {
  const children = (pid) =>
    readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  const queue = [String(rootPid)];
  while (queue.length > 0) {
    const pid = queue.shift();
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    // node itself, not the shell npm runs the script in (`sh -c "… && node server/dist/main.js"`)
    if (/(^|\/)node$/.test(args[0]) && args.includes('server/dist/main.js')) return Number(pid);
    queue.push(...children(pid));
  }
  throw new Error('server process not found');
}

const SEARCH_TERMS = ['defamation', 'polling station', 'voter lists', 'campaign finance', 'women'];

/** Reads that reach the database: each URL once, so the answer cache does not answer them. */
async function someReads() {
  const base = `http://127.0.0.1:${PORT}/api/v1`;
  const get = async (path) => {
    const response = await fetch(`${base}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };
  const ids = [];
  for (let page = 1; page <= 5; page += 1) {
    const list = await get(`/recommendations?country=KZ&page=${page}&pageSize=50`);
    for (const item of list.items ?? list.data ?? []) ids.push(item.id);
  }
  for (const id of ids.slice(0, 40)) await get(`/recommendations/${id}`);
  for (const term of SEARCH_TERMS) await get(`/recommendations?q=${encodeURIComponent(term)}`);
  await get('/statistics');
  return ids.length;
}

async function measure(label, dataDir) {
  const env = { ...process.env, PORT: String(PORT), LOG_LEVEL: 'warn' };
  if (!process.env.DATABASE_URL) env.DATA_DIR = dataDir;
  const started = performance.now();
  const child = viaNpm
    ? spawn('npm', ['start'], { env, stdio: 'ignore', detached: true })
    : spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/dist/main.js'], {
        env,
        stdio: 'ignore',
        detached: true,
      });
  let healthyAt;
  while (healthyAt === undefined) {
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/api/health`);
      if (response.ok) healthyAt = performance.now();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (performance.now() - started > 600_000) throw new Error('no healthy answer in 600 s');
  }
  const pid = serverPid(child.pid);
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const rss = kib(pid, 'VmRSS');
  await someReads();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rssAfterReads = kib(pid, 'VmRSS');
  const peak = kib(pid, 'VmHWM');
  process.kill(-child.pid, 'SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  const mib = (value) => `${(value / 1024).toFixed(1)} MiB`;
  console.log(
    `${label.padEnd(34)} first healthy answer ${((healthyAt - started) / 1000).toFixed(2)} s` +
      `   idle RSS ${mib(rss)}   after reads ${mib(rssAfterReads)}   peak RSS ${mib(peak)}`,
  );
}

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const what = viaNpm ? 'npm start' : 'node server/dist/main.js';
const dataDir = mkdtempSync(join(tmpdir(), 'tracker-startup-'));
if (viaNpm) removeStamp(process.cwd());
try {
  await measure(`${what}, ${engine}, empty database`, dataDir);
  await measure(`${what}, ${engine}, seeded database`, dataDir);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
