// Prototype, measured and not applied: the CSV export as one set-based query (export-set-based.sql)
// read through a cursor, 2,000 flat rows (arrays, no JSON columns) at a time.
//   node scripts/bench/prototypes/export-cursor.mjs   (against tracker_bench_100x)
import { readFileSync } from 'node:fs';
import pg from 'pg';
const sqlText = readFileSync(new URL('./export-set-based.sql', import.meta.url), 'utf8').replace(
  /\\timing on|set jit = off;|^--.*$/gm,
  '',
);
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const field = (v) =>
  v === null
    ? ''
    : typeof v !== 'string'
      ? String(v)
      : `"${(FORMULA_START.test(v) ? `'${v}` : v).replaceAll('"', '""')}"`;
const client = new pg.Client({
  connectionString: 'postgres://postgres@127.0.0.1:5432/tracker_bench_100x',
});
await client.connect();
const t0 = performance.now();
await client.query('begin');
await client.query('set local jit = off');
await client.query(
  `declare export_cursor no scroll cursor for ${sqlText.trim().replace(/;$/, '')}`,
);
let bytes = 0,
  rows = 0,
  first = null,
  peak = 0;
for (;;) {
  const result = await client.query({ text: 'fetch 2000 from export_cursor', rowMode: 'array' });
  if (result.rows.length === 0) break;
  let chunk = '';
  for (const row of result.rows) chunk += row.map(field).join(',') + '\r\n';
  bytes += Buffer.byteLength(chunk);
  rows += result.rows.length;
  first ??= performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
}
await client.query('commit');
console.log(
  `rows ${rows}, ${(bytes / 1048576).toFixed(1)} MiB, first chunk ${first.toFixed(0)} ms, total ${(performance.now() - t0).toFixed(0)} ms, peak rss ${(peak / 1048576).toFixed(0)} MiB, cpu ${JSON.stringify(process.cpuUsage())}`,
);
await client.end();
