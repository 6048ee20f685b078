import type {
  AssessmentInput,
  AssessmentRecord,
  ElectionInput,
  LineageSuggestionList,
  LinkInput,
  RecommendationInput,
  RecommendationRecord,
  ReportInput,
  Session,
} from '@tracker/shared';
import { API_V1, getJson, sendJson } from './http.js';
import type { RequestOptions } from './http.js';

/**
 * The signed-in part of the API as typed functions: sign-in and the session, and the editing
 * routes. Writes go through sendJson, which adds the session's CSRF token; a 409 edit conflict
 * throws an ApiError whose problem carries the record as it now is (`current`).
 */

// Sign-in and the session

export function signIn(email: string, password: string): Promise<Session> {
  return sendJson('POST', `${API_V1}/auth/sign-in`, { email, password });
}

export function signOut(): Promise<void> {
  return sendJson('POST', `${API_V1}/auth/sign-out`);
}

/** The current session; throws ApiError 401 when not signed in. */
export function fetchSession(options: RequestOptions = {}): Promise<Session> {
  return getJson(`${API_V1}/auth/session`, options);
}

// Editing: every collection has the same create / update / delete routes

/** The editable collections and the records they answer with. */
export interface EditableCollections {
  elections: { input: ElectionInput; record: EditableRecord<ElectionInput> };
  reports: { input: ReportInput; record: EditableRecord<ReportInput> };
  recommendations: { input: RecommendationInput; record: RecommendationRecord };
  assessments: { input: AssessmentInput; record: AssessmentRecord };
  'recommendation-links': { input: LinkInput; record: LinkRecord };
}
export type Collection = keyof EditableCollections;

/** What every stored record carries besides its fields. */
export interface RecordMeta {
  id: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}
type EditableRecord<Input> = RecordMeta & Omit<Input, 'reason'>;
export type LinkRecord = EditableRecord<LinkInput> & { createdBy: number | null };

/** An update: the fields that change, the version it is based on and why. */
export type Patch<C extends Collection> = Partial<
  Omit<EditableCollections[C]['input'], 'reason'>
> & {
  version: number;
  reason?: string;
};

export function createRecord<C extends Collection>(
  collection: C,
  input: EditableCollections[C]['input'],
): Promise<EditableCollections[C]['record']> {
  return sendJson('POST', `${API_V1}/${collection}`, input);
}

export function updateRecord<C extends Collection>(
  collection: C,
  id: number,
  patch: Patch<C>,
): Promise<EditableCollections[C]['record']> {
  return sendJson('PATCH', `${API_V1}/${collection}/${encodeURIComponent(id)}`, patch);
}

/** Admins only. */
export function deleteRecord(
  collection: Collection,
  id: number,
  query: { version?: number; reason?: string } = {},
): Promise<void> {
  const params = new URLSearchParams();
  if (query.version !== undefined) params.set('version', String(query.version));
  if (query.reason) params.set('reason', query.reason);
  const search = params.toString();
  return sendJson(
    'DELETE',
    `${API_V1}/${collection}/${encodeURIComponent(id)}${search ? `?${search}` : ''}`,
  );
}

/** The record as stored, with its version (editors only): what an edit form starts from. */
export function fetchRecord<C extends Collection>(
  collection: C,
  id: number,
  options: RequestOptions = {},
): Promise<EditableCollections[C]['record']> {
  return getJson(`${API_V1}/${collection}/${encodeURIComponent(id)}/record`, options);
}

// Lineage

/** Earlier recommendations of the same country whose text resembles this one's, most similar first. */
export function fetchLineageSuggestions(
  recommendationId: number,
  options: RequestOptions = {},
): Promise<LineageSuggestionList> {
  return getJson(
    `${API_V1}/recommendations/${encodeURIComponent(recommendationId)}/lineage-suggestions`,
    options,
  );
}
