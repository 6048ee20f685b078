import { RECOMMENDATION_EXPORT_COLUMNS } from '@tracker/shared';
import type { RecommendationExportRow } from '@tracker/shared';
/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"), including
 * their full-width forms, which some spreadsheets fold to ASCII.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV field (RFC 4180): quoted, inner quotes doubled. A text that a spreadsheet would take
 * for a formula gets a leading apostrophe, so it shows as text and never runs (OWASP). Empty for
 * null; numbers and booleans as written in JSON.
 */
function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

function csvRecord(values: (string | number | boolean | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The header line, after a byte-order mark so spreadsheets read the file as UTF-8. */
const CSV_HEAD = `\uFEFF${csvRecord(RECOMMENDATION_EXPORT_COLUMNS)}`;

function csvLine(row: RecommendationExportRow): string {
  return csvRecord(RECOMMENDATION_EXPORT_COLUMNS.map((column) => row[column]));
}

/** CSV text, one batch of rows at a time. */
export async function* csvChunks(batches: AsyncIterable<RecommendationExportRow[]>) {
  yield CSV_HEAD;
  for await (const batch of batches) {
    yield batch.map((row) => csvLine(row)).join('');
  }
}

/** A JSON array, one batch of rows at a time. */
export async function* jsonChunks(batches: AsyncIterable<RecommendationExportRow[]>) {
  let first = true;
  yield '[';
  for await (const batch of batches) {
    const items = batch.map((row) => JSON.stringify(row));
    yield `${first ? '\n' : ',\n'}${items.join(',\n')}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
