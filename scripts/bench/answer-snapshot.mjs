#!/usr/bin/env node
// Byte-for-byte check of the read API across a change: records the answers of a running server to
// a fixed set of requests on the bench data (lists, details, searches, exports), or compares a
// server's answers with such a record. Run against the 100x data set before and after a change:
//
//   node scripts/bench/answer-snapshot.mjs --url http://127.0.0.1:3000 --record before.json
//   node scripts/bench/answer-snapshot.mjs --url http://127.0.0.1:3000 --compare before.json
//
// The requests come from the bench's fixed-seed mixes (request-mix.mjs), so both runs send the
// same ones. Ids are bounded by `--max-id` (default: the 100x data set's 100,000). A search whose
// only difference is a count marked `estimated` still counts as a difference: the comparison
// prints it, to be judged. The record holds every body (tens of MB): keep it out of the repository.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  BROAD_TERMS,
  SEARCH_TERMS,
  detailPaths,
  listPaths,
  query,
  searchPaths,
  yearsOpenPaths,
} from './request-mix.mjs';
import { OSCE_STATES } from './osce-countries.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const baseUrl = option('--url', 'http://127.0.0.1:3000');
const maxId = Number(option('--max-id', 100_000));
const record = option('--record', null);
const compare = option('--compare', null);
if (!record === !compare) throw new Error('give --record <file> or --compare <file>');

const countries = OSCE_STATES.map(([code]) => code);
const terms = [...SEARCH_TERMS, ...BROAD_TERMS];

/** The fixed requests: about 1,300 reads and a few exports. */
function snapshotPaths() {
  return [
    ...countries.map(
      (code) => `/api/v1/recommendations${query({ country: code, priority: true })}`,
    ),
    ...listPaths(countries, 400, 101),
    ...yearsOpenPaths(countries, 40, 102),
    ...detailPaths(maxId, 500, 103),
    ...terms.map((q) => `/api/v1/recommendations${query({ q })}`),
    ...terms.map((q) => `/api/v1/recommendations${query({ q, page: 3 })}`),
    ...searchPaths(countries, terms, 200, 104),
    '/api/v1/recommendations/0',
    `/api/v1/recommendations/${maxId + 1}`,
    ...['KZ', 'AM', 'UA'].flatMap((code) => [
      `/api/v1/recommendations/export.csv${query({ country: code })}`,
      `/api/v1/recommendations/export.json${query({ country: code, priority: true })}`,
    ]),
    `/api/v1/recommendations/export.csv${query({ q: 'defamation' })}`,
    // Sorts no index gives, which exports sort once (ExportSource.sortedOnce).
    `/api/v1/recommendations/export.csv${query({ country: 'AM', sort: 'yearsOpen' })}`,
    `/api/v1/recommendations/export.json${query({ q: 'journalists' })}`,
    `/api/v1/recommendations/export.csv${query({ q: 'women', sort: 'yearsOpen', order: 'asc' })}`,
  ];
}

async function answer(path) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { 'Accept-Encoding': 'identity' } });
  const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    // Exports name their file by today's date; the body is what matters.
    body,
  };
}

const paths = snapshotPaths();
const answers = {};
for (const path of paths) answers[path] = await answer(path);

if (record) {
  writeFileSync(record, gzipSync(JSON.stringify(answers)));
  console.log(`${paths.length} answers recorded in ${record}`);
} else {
  const before = JSON.parse(gunzipSync(readFileSync(compare)).toString('utf8'));
  let differing = 0;
  for (const path of paths) {
    const a = before[path];
    const b = answers[path];
    if (!a) {
      console.log(`not in the record: ${path}`);
      differing++;
      continue;
    }
    if (a.status !== b.status || a.type !== b.type || a.body !== b.body) {
      differing++;
      let at = 0;
      while (at < a.body.length && a.body[at] === b.body[at]) at++;
      console.log(
        `DIFFERENT ${path}: status ${a.status} -> ${b.status}, ${a.type} -> ${b.type}, first difference at ${at}:\n` +
          `  before …${a.body.slice(Math.max(0, at - 80), at + 80)}\n` +
          `  after  …${b.body.slice(Math.max(0, at - 80), at + 80)}`,
      );
    }
  }
  console.log(`${paths.length - differing} of ${paths.length} answers byte-identical`);
  process.exitCode = differing === 0 ? 0 : 1;
}
