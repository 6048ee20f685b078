import type {
  AssessmentBatchInput,
  AssessmentRecord,
  FollowUpSuggestionList,
  ImportCreated,
  ImportParseResult,
  ImportRequest,
} from '@tracker/shared/domain';
import { API_V1, getJson, sendFile, sendJson } from './http.js';
import type { RequestOptions } from './http.js';

/**
 * The editor workspace's import routes as typed functions: read a report's text, save a reviewed
 * import in one request, and work through the report's follow-up suggestions.
 */

/** What the importer reads from a report's text; nothing is stored. */
export function parseReportText(
  text: string,
  options: RequestOptions = {},
): Promise<ImportParseResult> {
  return sendJson('POST', `${API_V1}/imports/parse`, { text }, options);
}

/**
 * What the importer reads from a PDF: the parse result with the extracted text (`source.text`,
 * which line numbers refer to and which is saved as the report's text) and what was left out of
 * recommendation texts (`removed`).
 */
export type PdfParseResult = ImportParseResult & {
  source?: { text: string };
  removed?: { line: number; recommendation: string; kind: string; text: string }[];
};

/** Reads a report's PDF on the server (the file is the request body); nothing is stored. */
export function parseReportPdf(file: Blob, options: RequestOptions = {}): Promise<PdfParseResult> {
  return sendFile(`${API_V1}/imports/parse-pdf`, file, 'application/pdf', options);
}

/** The report, its election (and country) if new, and its recommendations, in one transaction. */
export function saveImport(request: ImportRequest): Promise<ImportCreated> {
  return sendJson('POST', `${API_V1}/imports`, request);
}

export function fetchFollowUpSuggestions(
  reportId: number,
  options: RequestOptions = {},
): Promise<FollowUpSuggestionList> {
  return getJson(
    `${API_V1}/reports/${encodeURIComponent(reportId)}/follow-up-suggestions`,
    // The list changes with every assessment recorded or suggestion dismissed.
    { ...options, cache: 'no-store' },
  );
}

export function dismissFollowUpSuggestion(reportId: number, suggestionId: string): Promise<void> {
  return sendJson(
    'POST',
    `${API_V1}/reports/${encodeURIComponent(reportId)}/follow-up-suggestions/${encodeURIComponent(suggestionId)}/dismissal`,
  );
}

/** One sentence recorded against several recommendations: one assessment each, all or none. */
export function recordSentence(
  input: AssessmentBatchInput,
): Promise<{ items: AssessmentRecord[] }> {
  return sendJson('POST', `${API_V1}/assessments/batch`, input);
}
