import type { RecommendationFilterQuery, RecommendationListQuery } from '../api/recommendations.js';
import {
  ASSESSMENT_BASES,
  CONFIDENCE_LEVELS,
  CURRENT_STATUSES,
  TOPIC_SLUGS,
} from './vocabulary.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  RECOMMENDATION_SORTS,
  SORT_ORDERS,
} from './constants.js';
import {
  COUNTRY_CODE_PATTERN,
  MAX_FILTER_YEAR,
  MAX_ID,
  MAX_LIST_VALUES,
  MAX_PAGE,
  MAX_SEARCH_LENGTH,
  MAX_SLUG_LENGTH,
  MIN_FILTER_YEAR,
  SLUG_PATTERN,
  hasNoControlCharacters,
  splitListValues,
} from './rules.js';

/**
 * A recommendation list's state as the web app holds it and writes it into its address: the
 * filters of `GET /api/v1/recommendations` under the API's own parameter names, so that a link
 * reproduces the view and reads like the API call behind it. The types are the server schema's.
 */

/** The filters (what the list, the exports and the statistics take). */
export type RecommendationFilters = RecommendationFilterQuery;
/** Filters, sort and page; every part optional (the API's defaults apply). */
export type RecommendationListState = Partial<RecommendationListQuery>;

/** The filter parameters, in the order an address writes them. */
export const RECOMMENDATION_FILTER_KEYS = [
  'q',
  'country',
  'election',
  'report',
  'assessedBy',
  'basis',
  'confidence',
  'topic',
  'status',
  'priority',
  'unaddressed',
  'yearFrom',
  'yearTo',
] as const satisfies readonly (keyof RecommendationFilters)[];

/** Every parameter of the list: the filters, then sort and paging. */
export const RECOMMENDATION_LIST_KEYS = [
  ...RECOMMENDATION_FILTER_KEYS,
  'sort',
  'order',
  'page',
  'pageSize',
] as const satisfies readonly (keyof RecommendationListQuery)[];

/** A query string as a router hands it over: one value, repeated values, or none. */
export type RawQuery = Record<string, string | null | undefined | readonly (string | null)[]>;

export interface ParsedRecommendationQuery {
  query: RecommendationListState;
  /** Parameters of the address that were not understood and are left out. */
  ignored: string[];
}

function oneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}

function isId(value: string): boolean {
  return /^\d{1,10}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_ID;
}

/**
 * Reads a list state from an address, by the rules the API applies to the same parameters. Where
 * the API would answer 400, the address is read leniently instead: a value that breaks a rule is
 * left out and its parameter named in `ignored`, so an old or hand-edited link still opens.
 */
export function parseRecommendationQuery(raw: RawQuery): ParsedRecommendationQuery {
  const query: RecommendationListState = {};
  const ignored: string[] = [];

  const valuesOf = (key: string): string[] => {
    const value = raw[key];
    const list = Array.isArray(value) ? value : value == null ? [] : [value as string];
    return splitListValues(list.map((item) => item ?? ''));
  };
  const list = <T extends string>(key: string, accept: (value: string) => value is T) => {
    const all = valuesOf(key);
    const good = all.filter(accept).slice(0, MAX_LIST_VALUES);
    if (good.length < all.length) ignored.push(key);
    return good.length > 0 ? good : undefined;
  };
  const single = (key: string) => valuesOf(key)[0];
  const year = (key: string) => {
    const value = single(key);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (Number.isInteger(number) && number >= MIN_FILTER_YEAR && number <= MAX_FILTER_YEAR) {
      return number;
    }
    ignored.push(key);
    return undefined;
  };
  const bool = (key: string) => {
    const value = single(key);
    if (value === undefined) return undefined;
    if (value === 'true' || value === 'false') return value === 'true';
    ignored.push(key);
    return undefined;
  };

  query.country = list('country', (v): v is string =>
    COUNTRY_CODE_PATTERN.test(v.toUpperCase()),
  )?.map((code) => code.toUpperCase());
  query.election = list('election', (v): v is string => isId(v))?.map(Number);
  query.report = list(
    'report',
    (v): v is string => v.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(v),
  );
  query.assessedBy = list(
    'assessedBy',
    (v): v is string => v.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(v),
  );
  query.basis = list('basis', (v) => oneOf(ASSESSMENT_BASES, v));
  query.confidence = list('confidence', (v) => oneOf(CONFIDENCE_LEVELS, v));
  query.topic = list('topic', (v) => oneOf(TOPIC_SLUGS, v));
  query.status = list('status', (v) => oneOf(CURRENT_STATUSES, v));
  query.yearFrom = year('yearFrom');
  query.yearTo = year('yearTo');
  if (query.yearFrom && query.yearTo && query.yearFrom > query.yearTo) {
    ignored.push('yearTo');
    query.yearTo = undefined;
  }
  query.priority = bool('priority');
  query.unaddressed = bool('unaddressed');
  const rawQ = raw.q;
  const q = (Array.isArray(rawQ) ? rawQ[0] : rawQ)?.trim().slice(0, MAX_SEARCH_LENGTH);
  if (q && hasNoControlCharacters(q)) query.q = q;
  else if (q) ignored.push('q');

  const sort = single('sort');
  if (sort !== undefined) {
    if (oneOf(RECOMMENDATION_SORTS, sort) && (sort !== 'relevance' || query.q)) query.sort = sort;
    else ignored.push('sort');
  }
  const order = single('order');
  if (order !== undefined) {
    if (oneOf(SORT_ORDERS, order)) query.order = order;
    else ignored.push('order');
  }
  const page = Number(single('page') ?? 1);
  if (Number.isInteger(page) && page >= 1 && page <= MAX_PAGE) {
    if (page > 1) query.page = page;
  } else ignored.push('page');
  const pageSize = Number(single('pageSize') ?? DEFAULT_PAGE_SIZE);
  if (Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE) {
    if (pageSize !== DEFAULT_PAGE_SIZE) query.pageSize = pageSize;
  } else ignored.push('pageSize');

  const known: readonly string[] = RECOMMENDATION_LIST_KEYS;
  for (const key of Object.keys(raw)) if (!known.includes(key)) ignored.push(key);
  return { query: withoutUndefined(query), ignored };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** The query string of a list state, as an address writes it: defaults left out, lists comma-separated. */
export function recommendationQueryString(query: RecommendationListState): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of RECOMMENDATION_LIST_KEYS) {
    const value: unknown = query[key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      continue;
    }
    if (key === 'page' && value === 1) continue;
    if (key === 'pageSize' && value === DEFAULT_PAGE_SIZE) continue;
    result[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return result;
}

/** Only the filters of a list state (no sort or paging). */
export function recommendationFiltersOf(query: RecommendationListState): RecommendationFilters {
  const filters: Record<string, unknown> = {};
  for (const key of RECOMMENDATION_FILTER_KEYS) {
    if (query[key] !== undefined) filters[key] = query[key];
  }
  return filters as RecommendationFilters;
}
