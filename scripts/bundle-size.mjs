#!/usr/bin/env node
/**
 * Reports the size of the built web app (client/dist, after `npm run build`): raw and gzip size of
 * every JavaScript and CSS file, and of what the home page loads before it can render: the entry
 * chunk, the chunks it imports statically (recursively), and the home page's own lazy chunk with
 * its static imports, found by following Vite's manifest (client/dist/.vite/manifest.json).
 *
 * Exits with 1 if that initial JavaScript exceeds the budget (150 KB gzipped), so CI can use it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIST = fileURLToPath(new URL('../client/dist/', import.meta.url));
const MANIFEST = join(DIST, '.vite', 'manifest.json');
const HOME_PAGE_SOURCE = 'src/pages/HomePage.vue';
const BUDGET_GZIP_BYTES = 150 * 1024;

if (!existsSync(MANIFEST)) {
  console.error(`No ${relative(process.cwd(), MANIFEST)}: run \`npm run build\` first.`);
  process.exit(2);
}

/** @type {Record<string, { file: string, src?: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[] }>} */
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));

function sizes(file) {
  const content = readFileSync(join(DIST, file));
  return { raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
}

function listAssets(folder) {
  return readdirSync(join(DIST, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return listAssets(path);
    return /\.(js|css)$/.test(entry.name) ? [path] : [];
  });
}

/** The manifest keys a chunk pulls in synchronously: itself and its static imports, recursively. */
function staticClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(imported, seen);
  return seen;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
function table(rows, footer) {
  const header = ['file', 'raw', 'gzip'];
  const body = rows.map((row) => [row.file, kb(row.raw), kb(row.gzip)]);
  const all = [
    header,
    ...body,
    ...(footer ? [[footer.file, kb(footer.raw), kb(footer.gzip)]] : []),
  ];
  const widths = header.map((_, column) => Math.max(...all.map((line) => line[column].length)));
  const format = (line) =>
    line
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column]),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  console.log(format(header));
  console.log(rule);
  for (const line of body) console.log(format(line));
  if (footer) {
    console.log(rule);
    console.log(format(all.at(-1)));
  }
}
const total = (rows, file) => ({
  file,
  raw: rows.reduce((sum, row) => sum + row.raw, 0),
  gzip: rows.reduce((sum, row) => sum + row.gzip, 0),
});

const files = listAssets('assets')
  .sort()
  .map((file) => ({ file, ...sizes(file) }));
const js = files.filter((row) => row.file.endsWith('.js'));
const css = files.filter((row) => row.file.endsWith('.css'));

console.log('\nAll JavaScript (client/dist)\n');
table(js, total(js, 'total'));
console.log('\nAll CSS (client/dist)\n');
table(css, total(css, 'total'));

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error('The manifest names no entry chunk.');
const homeKey = Object.keys(manifest).find((key) => manifest[key].src === HOME_PAGE_SOURCE);
if (!homeKey) throw new Error(`The manifest has no chunk for ${HOME_PAGE_SOURCE}.`);

const initialKeys = new Set([...staticClosure(entryKey), ...staticClosure(homeKey)]);
const initialJs = [...initialKeys].map((key) => ({
  file: manifest[key].file,
  ...sizes(manifest[key].file),
}));
const initialCss = [...new Set([...initialKeys].flatMap((key) => manifest[key].css ?? []))].map(
  (file) => ({ file, ...sizes(file) }),
);
const initial = total(initialJs, 'initial home-page JavaScript');

console.log('\nInitial load of the home page: entry + static imports + home page chunk\n');
table(initialJs, initial);
if (initialCss.length > 0) {
  console.log('');
  table(initialCss, total(initialCss, 'initial home-page CSS'));
}

// The web app uses the shared package's types and constants, never its zod schemas (see
// client/vite.config.ts): if zod creeps in, the home page pays some 27 KB gzipped for nothing.
const withZod = js.filter((row) => readFileSync(join(DIST, row.file), 'utf8').includes('ZodError'));
console.log(
  `\nzod in the bundle: ${withZod.length === 0 ? 'no' : `yes, in ${withZod.map((row) => row.file).join(', ')}`}`,
);

const within = initial.gzip <= BUDGET_GZIP_BYTES;
console.log(
  `\nInitial home-page JavaScript: ${kb(initial.gzip)} gzipped (budget ${kb(BUDGET_GZIP_BYTES)}): ${within ? 'within budget' : 'OVER BUDGET'}`,
);
process.exit(within ? 0 : 1);
