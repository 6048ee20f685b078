import { SUPERSCRIPT_DIGITS } from './inline-markup.js';

/**
 * How a footnote that the conversion placed in the running text begins. The layouts in the
 * sources:
 * - a run of superscript digits: `¹⁰⁶ According to the paragraph 25 ...`;
 * - a `<sup>` number, sometimes behind a broken escape: `<sup>&</sup>lt;sup>5</sup> In ...`;
 * - a plain number and a space, no period: `25 [kz/ru/news/...](https://...)`, `26 <https://...>`.
 * A numbered list item has a period or a parenthesis after its number, so it is never one of these.
 */
export type FootnoteStart =
  | { kind: 'marked' }
  /** A plain number: unambiguous when what follows is a link, as in the briefing's source notes. */
  | { kind: 'plain-number'; number: number; linkOnly: boolean };

const SUPERSCRIPT_START = new RegExp(`^[${SUPERSCRIPT_DIGITS}]+(?:\\s|$)`);
const SUP_START = /^(?:<sup>&<\/sup>lt;)?<sup>\s*\d+\s*<\/sup>/i;
const PLAIN_NUMBER_START = /^(\d{1,3})\s+(\S.*)$/;
const LINK_START = /^(?:<https?:|\[|https?:\/\/|www\.)/i;

/** Whether a source line starts a footnote, and how sure that reading is. */
export function footnoteStart(rawLine: string): FootnoteStart | null {
  const line = rawLine.trim();
  if (SUPERSCRIPT_START.test(line) || SUP_START.test(line)) return { kind: 'marked' };
  const plain = PLAIN_NUMBER_START.exec(line);
  if (plain?.[1] !== undefined && plain[2] !== undefined) {
    return { kind: 'plain-number', number: Number(plain[1]), linkOnly: LINK_START.test(plain[2]) };
  }
  return null;
}
