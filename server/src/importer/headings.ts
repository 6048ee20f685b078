/**
 * Recognising the headings around a recommendations list. All functions take a line already
 * cleaned of inline markup (see `source-lines.ts`) unless they say otherwise.
 */

/** A heading at most this long; anything longer is prose. */
const MAX_HEADING_LENGTH = 100;

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

/** A table-of-contents entry: the title followed by a tab or dot leaders and a page number. */
export function isTableOfContentsLine(rawLine: string): boolean {
  // Bounded: an entry is short, and the test below must not run on a long line (backtracking).
  if (rawLine.length > 300) return false;
  return /(?:\t|\.{4,}|…{2,})\s*\d+\s*$/.test(rawLine);
}

/** Letters, and none of them lower case: "GLOSSARY", "A. LEGAL FRAMEWORK", "ANNEX I: ...". */
export function isAllCaps(line: string): boolean {
  return (line.match(/\p{Lu}/gu)?.length ?? 0) >= 3 && !/\p{Ll}/u.test(line);
}

/** Ends as a sentence or a list item does (a footnote marker has already been removed). */
export function endsSentence(line: string): boolean {
  return /[.;:!?…][\s"'”’»)\]]*$/.test(line);
}

export function startsLowercase(line: string): boolean {
  return /^\p{Ll}/u.test(line);
}

/** Short, starts with a capital, and does not end as a sentence: "Election Administration". */
export function isHeadingLike(line: string): boolean {
  return line.length <= MAX_HEADING_LENGTH && /^\p{Lu}/u.test(line) && !endsSentence(line);
}

/**
 * A heading that always closes a recommendations list, even when numbered paragraphs follow it: the
 * report's next chapter ("XVII. ...") or its back matter.
 */
export function isBackMatterHeading(line: string): boolean {
  return (
    /^[IVXLC]{2,}\.\s/.test(line) ||
    /^(?:ANNEX|APPENDIX|GLOSSARY|ABBREVIATIONS|BIBLIOGRAPHY)\b/i.test(line)
  );
}

/** The title of a lettered heading: "D. PRIORITY RECOMMENDATIONS" -> "PRIORITY RECOMMENDATIONS". */
export function letteredHeadingTitle(line: string): string | null {
  return /^[A-Z]\.\s+(\S.*)$/.exec(line)?.[1] ?? null;
}

/** A heading that groups recommendations ("PRIORITY RECOMMENDATIONS") rather than naming a topic. */
export function isRecommendationsHeading(title: string): boolean {
  return /\brecommendations?\b/i.test(title);
}

/** "PRIORITY RECOMMENDATIONS", "Prioritised recommendations", "PRIORITIZED RECOMMENDATIONS". */
export function isPriorityHeading(title: string): boolean {
  return /\bprior(?:ity|iti[sz]ed)\b/i.test(title);
}

/**
 * A topic heading in the case readers expect: ALL-CAPS titles become title case ("PARTICIPATION OF
 * WOMEN" -> "Participation of Women"); anything else is kept as printed.
 */
export function readableHeading(title: string): string {
  if (!isAllCaps(title)) return title;
  return title
    .toLowerCase()
    .split(' ')
    .map((word, index) =>
      index > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(' ');
}
