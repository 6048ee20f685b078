export { parseReport, readReport } from './parse-report.js';
export type {
  ImportFormat,
  ImportProblem,
  ImportResult,
  ParsedRecommendation,
  ReadResult,
  RemovedText,
} from './parse-report.js';
export { normalizeForQuote } from './inline-markup.js';
export { findFollowUpStatements } from './follow-up-statements.js';
export type { FollowUpStatement } from './follow-up-statements.js';
