import type {
  AssessmentInput,
  AssessmentPatch,
  AssessmentRecord,
  ChangeRevertResult,
  ElectionInput,
  ElectionPatch,
  ElectionRecord,
  LineagePreview,
  LineageSuggestionList,
  LinkInput,
  LinkPatch,
  LinkRecord,
  Proposal,
  ProposalPage,
  ProposalState,
  RecommendationInput,
  RecommendationPatch,
  RecommendationRecord,
  ReportInput,
  ReportPatch,
  ReportRecord,
  Session,
} from '@tracker/shared/domain';
import { API_V1, getJson, sendJson, sendJsonWithStatus, withQuery } from './http.js';
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

/** The editable collections: what a create sends, what an update sends, the record answered. */
export interface EditableCollections {
  elections: { input: ElectionInput; patch: ElectionPatch; record: ElectionRecord };
  reports: { input: ReportInput; patch: ReportPatch; record: ReportRecord };
  recommendations: {
    input: RecommendationInput;
    patch: RecommendationPatch;
    record: RecommendationRecord;
  };
  assessments: { input: AssessmentInput; patch: AssessmentPatch; record: AssessmentRecord };
  'recommendation-links': { input: LinkInput; patch: LinkPatch; record: LinkRecord };
}
export type Collection = keyof EditableCollections;

/** An update: the fields that change, the version it is based on and why. */
export type Patch<C extends Collection> = EditableCollections[C]['patch'] & { version: number };

export function createRecord<C extends Collection>(
  collection: C,
  input: EditableCollections[C]['input'],
): Promise<EditableCollections[C]['record']> {
  return sendJson('POST', `${API_V1}/${collection}`, input);
}

/**
 * The collections whose editors' writes a deployment may keep for review (REVIEW_REQUIRED): a
 * write answers the record, or (202) the proposal it became, which nobody sees until approved.
 */
type ReviewedCollection = 'assessments' | 'recommendation-links' | 'recommendations';
export type Saved<C extends Collection> =
  | { proposal: Proposal; record?: undefined }
  | { proposal?: undefined; record: EditableCollections[C]['record'] };

async function saved<C extends Collection>(
  answer: Promise<{ status: number; body: unknown }>,
): Promise<Saved<C>> {
  const { status, body } = await answer;
  return status === 202
    ? { proposal: body as Proposal }
    : { record: body as EditableCollections[C]['record'] };
}

/** A new record of a reviewed collection, or the proposal it became. */
export function saveNew<C extends ReviewedCollection>(
  collection: C,
  input: EditableCollections[C]['input'],
): Promise<Saved<C>> {
  return saved(sendJsonWithStatus('POST', `${API_V1}/${collection}`, input));
}

/** An update of a reviewed collection, or the proposal it became. */
export function saveChanges<C extends ReviewedCollection>(
  collection: C,
  id: number,
  patch: Patch<C>,
): Promise<Saved<C>> {
  return saved(
    sendJsonWithStatus('PATCH', `${API_V1}/${collection}/${encodeURIComponent(id)}`, patch),
  );
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
  q?: string,
): Promise<LineageSuggestionList> {
  return getJson(
    withQuery(
      `${API_V1}/recommendations/${encodeURIComponent(recommendationId)}/lineage-suggestions`,
      { q: q || undefined },
    ),
    { ...options, cache: 'no-store' },
  );
}

/** What a link from `earlierId` would change in public, computed without writing. */
export function fetchLineagePreview(
  recommendationId: number,
  earlierId: number,
  options: RequestOptions = {},
): Promise<LineagePreview> {
  return getJson(
    withQuery(`${API_V1}/recommendations/${encodeURIComponent(recommendationId)}/lineage-preview`, {
      earlierId,
    }),
    { ...options, cache: 'no-store' },
  );
}

/** Reverts a change from the history (editors; reverting a creation deletes: admins). */
export function revertChange(id: number, reason?: string): Promise<ChangeRevertResult> {
  return sendJson('POST', `${API_V1}/changes/${encodeURIComponent(id)}/revert`, { reason });
}

// Review before publishing

/** Proposals, oldest first (editors and admins); `reviewRequired` says whether review is on. */
export function fetchProposals(
  state: ProposalState | undefined,
  options: RequestOptions = {},
): Promise<ProposalPage> {
  return getJson(withQuery(`${API_V1}/proposals`, { state, pageSize: 100 }), {
    ...options,
    cache: 'no-store',
  });
}

/** Publishes another editor's proposal; a 409 carries the record as it now is. */
export function approveProposal(id: number): Promise<Proposal> {
  return sendJson('POST', `${API_V1}/proposals/${encodeURIComponent(id)}/approve`, {});
}

export function rejectProposal(id: number, reason: string): Promise<Proposal> {
  return sendJson('POST', `${API_V1}/proposals/${encodeURIComponent(id)}/reject`, { reason });
}
