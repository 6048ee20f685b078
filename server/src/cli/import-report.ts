/**
 * Extracts the numbered recommendations from a report's plain text, as reviewable JSON.
 *
 *   node server/dist/cli/import-report.js <file> [--out <json file>]
 *
 * Prints the JSON (or writes it to --out) and summarises the problems on stderr. Exits 1 for bad
 * arguments or an unreadable file; problems found in the text are data, not failures (exit 0).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseReport } from '../importer/index.js';

const USAGE = 'usage: import-report <file> [--out <json file>]';

function fail(message: string): never {
  console.error(`import-report: ${message}`);
  console.error(USAGE);
  process.exit(1);
}

let file: string;
let out: string | undefined;
try {
  const { values, positionals } = parseArgs({
    options: { out: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0] === undefined) {
    fail(positionals.length === 0 ? 'no input file given' : 'give exactly one input file');
  }
  file = positionals[0];
  out = values.out;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

let text: string;
try {
  text = await readFile(file, 'utf8');
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${String(error)}`);
}

const result = parseReport(text);
const json = `${JSON.stringify(result, null, 2)}\n`;
if (out === undefined) {
  process.stdout.write(json);
} else {
  try {
    await writeFile(out, json);
  } catch (error) {
    fail(`cannot write ${out}: ${String(error)}`);
  }
}

const { recommendations, problems } = result;
console.error(
  `${file}: ${recommendations.length} recommendations (${result.format}), ${problems.length} problem(s)`,
);
for (const problem of problems) {
  console.error(`  line ${problem.line ?? '-'}: ${problem.message}`);
}
