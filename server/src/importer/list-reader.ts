import { SUPERSCRIPT_DIGITS } from './inline-markup.js';
import type { SourceLine } from './source-lines.js';

/**
 * Joining the lines of one recommendation, whatever converter wrote them.
 *
 * A hyphen at a line end (`election-` / `related`) is either a word split by the typesetter or a
 * compound that happened to break at its own hyphen. The rule, using only the document itself:
 * - the continuation starts with a lower-case letter (otherwise the lines join with a space);
 * - when the whole word occurs unbroken elsewhere in the document (`comprehensively`), it was split:
 *   the hyphen goes;
 * - otherwise, when the compound occurs elsewhere (`election-related`), or both halves are words
 *   the document uses on their own (`election`, `related`), it is a compound: the hyphen stays;
 * - otherwise (`comprehen` is no word) it was split: the hyphen goes.
 * The lines always join without a space. Ambiguous splits of a word made of two words
 * (`under-` / `standing` with no `understanding` elsewhere) keep their hyphen.
 */
export class Vocabulary {
  private readonly words = new Set<string>();

  constructor(lines: readonly SourceLine[]) {
    const word = /[\p{L}]+(?:-[\p{L}]+)*/gu;
    let previousEndsInHyphen = false;
    for (const line of lines) {
      const text = line.plain;
      if (text === '') continue;
      const endsInHyphen = text.endsWith('-');
      let first = true;
      for (const match of text.matchAll(word)) {
        // The last word of a line ending in a hyphen is half a word; so is the first of the next.
        const half =
          (first && previousEndsInHyphen) ||
          (endsInHyphen && match.index + match[0].length === text.length - 1);
        first = false;
        if (!half) this.words.add(match[0].toLowerCase());
      }
      previousEndsInHyphen = endsInHyphen;
    }
  }

  has(word: string): boolean {
    return this.words.has(word.toLowerCase());
  }
}

const HYPHEN_END = /(\p{L}+)-$/u;
const LOWER_START = /^(\p{Ll}+)/u;

/** Joins two line texts, the second continuing the first. */
export function joinContinuation(before: string, after: string, vocabulary: Vocabulary): string {
  if (before === '') return after;
  if (after === '') return before;
  const head = HYPHEN_END.exec(before);
  const tail = LOWER_START.exec(after);
  if (!head?.[1] || !tail?.[1]) return `${before} ${after}`;
  const [first, second] = [head[1], tail[1]];
  const whole = first + second;
  const keepHyphen =
    !vocabulary.has(whole) &&
    (vocabulary.has(`${first}-${second}`) || (vocabulary.has(first) && vocabulary.has(second)));
  return keepHyphen ? before + after : before.slice(0, -1) + after;
}

/**
 * A footnote reference that a converter printed as ordinary digits glued to the end of a word or
 * sentence: `retribution.106 The`, `fear106`. Digits after a hyphen (`COVID-19`), after `No.`,
 * `Art.`, `para.` or `p.`, or standing alone, are not markers.
 */
const GLUED_MARKER = /(?<=[\p{Ll}.,;:)”’"])(?<!\b(?:No|Nos|Art|para|pp?)\.)(\d{1,3})(?=\s|$)/gu;

/** Removes glued footnote markers from a line's text; returns what it removed. */
export function removeGluedMarkers(text: string): { text: string; markers: string[] } {
  const markers: string[] = [];
  const cleaned = text.replace(GLUED_MARKER, (marker: string) => {
    markers.push(marker);
    return '';
  });
  return { text: cleaned, markers };
}

const MARKER_IN_RAW = new RegExp(`[${SUPERSCRIPT_DIGITS}]+|<sup\\b`, 'i');

/** Whether the raw line carries a footnote marker that the cleaning removes (`¹⁰⁶`, `<sup>`). */
export function hasMarkupMarker(raw: string): boolean {
  return MARKER_IN_RAW.test(raw);
}
