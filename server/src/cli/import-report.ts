/**
 * Extracts the numbered recommendations from a report's plain text or PDF, as reviewable JSON.
 *
 *   node server/dist/cli/import-report.js <file> [--out <json file>] [--text-out <text file>]
 *
 * A PDF (recognised by its %PDF- header) is read through pdf.js; --text-out writes the extracted
 * text, which is what the line numbers refer to. Prints the JSON (or writes it to --out) and
 * summarises the problems, and what was removed from recommendation texts, on stderr. Exits 1 for
 * bad arguments, an unreadable file or PDF; problems found in the text are data (exit 0).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PdfReadError, extractPdfText, isPdf, readReport } from '../importer/index.js';

const USAGE = 'usage: import-report <file> [--out <json file>] [--text-out <text file>]';

function fail(message: string): never {
  console.error(`import-report: ${message}`);
  console.error(USAGE);
  process.exit(1);
}

let file: string;
let out: string | undefined;
let textOut: string | undefined;
try {
  const { values, positionals } = parseArgs({
    options: { out: { type: 'string' }, 'text-out': { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0] === undefined) {
    fail(positionals.length === 0 ? 'no input file given' : 'give exactly one input file');
  }
  file = positionals[0];
  out = values.out;
  textOut = values['text-out'];
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

let bytes: Buffer;
try {
  bytes = await readFile(file);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${String(error)}`);
}

let text: string;
if (isPdf(bytes)) {
  try {
    text = (await extractPdfText(new Uint8Array(bytes))).text;
  } catch (error) {
    fail(error instanceof PdfReadError ? `${file}: ${error.message}` : String(error));
  }
} else {
  text = bytes.toString('utf8');
}
if (textOut !== undefined) {
  try {
    await writeFile(textOut, `${text}\n`);
  } catch (error) {
    fail(`cannot write ${textOut}: ${String(error)}`);
  }
}

const { removed, ...result } = readReport(text);
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
for (const item of removed) {
  console.error(
    `  line ${item.line}: removed ${item.kind} from recommendation ${item.recommendation}: ${item.text}`,
  );
}
