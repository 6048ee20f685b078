export { parseReport, readReport } from './parse-report.js';
export type {
  ImportResult,
  ParsedRecommendation,
  ReadResult,
  RemovedText,
} from './parse-report.js';
export { normalizeForQuote } from './inline-markup.js';
export { findFollowUpStatements } from './follow-up-statements.js';
export type { FollowUpStatement } from './follow-up-statements.js';
export { parseInWorker, ParseTimeoutError, PARSE_TIME_LIMIT_MS } from './parse-in-worker.js';
export type { ParseJob, ParseOutcome, PdfOutcome } from './parse-in-worker.js';
export { extractPdfText, isPdf, PdfReadError, MAX_PDF_PAGES } from './pdf-text.js';
export type { PdfText, PdfProblem, PdfPageLines } from './pdf-text.js';
export { quoteOccursIn } from './quote-in-source.js';
