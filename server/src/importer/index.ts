export { parseReport } from './parse-report.js';
export type { ImportResult, ParsedRecommendation } from './parse-report.js';
export { normalizeForQuote } from './inline-markup.js';
export { findFollowUpStatements } from './follow-up-statements.js';
export type { FollowUpStatement } from './follow-up-statements.js';
export { quoteOccursIn } from './quote-in-source.js';
