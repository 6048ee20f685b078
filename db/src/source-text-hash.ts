import { createHash } from 'node:crypto';

/**
 * The hash a report's stored text is recognised by when the same text is imported again: SHA-256
 * of the text with Unicode compatibility forms unified (NFKC), a byte-order mark dropped and every
 * run of white space (line breaks included) made one space, so the same report pasted with other
 * line endings, wrapping or trailing spaces has the same hash. Hex, 64 characters.
 */
export function sourceTextHash(text: string): string {
  const normalized = text
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}
