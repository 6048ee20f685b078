import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import {
  ASSESSMENT_BASES,
  CONFIDENCE_LEVELS,
  CURRENT_STATUSES,
  UNADDRESSED_STATUSES,
} from '@tracker/shared';
import type {
  AssessmentBasis,
  ConfidenceLevel,
  CurrentStatus,
  ReportKey,
  TopicSlug,
} from '@tracker/shared';

/**
 * SQL shared by the repositories. Queries are written by hand (CTEs, text search)
 * with fixed table aliases: `r` a recommendation, `rp` the report that issued it, `e` its
 * election, `c` its country, `t` its topic. Every value a user gives is a bound parameter; only
 * aliases, directions and words of the fixed vocabularies (see `vocabularyLiterals`) are spliced
 * in raw.
 *
 * Rows are shaped in SQL as the API's JSON (json_build_object), so a page is one round trip, and
 * dates leave the database as ISO text (`::text`), whatever the driver's own date parsing.
 */

function alias(name: string): SQL {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`not an alias: ${name}`);
  return sql.raw(name);
}

/** `ReportRef` of the reports row `a`. */
export function reportRefJson(a: string): SQL {
  const x = alias(a);
  return sql`json_build_object('id', ${x}.id, 'slug', ${x}.slug, 'title', ${x}.title, 'kind', ${x}.kind, 'thirdParty', ${x}.kind = 'third_party', 'publisher', ${x}.publisher, 'publishedOn', ${x}.published_on::text, 'publishedOnPrecision', ${x}.published_on_precision, 'sourceUrl', ${x}.source_url)`;
}

/** `CountryRef` of the countries row `a`. */
export function countryRefJson(a: string): SQL {
  const x = alias(a);
  return sql`json_build_object('code', ${x}.code, 'name', ${x}.name)`;
}

/** `ElectionRef` of the elections row `a`. */
export function electionRefJson(a: string): SQL {
  const x = alias(a);
  return sql`json_build_object('id', ${x}.id, 'kind', ${x}.kind, 'heldOn', ${x}.held_on::text, 'heldOnPrecision', ${x}.held_on_precision, 'early', ${x}.early)`;
}

/** `TopicRef` of the (left-joined) topics row `a`, or null. */
export function topicRefJson(a: string): SQL {
  const x = alias(a);
  return sql`case when ${x}.id is null then null else json_build_object('slug', ${x}.slug, 'name', ${x}.name) end`;
}

/** `SourceLines` of a row with source_line_start/end, or null. */
export function sourceLinesJson(a: string): SQL {
  const x = alias(a);
  return sql`case when ${x}.source_line_start is null then null else json_build_object('start', ${x}.source_line_start, 'end', ${x}.source_line_end) end`;
}

/** `RecommendationRef` of recommendation `r`, its issuing report `rp` and left-joined topic `t`. */
export function recommendationRefJson(r: string, rp: string, t: string): SQL {
  const x = alias(r);
  return sql`json_build_object('id', ${x}.id, 'number', ${x}.number, 'priority', ${x}.priority, 'topic', ${topicRefJson(t)}, 'text', ${x}.text, 'textEntered', ${x}.text is not null, 'currentStatus', ${x}.current_status, 'report', ${reportRefJson(rp)})`;
}

/**
 * Recommendation `r` is ODIHR's: not issued by a third-party (civil-society) report. ODIHR's
 * unaddressed and status figures count only these.
 */
export const odihrIssued = sql`r.report_id not in (select xo.id from reports xo where xo.kind = 'third_party')`;

