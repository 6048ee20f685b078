import { isAllCaps } from './headings.js';
import { NUMBERED_ITEM } from './source-lines.js';
import type { SourceLine } from './source-lines.js';

/**
 * Page furniture in a converted text: what the printed page repeats around its body (running
 * headers and footers, page numbers) rather than what the report says. Lines marked here are
 * skipped by the list reader, so a page break inside a list does not end it.
 *
 * The rule, for any converter's output: a short line (at most 120 characters) that is not a
 * numbered item and whose text, with its digits ignored, occurs at least {@link MIN_REPEATS} times
 * in the document is a running header or footer. A report of a few pages has no running header
 * worth the name; a recommendation or heading is not printed three times.
 */
const MIN_REPEATS = 3;
const MAX_FURNITURE_LENGTH = 120;

export function markRepeatedLines(lines: SourceLine[]): void {
  const counts = new Map<string, number>();
  const keys: (string | null)[] = lines.map((line) => {
    if (line.plain === '' || line.plain.length > MAX_FURNITURE_LENGTH) return null;
    // Numbered items, and numbers alone (page numbers and footnote numbers: see the list reader).
    if (NUMBERED_ITEM.test(line.plain) || /^\d+$/.test(line.plain)) return null;
    const key = line.plain.toLowerCase().replace(/\d+/g, '#');
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return key;
  });
  for (const [index, key] of keys.entries()) {
    const line = lines[index];
    if (line && key !== null && (counts.get(key) ?? 0) >= MIN_REPEATS) line.furniture = true;
  }
}

const BARE_LABEL = /^(?:[A-Z]|[IVXLC]{1,6})\.$/;
const OPEN_ENDED = /(?:\b(?:AND|OF|THE|TO|FOR|ON|IN|WITH|AT|BY)|[-,–])$/;
/** How far (in lines, blank lines included) a bare label looks for its title. */
const LABEL_REACH = 3;

/**
 * Joins a heading printed over two lines into its first line: a bare label and its title
 * (`A.` / `PRIORITY RECOMMENDATIONS`), or a capitals heading whose first line ends open
 * (`XV. CONCLUSIONS AND` / `RECOMMENDATIONS`). The second line is marked `joined` and skipped.
 */
export function joinSplitHeadings(lines: SourceLine[]): void {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.furniture || line.joined) continue;
    const bare = BARE_LABEL.test(line.plain);
    const openCaps =
      !bare &&
      line.plain.length <= 100 &&
      isAllCaps(line.plain) &&
      /^(?:[A-Z]|[IVXLC]{1,6})\.\s/.test(line.plain) &&
      OPEN_ENDED.test(line.plain);
    if (!bare && !openCaps) continue;
    for (let next = index + 1; next < lines.length && next <= index + LABEL_REACH; next++) {
      const candidate = lines[next]!;
      if (candidate.furniture) continue;
      if (candidate.plain === '') {
        if (openCaps) break;
        continue;
      }
      if (
        isAllCaps(candidate.plain) &&
        candidate.plain.length <= 100 &&
        !BARE_LABEL.test(candidate.plain)
      ) {
        line.plain = `${line.plain} ${candidate.plain}`;
        candidate.joined = true;
        candidate.plain = '';
      }
      break;
    }
  }
}

/**
 * Marks a number alone on its line that an earlier line already had alone. A converter prints a
 * superscript footnote reference on a line of its own (`106`), and later the note's own number at
 * the foot of the page: the second is where the footnote starts.
 */
export function markRepeatedNumbers(lines: SourceLine[]): void {
  const seen = new Set<string>();
  for (const line of lines) {
    if (!/^\d{1,3}$/.test(line.plain)) continue;
    if (seen.has(line.plain)) line.repeatedNumber = true;
    else seen.add(line.plain);
  }
}
