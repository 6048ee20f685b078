import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { CURRENT_STATUSES, TOPIC_SLUGS } from '@tracker/shared';
import type { CurrentStatus, RecommendationSort, SortOrder, TopicSlug } from '@tracker/shared';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  RECOMMENDATION_SORTS,
  SORT_ORDERS,
} from '@tracker/shared';
import type { RecommendationFilters, RecommendationListQuery } from '../api/public-api.js';

/**
 * The browse page's whole state lives in its URL, under the API's own parameter names, so that a
 * link reproduces the view and reads like the API call behind it. Lists are written comma-separated
 * (`status=not_implemented,not_assessed`); repeated parameters are read too.
 */

export const PAGE_SIZES = [10, 25, 50, 100] as const;

export interface ParsedListQuery {
  query: RecommendationListQuery;
  /** Parameters of the address that were not understood and are left out. */
  ignored: string[];
}

function values(raw: LocationQuery[string] | undefined): string[] {
  const list = Array.isArray(raw) ? raw : raw == null ? [] : [raw];
  return list
    .flatMap((item) => (item ?? '').split(','))
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function oneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}

export function parseListQuery(raw: LocationQuery): ParsedListQuery {
  const query: RecommendationListQuery = {};
  const ignored: string[] = [];

  const list = <T extends string>(key: string, accept: (value: string) => value is T) => {
    const all = values(raw[key]);
    const good = all.filter(accept);
    if (good.length < all.length) ignored.push(key);
    return good.length > 0 ? good : undefined;
  };
  const single = (key: string) => values(raw[key])[0];
  const year = (key: string) => {
    const value = single(key);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (Number.isInteger(number) && number >= 1900 && number <= 2100) return number;
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

  query.country = list('country', (v): v is string => /^[A-Za-z]{2}$/.test(v))?.map((code) =>
    code.toUpperCase(),
  );
  query.election = list('election', (v): v is string => /^[1-9]\d{0,9}$/.test(v))?.map(Number);
  query.report = list('report', (v): v is string => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v));
  query.topic = list('topic', (v): v is TopicSlug => oneOf(TOPIC_SLUGS, v));
  query.status = list('status', (v): v is CurrentStatus => oneOf(CURRENT_STATUSES, v));
  query.yearFrom = year('yearFrom');
  query.yearTo = year('yearTo');
  if (query.yearFrom && query.yearTo && query.yearFrom > query.yearTo) {
    ignored.push('yearTo');
    query.yearTo = undefined;
  }
  query.priority = bool('priority');
  query.unaddressed = bool('unaddressed');
  const q = single('q') === undefined ? undefined : String(raw.q ?? '').trim();
  query.q = q ? q.slice(0, 200) : undefined;

  const sort = single('sort');
  if (sort !== undefined) {
    if (oneOf(RECOMMENDATION_SORTS, sort) && (sort !== 'relevance' || query.q)) {
      query.sort = sort as RecommendationSort;
    } else ignored.push('sort');
  }
  const order = single('order');
  if (order !== undefined) {
    if (oneOf(SORT_ORDERS, order)) query.order = order as SortOrder;
    else ignored.push('order');
  }
  const page = Number(single('page') ?? 1);
  if (Number.isInteger(page) && page >= 1 && page <= 1_000_000) {
    if (page > 1) query.page = page;
  } else ignored.push('page');
  const pageSize = Number(single('pageSize') ?? DEFAULT_PAGE_SIZE);
  if (Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE) {
    if (pageSize !== DEFAULT_PAGE_SIZE) query.pageSize = pageSize;
  } else ignored.push('pageSize');

  for (const key of Object.keys(raw)) if (!KNOWN.has(key)) ignored.push(key);
  return { query: withoutUndefined(query), ignored };
}

const KNOWN = new Set([
  'country',
  'election',
  'report',
  'yearFrom',
  'yearTo',
  'priority',
  'topic',
  'status',
  'unaddressed',
  'q',
  'sort',
  'order',
  'page',
  'pageSize',
]);

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** The route query for a list state: defaults left out, lists comma-separated. */
export function toRouteQuery(query: RecommendationListQuery): LocationQueryRaw {
  const result: LocationQueryRaw = {};
  const put = (key: string, value: unknown) => {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return;
    result[key] = Array.isArray(value) ? value.join(',') : String(value);
  };
  put('q', query.q);
  put('country', query.country);
  put('election', query.election);
  put('report', query.report);
  put('topic', query.topic);
  put('status', query.status);
  put('priority', query.priority);
  put('unaddressed', query.unaddressed);
  put('yearFrom', query.yearFrom);
  put('yearTo', query.yearTo);
  put('sort', query.sort);
  put('order', query.order);
  if (query.page && query.page > 1) put('page', query.page);
  if (query.pageSize && query.pageSize !== DEFAULT_PAGE_SIZE) put('pageSize', query.pageSize);
  return result;
}

/** Only the filters (what the exports and the statistics take). */
export function filtersOf(query: RecommendationListQuery): RecommendationFilters {
  const { sort: _sort, order: _order, page: _page, pageSize: _pageSize, ...filters } = query;
  return filters;
}