/** A timestamp as the API writes it: ISO 8601 in UTC with milliseconds (`2026-12-01T10:00:00.000Z`). */
export function isoUtc(column: SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** `AND`s conditions; `true` when there are none. */
export function whereAll(conditions: SQL[]): SQL {
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

/** Report keys split into ids and slugs: an all-digit key is an id. */
function splitReportKeys(keys: readonly ReportKey[]): { ids: number[]; slugs: string[] } {
  const ids: number[] = [];
  const slugs: string[] = [];
  for (const key of keys) {
    const id = /^\d{1,10}$/.test(key) ? Number(key) : NaN;
    if (Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647) ids.push(id);
    else slugs.push(key);
  }
  return { ids, slugs };
}

/** Ids of the reports named by keys (ids or slugs), as a subquery. */
export function reportIdsByKeys(keys: readonly ReportKey[]): SQL {
  const { ids, slugs } = splitReportKeys(keys);
  const matches = [
    ...(ids.length > 0 ? [sql`x.id in ${ids}`] : []),
    ...(slugs.length > 0 ? [sql`x.slug in ${slugs}`] : []),
  ];
  return sql`(select x.id from reports x where ${sql.join(matches, sql` or `)})`;
}

/**
 * Words of a fixed vocabulary (statuses, bases, confidence levels) as SQL literals `('a', 'b')`,
 * checked against it. They are written into the statement's text rather than bound: their
 * frequencies differ a hundredfold (a rare status against `not_assessed`), so the planner must
 * see them, and a statement prepared for one set of them (raw-query.ts: `shapedStatement`) must
 * not serve another with a plan made for different numbers.
 */
function vocabularyLiterals<Word extends string>(
  words: readonly Word[],
  vocabulary: readonly Word[],
): SQL {
  for (const word of words) {
    if (!vocabulary.includes(word)) throw new Error(`not in the vocabulary: ${word}`);
  }
  return sql.raw(`(${words.map((word) => `'${word}'`).join(', ')})`);
}

/** The unaddressed statuses, as `vocabularyLiterals`. */
const UNADDRESSED_LITERALS = vocabularyLiterals(UNADDRESSED_STATUSES, CURRENT_STATUSES);

/** Ids of the elections in the countries with these ISO codes, as a subquery. */
export function electionIdsByCountries(codes: readonly string[]): SQL {
  return sql`(select xe.id from elections xe join countries xc on xc.id = xe.country_id where xc.code in ${codes})`;
}

/** The text-search query of a user's search string (web-search syntax, English stemming). */
export function textQuery(q: string): SQL {
  return sql`websearch_to_tsquery('english', ${q})`;
}

export interface RecommendationFilter {
  country?: string[] | undefined;
  election?: number[] | undefined;
  report?: ReportKey[] | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  priority?: boolean | undefined;
  topic?: TopicSlug[] | undefined;
  status?: CurrentStatus[] | undefined;
  unaddressed?: boolean | undefined;
  assessedBy?: ReportKey[] | undefined;
  basis?: AssessmentBasis[] | undefined;
  confidence?: ConfidenceLevel[] | undefined;
  q?: string | undefined;
}

/** How many countries a filter may name and still be searched country by country. */
const FEW_COUNTRIES = 5;

/**
 * The recommendations a search finds: by their own text and heading, or by the quote or note of
 * one of their assessments (third-party evidence included). Two forms:
 * - In general, every match is gathered from the GIN indexes (`searchMatches`, the relation
 *   `filteredRecommendations` reads).
 * - Where the filter keeps to a few countries, to elections or to reports (this function), whose
 *   rows an index gives, those rows are checked one by one instead (`recommendationConditions`).
 *   Gathering every match in the OSCE region to keep one country's took 90-200 ms at 100,000
 *   recommendations for a common word, the country's rows 30 ms. Without such a filter the check
 *   would read every recommendation.
 */
function searchesFewRows(filter: RecommendationFilter): boolean {
  return (
    (filter.country !== undefined && filter.country.length <= FEW_COUNTRIES) ||
    filter.election !== undefined ||
    filter.report !== undefined
  );
}

/**
 * How a search asks evidence_vector (each assessment's words at a position of its own, kept by
 * triggers: db/sql/derived-columns.sql) whether one of a recommendation's assessments matches:
 * `inOneAssessment` is the query with every AND made "at the same position" (`<0>`), so its words,
 * and the absence of a negated one, must be found in one assessment, as they must in its own
 * search_vector. `usable` says whether that answers the query: it has a word to look up (not
 * `-word` alone) and no phrase, whose positions within an assessment evidence_vector lacks. Both
 * are computed from the query's text, so the planner knows them and keeps only the form they call
 * for. The AND is rewritten in the query's text: the English configuration's words hold no space,
 * so " & " is always the operator.
 */
function evidenceQuery(query: SQL): { inOneAssessment: SQL; usable: SQL } {
  return {
    inOneAssessment: sql`replace(${query}::text, ' & ', ' <0> ')::tsquery`,
    usable: sql`(querytree(${query}) not in ('T', '') and ${query}::text !~ '<')`,
  };
}

/**
 * The search `q` matches recommendation `x`: its own text, or one of its assessments (third-party
 * evidence included). Where evidence_vector answers the query (`evidenceQuery`), the row itself
 * decides; the assessments are read only for a query it cannot answer, and for the
 * recommendations with more assessments than it holds (evidence_vector null). Those are found in
 * one of two ways, the caller's `form`:
 * - `gathered` (`searchMatches`, which gathers every match from the indexes): once, through their
 *   partial index, as an array of ids `x.id` is compared with. Every part of the condition is then
 *   one an index answers, so the scan of the matches checks each row once, where a look-up per
 *   row made the planner check each row a second time (5 of the 33 ms "polling station" took to
 *   gather its matches at 100,000 recommendations).
 * - `rowByRow` (`recommendationConditions`, which checks the rows of a few countries, elections
 *   or reports): looked up for the row, with a limit, never turned into a hash of every matching
 *   assessment. A condition no index answers whole also keeps the planner on those rows: with
 *   every part indexed it gathered the matches of the whole region first.
 */
function matchesSearch(x: string, q: string, form: 'gathered' | 'rowByRow'): SQL {
  const query = textQuery(q);
  const { inOneAssessment, usable } = evidenceQuery(query);
  const matchingAssessment = (id: SQL) => sql`from assessments xa
    where xa.recommendation_id = ${id} and xa.search_vector @@ ${query}`;
  const itsAssessment = matchingAssessment(sql`${alias(x)}.id`);
  const unstoredMatch =
    form === 'gathered'
      ? sql`${alias(x)}.id = any(array(select xu.id from recommendation_search xu
          where xu.evidence_vector is null and exists (select 1 ${matchingAssessment(sql`xu.id`)})))`
      : sql`(${alias(x)}.evidence_vector is null
          and coalesce((select true ${itsAssessment} limit 1), false))`;
  return sql`(${alias(x)}.search_vector @@ ${query} or case when ${usable}
    then ${alias(x)}.evidence_vector @@ ${inOneAssessment} or ${unstoredMatch}
    else exists (select 1 ${itsAssessment}) end)`;
}

/**
 * Every recommendation the search `q` finds, as rows of the search's copy (recommendation_search:
 * the columns that matching, the filters and the sort keys read, 1.2 kB a row against a
 * recommendation's 1.7; db/src/schema/recommendation-search.ts): those whose own text matches
 * (recommendation_search_words_idx) and those one of whose assessments matches. Two forms, chosen
 * by the query itself (`evidenceQuery`; the planner keeps only one):
 * - In general, one scan of the copy: the rows whose own words or whose assessments' words
 *   (recommendation_search_evidence_idx) contain the query's words, and those whose assessments
 *   evidence_vector does not hold (recommendation_search_evidence_unstored_idx, normally none),
 *   the indexes' bitmaps or-ed, then `matchesSearch`. Over the bench's 40 terms at 100,000
 *   recommendations, this took 42% less time than the second form (65% for the five broadest),
 *   the answers the same; asking evidence_vector whether the words are in one assessment, rather
 *   than reading the assessments that have them, took a further third less on those terms
 *   (two-word terms: half).
 * - A phrase, or a query with no word to look up (`-word` alone): the rows whose own text
 *   matches, then those whose text does not but one of whose assessments does
 *   (assessments_search_idx), by id. The halves never overlap.
 */
function searchMatches(q: string): SQL {
  const query = textQuery(q);
  const { usable } = evidenceQuery(query);
  return sql`(select xr.* from recommendation_search xr
    where ${usable} and ${matchesSearch('xr', q, 'gathered')}
    union all
    select xr.* from recommendation_search xr where not ${usable} and xr.search_vector @@ ${query}
    union all
    select xr.* from recommendation_search xr
    where not ${usable}
      and xr.id in (select xa.recommendation_id from assessments xa where xa.search_vector @@ ${query})
      and not xr.search_vector @@ ${query})`;
}

/**
 * `column` equal to the id that `ids` (a subquery) finds for a single key, or among the ids it
 * finds for several. With one key the id is a value the planner knows the column equals, so an
 * index leading with the column and continuing in printed order
 * (recommendations_country_printed_order_idx...) gives the list's rows already in order: a page
 * reads its own rows, however many match. Country codes and topic slugs are unique, so one key
 * finds at most one id.
 */
function idsMatch(column: SQL, ids: SQL, keys: readonly unknown[]): SQL {
  return keys.length === 1 ? sql`${column} = ${ids}` : sql`${column} in ${ids}`;
}

/**
 * The conditions of a recommendation filter over `r` and its report `rp`. Each is written so an
 * index can serve it: country and topic compare the ids stored on the recommendation, election
 * and report resolve to a few report ids first (then recommendations_report_position_idx), status
 * and priority compare indexed columns, the assessment filters read assessments (assessedBy by its
 * index on the report), and the search uses the GIN indexes on the recommendations' and the
 * assessments' search_vector, or checks the rows of a few countries (`searchesFewRows`).
 */
export function recommendationConditions(filter: RecommendationFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.country) {
    const ids = sql`(select xc.id from countries xc where xc.code in ${filter.country})`;
    conditions.push(idsMatch(sql`r.country_id`, ids, filter.country));
  }
  if (filter.election) conditions.push(sql`rp.election_id in ${filter.election}`);
  if (filter.report) conditions.push(sql`r.report_id in ${reportIdsByKeys(filter.report)}`);
  if (filter.yearFrom !== undefined) {
    conditions.push(sql`r.report_published_on >= make_date(${filter.yearFrom}::int, 1, 1)`);
  }
  if (filter.yearTo !== undefined) {
    conditions.push(sql`r.report_published_on < make_date(${filter.yearTo}::int + 1, 1, 1)`);
  }
  // Booleans too are written as words: `priority` picks one recommendation in seven.
  if (filter.priority !== undefined) {
    conditions.push(filter.priority ? sql`r.priority` : sql`not r.priority`);
  }
  if (filter.topic) {
    const ids = sql`(select xt.id from topics xt where xt.slug in ${filter.topic})`;
    conditions.push(idsMatch(sql`r.topic_id`, ids, filter.topic));
  }
  if (filter.status) {
    conditions.push(
      sql`r.current_status in ${vocabularyLiterals(filter.status, CURRENT_STATUSES)}`,
    );
  }
  if (filter.unaddressed !== undefined) {
    // Only ODIHR's recommendations are ODIHR's unaddressed ones; civil-society ones never count.
    conditions.push(
      filter.unaddressed
        ? sql`r.current_status in ${UNADDRESSED_LITERALS} and ${odihrIssued}`
        : sql`r.current_status not in ${UNADDRESSED_LITERALS}`,
    );
  }
  const assessment: SQL[] = [];
  if (filter.assessedBy) {
    assessment.push(sql`xa.assessing_report_id in ${reportIdsByKeys(filter.assessedBy)}`);
  }
  if (filter.basis) {
    assessment.push(sql`xa.basis in ${vocabularyLiterals(filter.basis, ASSESSMENT_BASES)}`);
  }
  if (filter.confidence) {
    assessment.push(
      sql`xa.confidence in ${vocabularyLiterals(filter.confidence, CONFIDENCE_LEVELS)}`,
    );
  }
  if (assessment.length > 0) {
    // One and the same assessment meets every assessment filter.
    conditions.push(
      sql`r.id in (select xa.recommendation_id from assessments xa where ${whereAll(assessment)})`,
    );
  }
  if (filter.q !== undefined) {
    // Checked row by row; `filteredRecommendations` gathers the matches where that is cheaper.
    conditions.push(matchesSearch('r', filter.q, 'rowByRow'));
  }
  return conditions;
}

/** The join to the issuing report, when the filter's conditions need it (`rp`). */
function issuingReportJoin(filter: RecommendationFilter): SQL {
  return filter.election !== undefined ? sql`join reports rp on rp.id = r.report_id` : sql``;
}

/**
 * `from ... where ...` of the recommendations (`r`) that `filter` picks and that meet the
 * conditions `extra` too. A search that gathers its matches reads them as the relation `r`
 * itself (`searchMatches`), the other conditions applied within each half: `r` then has only the
 * search copy's columns, enough for every condition, sort key and count (a column missing from
 * it fails the search tests, on every engine).
 */
export function filteredRecommendations(filter: RecommendationFilter, extra: SQL[] = []): SQL {
  const gathered = filter.q !== undefined && !searchesFewRows(filter) ? filter.q : undefined;
  const from = gathered !== undefined ? sql`${searchMatches(gathered)} r` : sql`recommendations r`;
  const conditions = recommendationConditions(
    gathered !== undefined ? { ...filter, q: undefined } : filter,
  );
  return sql`from ${from} ${issuingReportJoin(filter)}
    where ${whereAll([...conditions, ...extra])}`;
}

/**
 * Whether, for the query, every recommendation its own words match ranks above every one found
 * only through its assessments, whatever the texts: then a first page in descending relevance is
 * found among the own-text matches alone (`bestMatchesFirst`). True for one word, for words joined
 * only by OR, and for two words joined by AND, as PostgreSQL's ts_rank computes (tsrank.c): a
 * recommendation found only through its assessments holds no word of the first two in its own
 * text, rank 0, and at most one of the AND's two, rank 1e-20 (the AND's pairs of positions are
 * none); its own-text matches rank above 0, and above 1e-16 for the AND (a pair of the two words,
 * at least 0.1 x 0.1 x 1e-30 under the square root). False for anything else (NOT, a phrase,
 * three words, weights or prefixes), whose searches keep the general form. Computed from the
 * query's text, as `evidenceQuery`'s `usable`, so the planner keeps only one form.
 * tests/server/repositories/search-ranking.test.ts compares the two forms' pages.
 */
function ownTextRanksFirst(query: SQL): SQL {
  return sql`(numnode(${query}) = 1 or (numnode(${query}) > 1 and ${query}::text !~ '[&!<:]')
    or (numnode(${query}) = 3 and ${query}::text ~ '^''[^'']+'' & ''[^'']+''$'))`;
}

/**
 * The first `count` matches of a search that gathers its matches (not `searchesFewRows`), in
 * descending relevance (`order`, of the select list `columns` over `r`, the search's copy), or
 * undefined for a search of a few countries' rows. A broad search's cost grows with its matches:
 * at 100,000 recommendations each is found (index and row, about 0.5 µs), checked (about 1 µs
 * more for one found by its assessments' words: their words in one assessment) and ranked (0.2-0.3
 * µs). Where the query's own-text matches rank first (`ownTextRanksFirst`), the first `count` of
 * those are taken, found by the words index alone, and the matches through assessments are read
 * only when there are fewer: "polling station" cost PostgreSQL 15.7 ms instead of 23.2, the bench's
 * searches 8.2 ms on average instead of 9.3, at 1x the same (scripts/bench/README.md, "The
 * lineage kept, a search's best matches first"). The caller sorts and cuts the union again
 * (`order by`, `limit`); the total is not counted here.
 */
export function bestMatchesFirst(
  filter: RecommendationFilter,
  columns: SQL,
  order: SQL,
  count: number,
): SQL | undefined {
  if (filter.q === undefined || searchesFewRows(filter)) return undefined;
  const query = textQuery(filter.q);
  const first = ownTextRanksFirst(query);
  const conditions = whereAll(recommendationConditions({ ...filter, q: undefined }));
  return sql`with own as materialized (
      select ${columns} from recommendation_search r
      where ${first} and r.search_vector @@ ${query} and ${conditions}
      order by ${order} limit ${count}
    )
    select * from own
    union all
    select ${columns} from recommendation_search r
    where ${first} and (select count(*) from own) < ${count}
      and (r.search_vector @@ ${query}) is not true and ${matchesSearch('r', filter.q, 'gathered')}
      and ${conditions}
    union all
    select ${columns} ${filteredRecommendations(filter, [sql`not ${first}`])}`;
}

/**
 * Columns of `r` that date it, stored on the recommendation and kept right by triggers (migration
 * 0006): open since the earliest issuing report in its lineage, closed (when fully implemented)
 * by the ODIHR report that first found it so after the last official judgement saying otherwise.
 */
export const ageColumns = {
  openSince: sql`r.open_since::text`,
  openSincePrecision: sql`r.open_since_precision`,
  closedOn: sql`r.closed_on::text`,
  closedOnPrecision: sql`r.closed_on_precision`,
  /** Years (365.25 days) from the opening to the closing date or today, to one decimal. */
  yearsOpen: sql`round(greatest(coalesce(r.closed_on, current_date) - r.open_since, 0) / 365.25, 1)::float8`,
};

/** All of `ageColumns`, named as a `RecommendationSummary` names them. */
export const ageSelect = sql`${ageColumns.openSince} as "openSince",
  ${ageColumns.openSincePrecision} as "openSincePrecision",
  ${ageColumns.closedOn} as "closedOn", ${ageColumns.closedOnPrecision} as "closedOnPrecision",
  ${ageColumns.yearsOpen} as "yearsOpen"`;

/**
 * The official assessment that gives `r` its current status (`la`, stored as
 * r.latest_assessment_id by the triggers) and its report (`lrp`); read with `latestColumns`.
 */
export const latestAssessmentJoin = sql`
  left join (assessments la join reports lrp on lrp.id = la.assessing_report_id)
    on la.id = r.latest_assessment_id`;

/** Columns of `latestAssessmentJoin`: the assessment as JSON, its report's slug and date. */
export const latestColumns = {
  assessment: sql`case when la.id is null then null else json_build_object('id', la.id, 'status', la.status, 'report', ${reportRefJson('lrp')}) end`,
  reportSlug: sql`lrp.slug`,
  publishedOn: sql`lrp.published_on::text`,
};

/** Page size and offset of a 1-based page. */
export function pageBounds(page: number, pageSize: number): { limit: number; offset: number } {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

/**
 * The LIMIT and OFFSET of a page in a prepared statement (`shapedStatement`). A first page's limit
 * is written into the text: PostgreSQL plans an unknown LIMIT for a tenth of the matches, so on a
 * large table the plan made without the values (the generic plan, planned once) looks dearer than
 * one made for "limit 25", and every request was planned again (about 1 ms at 100,000
 * recommendations; at 1,000 the generic plan was kept). With the limit in the text, both plans
 * are the same and the first one is kept. A shape then has a statement per page size (at most the
 * schema's 100; a connection keeps `STATEMENTS_PER_CONNECTION` of them all); other pages' bounds
 * stay values, or the statements would multiply by their offsets too.
 */
export function pageLimit(page: number, pageSize: number): SQL {
  const { limit, offset } = pageBounds(page, pageSize);
  if (offset === 0 && Number.isSafeInteger(limit) && limit > 0) return sql.raw(`limit ${limit}`);
  return sql`limit ${limit} offset ${offset}`;
}

export function pageInfo(page: number, pageSize: number, total: number) {
  return { page, pageSize, total, totalPages: Math.ceil(total / pageSize) };
}

/**
 * How a paged list reads its rows: `select` (which must name the tables of `from`) and the
 * list's order; `from` alone is enough to count the matches.
 */
export interface Listing {
  from: SQL;
  select: SQL;
  orderBy: SQL;
}

/**
 * One page of a list that is counted first, and its place among all the matches (the rows of the
 * listing's `from` that meet `where`); none is read for a page past the last.
 */
export async function countedPage<Row>(
  db: Database,
  listing: Listing,
  where: SQL,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<{ items: Row[] } & ReturnType<typeof pageInfo>> {
  const [counted] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from ${listing.from} where ${where}`,
  );
  const total = counted?.total ?? 0;
  const { limit, offset } = pageBounds(page, pageSize);
  const items =
    offset >= total
      ? []
      : await queryRows<Row>(
          db,
          sql`${listing.select} where ${where}
              order by ${listing.orderBy} limit ${limit} offset ${offset}`,
        );
  return { items, ...pageInfo(page, pageSize, total) };
}
