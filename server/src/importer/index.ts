export { parseReport } from './parse-report.js';
export type {
  ImportFormat,
  ImportProblem,
  ImportResult,
  ParsedRecommendation,
} from './parse-report.js';
export { normalizeForQuote } from './inline-markup.js';
