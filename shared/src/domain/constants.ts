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
