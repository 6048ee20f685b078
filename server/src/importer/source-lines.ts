import { normalizeForQuote } from './inline-markup.js';

/** One line of a source text, with the cleaned form the parser classifies. */
export interface SourceLine {
  /** 1-based, as an editor shows it. */
  lineNumber: number;
  raw: string;
  /** Without markdown heading marks, inline markup and footnote markers; whitespace collapsed. */
  plain: string;
  /** 1-6 for a markdown heading (`## ...`), 0 otherwise. */
  markdownLevel: number;
  /** A running header or footer (see `page-furniture.ts`): skipped by the list reader. */
  furniture?: boolean;
  /** The second line of a heading printed over two lines, joined into the line above. */
  joined?: boolean;
  /** The first line of a page in a text with page breaks (a form feed, as pdftotext writes). */
  pageStart?: boolean;
  /** A number alone on its line that an earlier line already had alone: a footnote's number. */
  repeatedNumber?: boolean;
}

const MARKDOWN_HEADING = /^\s{0,3}(#{1,6})\s+/;

export function splitSourceLines(text: string): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, index) => {
      const heading = MARKDOWN_HEADING.exec(raw);
      const body = heading ? raw.slice(heading[0].length) : raw;
      return {
        lineNumber: index + 1,
        raw,
        plain: normalizeForQuote(body),
        markdownLevel: heading?.[1]?.length ?? 0,
        ...(raw.includes('\f') ? { pageStart: true } : {}),
      };
    });
}

/** A numbered list item: "12. To promote ..." or "12) To promote ...". */
export const NUMBERED_ITEM = /^(\d{1,3})[.)]\s+(?=\S)/;

export function itemNumber(line: SourceLine): string | null {
  return NUMBERED_ITEM.exec(line.plain)?.[1] ?? null;
}

/** A page number left alone on a line by the conversion ("25", "Page 25 of 30"). */
export function isPageNumber(line: SourceLine): boolean {
  return line.plain.length <= 30 && /^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$/i.test(line.plain);
}

/** A list bullet continuing the item above it ("- the CEC ..."). */
export function isBullet(line: SourceLine): boolean {
  return /^\s*[-•–]\s/.test(line.raw);
}

/** The cleaned line, shortened for a problem report. */
export function excerptOf(line: SourceLine): string {
  const limit = 120;
  return line.plain.length <= limit ? line.plain : `${line.plain.slice(0, limit - 1)}…`;
}
