import { normalizeForQuote } from './inline-markup.js';

/**
 * Whether a quote occurs in a source text, whitespace and line breaks aside. Both sides go through
 * the same canonical form: words hyphenated across a line break joined, inline markup removed as
 * the importer removes it (normalizeForQuote), typographic quotes and dashes made plain, soft
 * hyphens and all whitespace dropped.
 */
function canonical(text: string): string {
  return normalizeForQuote(text.replace(/(\p{L})-[ \t]*\r?\n\s*(\p{Ll})/gu, '$1$2'))
    .replace(/\u00AD/g, '')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, '');
}

/** Lines `start` to `end` (1-based, inclusive) of a text, or the whole text without a range. */
function linesOf(text: string, start: number | null, end: number | null): string {
  if (start === null || end === null) return text;
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .slice(start - 1, end)
    .join('\n');
}

/** Whether `quote` occurs in `source` at lines `start`-`end` (anywhere when they are null). */
export function quoteOccursIn(
  quote: string,
  source: string,
  start: number | null,
  end: number | null,
): boolean {
  const wanted = canonical(quote);
  return wanted.length > 0 && canonical(linesOf(source, start, end)).includes(wanted);
}
