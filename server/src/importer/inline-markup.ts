/**
 * Cleaning of the inline traces that the PDF-to-text conversion left in the source texts: HTML
 * elements, markdown emphasis and links, footnote markers. Every part of the importer (and the
 * data tests that check quotes against the sources) cleans text through these helpers, so a
 * recommendation's text and a quote are compared on the same terms.
 */

/** Unicode superscript digits, the footnote markers of the newer conversions ("addressed.¹⁰⁶"). */
export const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

// Bounded repetitions: an unclosed `<sup>` must not make every match attempt scan to the end.
const SUP_ELEMENT = /<sup\b[^<>]{0,100}>[\s\S]{0,200}?<\/sup>/gi;
// One conversion escaped footnote markers as `<sup>&</sup>lt;sup>5</sup>` (an `&lt;sup>` split by
// a tag); the whole construct is one marker.
const BROKEN_SUP_ESCAPE = /<sup>&<\/sup>lt;sup>[^<]{0,200}<\/sup>/gi;
// Only real tags: `<https://...>` autolinks are text, not tags.
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9]{0,20}(?:\s[^<>]{0,500})?\/?>/g;
const MARKDOWN_LINK = /\[([^\]]{0,1000})\]\([^)\s]{0,2000}\)/g;
const SUPERSCRIPT_DIGIT_RUN = new RegExp(`[${SUPERSCRIPT_DIGITS}]+`, 'g');

/** Drops `<sup>…</sup>` elements with their content (footnote reference numbers). */
function removeSupElements(text: string): string {
  return text.replace(BROKEN_SUP_ESCAPE, '').replace(SUP_ELEMENT, '');
}

/** Drops the remaining HTML tags (`<u>`, `<em>`, ...) and keeps what they enclose. */
function stripHtmlTags(text: string): string {
  return text.replace(HTML_TAG, '');
}

/** Drops markdown emphasis marks (`*Majilis*`, `**bold**`). */
function removeEmphasisMarks(text: string): string {
  return text.replaceAll('*', '');
}

/** Turns markdown links `[text](url)` into their text. */
function unwrapMarkdownLinks(text: string): string {
  return text.replace(MARKDOWN_LINK, '$1');
}

/** Drops unicode superscript digits (footnote markers). */
function removeSuperscriptDigits(text: string): string {
  return text.replace(SUPERSCRIPT_DIGIT_RUN, '');
}

/** Collapses every run of whitespace (line breaks included) to one space, and trims. */
function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The text as a reader of the printed report sees it: markup and footnote markers removed, line
 * breaks and blank lines reduced to single spaces. Quotes and recommendation texts are stored in
 * this form and must occur in the normalized source.
 */
export function normalizeForQuote(text: string): string {
  let result = removeSupElements(text);
  result = stripHtmlTags(result);
  result = removeEmphasisMarks(result);
  result = unwrapMarkdownLinks(result);
  result = removeSuperscriptDigits(result);
  return collapseWhitespace(result);
}
