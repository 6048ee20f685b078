import type { LocationQuery } from 'vue-router';
import { lineAnchor, parseLineAnchor } from './line-anchor.js';

/**
 * A quote picked in a report's source view for an assessment: the source view is opened from the
 * assessment form with `?quoteFor=<recommendation id>`, and sends the editor back to the
 * recommendation's page with the report and the lines in its query, which opens the form filled.
 */
export interface PickedQuote {
  reportId: number;
  start: number;
  end: number;
}

/** The source view's query naming the recommendation the quote is picked for. */
export const QUOTE_FOR = 'quoteFor';

const positive = (value: unknown): number | undefined =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) && Number(value) > 0
    ? Number(value)
    : undefined;

/** The recommendation a source view picks a quote for, if it was opened to pick one. */
export function quoteForOf(query: LocationQuery): number | undefined {
  return positive(query[QUOTE_FOR]);
}

/** The recommendation page's query for a picked quote. */
export function pickedQuoteQuery(picked: PickedQuote): Record<string, string> {
  return {
    quoteReport: String(picked.reportId),
    quoteLines: lineAnchor(picked.start, picked.end),
  };
}

/** The picked quote a recommendation page's query carries, if any. */
export function pickedQuoteOf(query: LocationQuery): PickedQuote | undefined {
  const reportId = positive(query.quoteReport);
  const lines =
    typeof query.quoteLines === 'string' ? parseLineAnchor(query.quoteLines) : undefined;
  return reportId && lines ? { reportId, ...lines } : undefined;
}

/** The text of lines `start`–`end` (from 1, as the source view numbers them), joined by spaces. */
export function quoteFromLines(text: string, start: number, end: number): string {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .slice(start - 1, end)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}
