#!/usr/bin/env node
// `npm run bench:parse`: how long the importer takes on a 1 MiB report and on a 1 MiB pathological
// input (thousands of short unpunctuated lines under a recommendations heading), read in the
// calling thread and in the worker thread the API uses, and how fast an HTTP health route in the
// same process answers while the worker reads (it should not wait for the parse). Not a test:
// it prints figures. Runs on the build (server/dist): `npm run build` first, or let the npm
// script do it.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { readReport, parseInWorker } = await import(`${ROOT}server/dist/importer/index.js`);

const MiB = 1024 * 1024;
const seed = readFileSync(`${ROOT}db/seed/sources/002_f9e03738dbfd80ab.txt`, 'utf8');
const words = ['election', 'commission', 'voters', 'law', 'media', 'observers', 'ballot'];
// A report of 1 MiB: the 2019 final report's text, then chapters of distinct prose paragraphs, then
// a recommendations section of distinct items (a repeated text would be read as page furniture).
let state = 42;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const sentence = () =>
  `${Array.from({ length: 12 + Math.floor(random() * 20) }, () => words[Math.floor(random() * words.length)] + Math.floor(random() * 1000).toString(36)).join(' ')}.`;
const parts = [seed];
let length = seed.length;
for (let chapter = 0; length < MiB * 0.7; chapter++) {
  const paragraph = `${sentence()} ${sentence()} ${sentence()}`;
  parts.push(paragraph.charAt(0).toUpperCase() + paragraph.slice(1), '');
  length += paragraph.length + 2;
}
parts.push('XX. RECOMMENDATIONS', '');
for (let item = 1; length < MiB; item++) {
  const text = `${item}. The authorities ${sentence()} ${sentence()}`;
  parts.push(text);
  length += text.length + 1;
}
const report = parts.join('\n').slice(0, MiB);

const pathological = ['RECOMMENDATIONS', '', '1. The following should be considered'];
let size = pathological.join('\n').length;
for (let i = 0; size < MiB; i++) {
  const line = `${words[i % words.length]} ${i % 97}`;
  pathological.push(line);
  size += line.length + 1;
}
const pathologicalText = pathological.join('\n').slice(0, MiB);

function time(fn) {
  const started = performance.now();
  const result = fn();
  return { ms: performance.now() - started, result };
}

async function healthDuring(text) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const agent = new http.Agent({ keepAlive: true });
  const latencies = [];
  let running = true;
  const pinger = (async () => {
    while (running) {
      const started = performance.now();
      await new Promise((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/api/health', agent }, (res) => {
            res.resume();
            res.on('end', resolve);
          })
          .on('error', reject);
      });
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const started = performance.now();
  await parseInWorker({ kind: 'text', text });
  const parseMs = performance.now() - started;
  running = false;
  await pinger;
  agent.destroy();
  server.close();
  latencies.sort((a, b) => a - b);
  const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))];
  return {
    parseMs,
    count: latencies.length,
    p50: pick(0.5),
    p99: pick(0.99),
    max: latencies.at(-1),
  };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} CPU(s)`);
for (const [name, text] of [
  ['1 MiB report (2019 final report, generated chapters, a second recommendations list)', report],
  ['1 MiB pathological (short unpunctuated lines)', pathologicalText],
]) {
  readReport(text.slice(0, 10_000)); // warm up
  const inThread = time(() => readReport(text));
  const health = await healthDuring(text);
  console.log(`\n${name}: ${text.length} characters, ${text.split('\n').length} lines`);
  console.log(
    `  readReport in the calling thread: ${fmt(inThread.ms)} (${inThread.result.recommendations.length} recommendations, ${inThread.result.problems.length} problems)`,
  );
  console.log(`  parseInWorker (worker start included): ${fmt(health.parseMs)}`);
  console.log(
    `  /api/health during the worker parse: ${health.count} requests, p50 ${fmt(health.p50)}, p99 ${fmt(health.p99)}, max ${fmt(health.max)}`,
  );
}
