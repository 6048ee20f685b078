import type {
  ChangePage,
  ElectionAlarmList,
  CountryDetail,
  DataReleaseList,
  ElectionPage,
  CountryList,
  CountrySummary,
  Region,
  Health,
  RecommendationDetail,
  RecommendationPage,
  ReportDetail,
  ReportListQuery,
  ReportPage,
  ReportSource,
  Statistics,
  StatusMatrix,
  TopicList,
  TopicListQuery,
  StatisticsQuery,
  StatusMatrixQuery,
  ChangeListQuery,
  RecommendationFilters,
  RecommendationListState,
} from '@tracker/shared/domain';
import { recommendationFiltersOf } from '@tracker/shared/domain';
import { API_V1, getJson, withQuery } from './http.js';
import type { RequestOptions } from './http.js';

/**
 * The public API (`/api/v1`) as typed functions. Responses are typed with the shared schemas'
 * types; they are not validated again here (the server validates what it sends, and zod would
 * triple the size of the web app).
 */

export function fetchHealth(options: RequestOptions = {}): Promise<Health> {
  return getJson('/api/health', options);
}

export function fetchRecommendations(
  query: RecommendationListState,
  options: RequestOptions = {},
): Promise<RecommendationPage> {
  const { sort, order, page, pageSize } = query;
  return getJson(
    withQuery(`${API_V1}/recommendations`, {
      ...recommendationFiltersOf(query),
      sort,
      order,
      page,
      pageSize,
    }),
    options,
  );
}

export function fetchRecommendation(
  id: number,
  options: RequestOptions = {},
): Promise<RecommendationDetail> {
  return getJson(`${API_V1}/recommendations/${encodeURIComponent(id)}`, options);
}

/** The address of a download of every recommendation matching the filters (no sort or paging). */
/** The export of the filtered list, in the list's sort (`sort`/`order` as the list takes them). */
export function exportUrl(
  format: 'csv' | 'json' | 'xlsx',
  filters: RecommendationFilters,
  sort: { sort?: string | undefined; order?: string | undefined } = {},
): string {
  return withQuery(`${API_V1}/recommendations/export.${format}`, {
    ...recommendationFiltersOf(filters),
    ...(sort.sort ? { sort: sort.sort } : {}),
    ...(sort.order ? { order: sort.order } : {}),
  });
}

/** The Atom feed of changes: of the site, or of one country, topic or recommendation. */
export function feedUrl(
  scope: { country?: string; topic?: string; recommendation?: number } = {},
): string {
  return withQuery(`${API_V1}/changes.atom`, scope);
}

export function fetchReports(
  query: Partial<ReportListQuery> = {},
  options: RequestOptions = {},
): Promise<ReportPage> {
  return getJson(withQuery(`${API_V1}/reports`, query), options);
}

/** A report by its slug (`kz-2019-final`) or id. */
export function fetchReport(key: string, options: RequestOptions = {}): Promise<ReportDetail> {
  return getJson(`${API_V1}/reports/${encodeURIComponent(key)}`, options);
}

/** Elections of one country, newest first (the first 100: a country has had fewer). */
export function fetchElectionsOf(
  country: string,
  options: RequestOptions = {},
): Promise<ElectionPage> {
  return getJson(withQuery(`${API_V1}/elections`, { country, pageSize: 100 }), options);
}

export function fetchCountries(options: RequestOptions = {}): Promise<CountryList> {
  return getJson(`${API_V1}/countries`, options);
}

/** The election-calendar alarm: upcoming elections, in one country or the whole region. */
export function fetchElectionAlarms(
  country: string | undefined,
  options: RequestOptions = {},
): Promise<ElectionAlarmList> {
  return getJson(withQuery(`${API_V1}/election-alarms`, { country }), options);
}

export function fetchTopics(
  query: Partial<TopicListQuery> = {},
  options: RequestOptions = {},
): Promise<TopicList> {
  return getJson(withQuery(`${API_V1}/topics`, query), options);
}

export function fetchStatistics(
  query: Partial<StatisticsQuery> = {},
  options: RequestOptions = {},
): Promise<Statistics> {
  return getJson(withQuery(`${API_V1}/statistics`, query), options);
}

/** Every country with data and what remains unaddressed in it (ODIHR's recommendations only). */
export function fetchRegion(options: RequestOptions = {}): Promise<Region> {
  return getJson(`${API_V1}/region`, options);
}

export function fetchCountry(code: string, options: RequestOptions = {}): Promise<CountryDetail> {
  return getJson(`${API_V1}/countries/${encodeURIComponent(code)}`, options);
}

/** A country's figures by topic and by assessing report, and its civil-society recommendations. */
export function fetchCountrySummary(
  code: string,
  options: RequestOptions = {},
): Promise<CountrySummary> {
  return getJson(`${API_V1}/countries/${encodeURIComponent(code)}/summary`, options);
}

export function fetchStatusMatrix(
  query: StatusMatrixQuery,
  options: RequestOptions = {},
): Promise<StatusMatrix> {
  return getJson(withQuery(`${API_V1}/statistics/matrix`, query), options);
}

export function fetchChanges(
  query: Partial<ChangeListQuery> = {},
  options: RequestOptions = {},
): Promise<ChangePage> {
  return getJson(withQuery(`${API_V1}/changes`, query), options);
}

export function fetchReleases(options: RequestOptions = {}): Promise<DataReleaseList> {
  return getJson(`${API_V1}/releases`, options);
}

/** A report's stored text, which line numbers of its recommendations and quotes refer to. */
export function fetchReportSource(
  slug: string,
  options: RequestOptions = {},
): Promise<ReportSource> {
  return getJson(`${API_V1}/reports/${encodeURIComponent(slug)}/source`, options);
}
