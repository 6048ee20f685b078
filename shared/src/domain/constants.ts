/** Plain values of the API's list parameters: sorting and paging. */

export const RECOMMENDATION_SORTS = ['number', 'year', 'status', 'yearsOpen', 'relevance'] as const;
export type RecommendationSort = (typeof RECOMMENDATION_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The direction each sort takes when `order` is not given. */
export const DEFAULT_SORT_ORDERS: Record<RecommendationSort, SortOrder> = {
  number: 'asc',
  year: 'desc',
  status: 'asc',
  yearsOpen: 'desc',
  relevance: 'desc',
};

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/**
 * Where a recommendation search matched (`matchedIn` of a listed recommendation): its own text or
 * heading, the quote or note of an ODIHR assessment, or a third-party evidence passage or note.
 */
export const MATCH_PLACES = ['text', 'assessment_quote', 'assessment_note', 'evidence'] as const;
export type MatchPlace = (typeof MATCH_PLACES)[number];
