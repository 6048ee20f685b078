import { eq, max, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import {
  ensureTopicTaxonomy,
  preparedText,
  shapedStatement,
  queryRows,
  schema,
  withoutDerivedColumns,
} from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';
import { DEFAULT_SORT_ORDERS, TOPICS, recommendationExportRowSchema } from '@tracker/shared';
import type {
  RecommendationInput,
  recommendationPatchSchema,
  RecommendationRecord,
  TopicSlug,
  ElectionRef,
  LineageLink,
  MatchPlace,
  RecommendationDetail,
  RecommendationExportQuery,
  RecommendationExportRow,
  RecommendationListQuery,
  RecommendationPage,
  RecommendationSort,
  RecommendationSummary,
  ReportRef,
  SnippetSegment,
  SortOrder,
  SourceLines,
  TimelineAssessment,
} from '@tracker/shared';
import {
  ageColumns,
  ageSelect,
  countryRefJson,
  electionRefJson,
  latestAssessmentJoin,
  latestColumns,
  pageBounds,
  pageLimit,
  pageInfo,
  bestMatchesFirst,
  filteredRecommendations,
  recommendationRefJson,
  reportRefJson,
  sourceLinesJson,
  textQuery,
  topicRefJson,
} from './sql-fragments.js';
import {
  lineageLinks,
  listItemColumns,
  pageJson,
  recommendationDetailStatement,
} from './answer-json.js';
import { exportBatch, recommendationExportColumns } from './export-query.js';
import { createRecommendationTally } from './recommendation-tally.js';
import { exportBatches } from './keyset-batches.js';
import type { ExportBatches, SortKey } from './keyset-batches.js';
import type { RecommendationFilter } from './sql-fragments.js';
import type { z } from 'zod';
import { isoTimestamps, recordWrites } from './versioned-writes.js';
import type { Fields, VersionedKind } from './versioned-writes.js';

type RecommendationPatch = Fields<z.output<typeof recommendationPatchSchema>>;

/** A recommendation as the editing API answers it: with its topic's slug, without derived columns. */
export const recommendationKind: VersionedKind<
  typeof schema.recommendations,
  RecommendationRecord
> = {
  entity: 'recommendation',
  label: 'recommendation',
  table: schema.recommendations,
  present: async (row, tx) => {
    const [topic] = row.topicId
      ? await tx
          .select({ slug: schema.topics.slug })
          .from(schema.topics)
          .where(eq(schema.topics.id, row.topicId))
      : [];
    const { topicId: _topicId, searchVector: _searchVector, ...rest } = withoutDerivedColumns(row);
    const slug = TOPICS.find((known) => known.slug === topic?.slug)?.slug ?? null;
    return { ...rest, topic: slug, ...isoTimestamps(row) };
  },
};

async function topicIdOf(tx: Transaction, slug: TopicSlug | null): Promise<number | null> {
  if (slug === null) return null;
  // The taxonomy is fixed: a database started without the seed gets it on first use.
  const id = (await ensureTopicTaxonomy(tx)).get(slug);
  if (id === undefined)
    throw new Error(`topic ${slug} missing although it is one of ${TOPICS.length}`);
  return id;
}

/** The next position in a report, for a recommendation created without one. */
async function nextPosition(tx: Transaction, reportId: number): Promise<number> {
  const [row] = await tx
    .select({ last: max(schema.recommendations.position) })
    .from(schema.recommendations)
    .where(eq(schema.recommendations.reportId, reportId));
  return (row?.last ?? 0) + 1;
}

/**
 * ts_headline marks matches with these; the server splits on them and answers plain-text
 * segments, so no HTML ever reaches a client. Control characters, because ts_headline's option
 * parser drops private-use characters (on PostgreSQL and PGlite alike); any in the text itself
 * are removed before highlighting.
 */
const MATCH_START = '\u0002';
const MATCH_END = '\u0003';
/**
 * ts_headline's parser takes `<...>` for markup and leaves it out of the snippet; the text is
 * verbatim and may quote markup, so angle brackets pass through it masked as these and are put
 * back in `headlineSegments`.
 */
const MASKED_LT = '\u0004';
const MASKED_GT = '\u0005';
const HEADLINE_OPTIONS = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", MinWords=15, MaxWords=35, MaxFragments=2, FragmentDelimiter=" … "`;

/** A recommendation as the list, the detail and the exports read it. */
export interface RecommendationRow extends RecommendationSummary {
  sourceLines: SourceLines | null;
  election: ElectionRef;
  /** Slug and date of the report behind `latestAssessment`, for the flat export. */
  latestReportSlug: string | null;
  latestPublishedOn: string | null;
}

interface RawRow extends Omit<RecommendationRow, 'snippet' | 'matchedIn' | 'evidenceSnippet'> {
  headline: string | null;
  matchedIn: MatchPlace[] | null;
  evidence: { place: MatchPlace; report: ReportRef; headline: string } | null;
  /** Matches in all, when the selection counted them (`count(*) over ()` as `total`). */
  total: number | null;
}

/** Splits a ts_headline result into plain-text segments, marking the matches. */
function headlineSegments(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (text.length > 0) segments.push({ text, match });
    text = '';
  };
  for (const char of headline) {
    if (char === MATCH_START || char === MATCH_END) {
      flush();
      match = char === MATCH_START;
    } else {
      text += char === MASKED_LT ? '<' : char === MASKED_GT ? '>' : char;
    }
  }
  flush();
  return segments;
}

function toSummary({
  headline,
  total: _total,
  matchedIn,
  evidence,
  ...row
}: RawRow): RecommendationRow {
  const summary = { ...row, snippet: headline === null ? null : headlineSegments(headline) };
  if (matchedIn === null) return summary;
  return {
    ...summary,
    matchedIn,
    evidenceSnippet:
      evidence === null
        ? null
        : {
            place: evidence.place,
            report: evidence.report,
            segments: headlineSegments(evidence.headline),
          },
  };
}

/** `text` with the characters ts_headline would misread removed or masked (see above). */
function headlineInput(text: SQL): SQL {
  return sql`translate(translate(${text}, chr(2) || chr(3) || chr(4) || chr(5), ''), '<>', chr(4) || chr(5))`;
}

/**
 * Where the search `q` matched recommendation `r` (`matchedIn`), and the first matching assessment
 * or evidence passage as JSON with its ts_headline (`evidence`). Computed for one page's rows only:
 * the per-field to_tsvector calls then cost a few rows' worth. Each test is a scalar subquery (true
 * or null), not EXISTS, which PostgreSQL may instead run once over every matching assessment of
 * the data set, hashed: to_tsvector over 400 quotes took 12 ms for a page of 13.
 */
function matchColumns(q: string): SQL {
  const query = textQuery(q);
  const inAssessments = (condition: SQL) =>
    sql`(select true from assessments ma join reports mrp on mrp.id = ma.assessing_report_id
      where ma.recommendation_id = r.id and ma.search_vector @@ ${query} and ${condition} limit 1)`;
  const quoteMatches = sql`to_tsvector('english', ma.quote) @@ ${query}`;
  const noteMatches = sql`to_tsvector('english', coalesce(ma.note, '')) @@ ${query}`;
  return sql`array_remove(array[
      case when r.search_vector @@ ${query} then 'text' end,
      case when ${inAssessments(sql`mrp.kind <> 'third_party' and ${quoteMatches}`)} then 'assessment_quote' end,
      case when ${inAssessments(sql`mrp.kind <> 'third_party' and ${noteMatches}`)} then 'assessment_note' end,
      case when ${inAssessments(sql`mrp.kind = 'third_party'`)} then 'evidence' end
    ]::text[], null) as "matchedIn",
    (
      select json_build_object(
        'place', case when mrp.kind = 'third_party' then 'evidence'
          when ${quoteMatches} then 'assessment_quote' else 'assessment_note' end,
        'report', ${reportRefJson('mrp')},
        'headline', ts_headline('english',
          ${headlineInput(sql`case when ${quoteMatches} then ma.quote else coalesce(ma.note, '') end`)},
          ${query}, ${HEADLINE_OPTIONS}))
      from assessments ma join reports mrp on mrp.id = ma.assessing_report_id
      where ma.recommendation_id = r.id and ma.search_vector @@ ${query}
      order by mrp.published_on, mrp.id
      limit 1
    ) as evidence`;
}

function flip(direction: SortOrder): SortOrder {
  return direction === 'asc' ? 'desc' : 'asc';
}

/**
 * The ORDER BY of a sort: its own key first, then the printed order (issuing report by date,
 * then position) and the id, so that pages never overlap or skip.
 */
function sortKeys(sort: RecommendationSort, order: SortOrder | undefined, q: string | undefined) {
  const direction = order ?? DEFAULT_SORT_ORDERS[sort];
  const printed = (dir: SortOrder): SortKey[] => [
    { expression: sql`r.report_published_on`, direction: dir },
    { expression: sql`r.report_id`, direction: dir },
    { expression: sql`r.position`, direction: 'asc' },
    { expression: sql`r.id`, direction: 'asc' },
  ];
  switch (sort) {
    case 'number':
      return direction === 'asc'
        ? printed('asc')
        : printed('desc').map((key) => ({ ...key, direction: 'desc' as const }));
    case 'year':
      return printed(direction);
    case 'status':
      return [{ expression: sql`r.current_status`, direction }, ...printed('asc')];
    case 'yearsOpen':
      return [{ expression: ageColumns.yearsOpen, direction }, ...printed('asc')];
    case 'relevance':
      return [
        {
          expression: sql`ts_rank(r.search_vector, ${textQuery(q ?? '')})`,
          direction,
        },
        ...printed(flip(direction)),
      ];
  }
}

/** Select-list items `<expression> as kN` for the sort keys. */
function keyColumns(keys: SortKey[]): SQL {
  return sql.join(
    keys.map((key, i) => sql`${key.expression} as ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
}

/** ORDER BY the key columns `kN` (of the relation `from`, if given). */
function keyOrder(directions: SortOrder[], from = ''): SQL {
  return sql.join(
    directions.map((direction, i) => sql.raw(`${from}k${i} ${direction}`)),
    sql`, `,
  );
}

/**
 * Whether the list's statements for `filter` may keep a plan made without its values (see
 * `shapedStatement`): not with a range of years or a search, whose values change the plan; the
 * enumerated values are in the text (`recommendationConditions`); countries, topics and reports
 * are looked up through subqueries, which the planner estimates alike whatever the values, and
 * elections issue a few reports each.
 */
function plannedOnce(filter: RecommendationFilter): boolean {
  return filter.yearFrom === undefined && filter.yearTo === undefined && filter.q === undefined;
}

export function createRecommendationsRepository(db: Database) {
  /**
   * Reads the recommendations that `selection` picks (a query yielding `id` and the sort keys
   * `k0`..`kn`), with everything a summary shows, in key order. The joins and the snippet are
   * made for these rows only. Topic, country and election are scalar subqueries rather than
   * joins: fewer relations to order halves the planning, most of a short page's database time.
   */
  async function selectRows(
    selection: SQL,
    directions: SortOrder[],
    q: string | undefined,
    counted = false,
  ): Promise<RawRow[]> {
    return queryRows<RawRow>(
      db,
      sql`
          with p as materialized (${selection})
          select
            r.id, r.number, r.priority, r.heading,
            (select ${topicRefJson('t')} from topics t where t.id = r.topic_id) as topic,
            r.text, r.text is not null as "textEntered", r.location,
            (
              select ${countryRefJson('c')} from elections ce join countries c on c.id = ce.country_id
              where ce.id = rp.election_id
            ) as country,
            ${reportRefJson('rp')} as report,
            r.current_status as "currentStatus",
            ${latestColumns.assessment} as "latestAssessment",
            ${latestColumns.reportSlug} as "latestReportSlug",
            ${latestColumns.publishedOn} as "latestPublishedOn",
            ${ageSelect},
            ${
              q === undefined
                ? sql`null::text`
                : sql`ts_headline('english', ${headlineInput(sql`coalesce(r.text, r.heading, '')`)}, ${textQuery(q)}, ${HEADLINE_OPTIONS})`
            } as headline,
            ${q === undefined ? sql`null::text[] as "matchedIn", null::json as evidence` : matchColumns(q)},
            ${
              q === undefined
                ? sql`null::float8`
                : sql`ts_rank(r.search_vector, ${textQuery(q)})::float8`
            } as relevance,
            ${sourceLinesJson('r')} as "sourceLines",
            (select ${electionRefJson('e')} from elections e where e.id = rp.election_id) as election,
            ${counted ? sql`p.total` : sql`null::int`} as total
          from p
          join recommendations r on r.id = p.id
          join reports rp on rp.id = r.report_id
          ${latestAssessmentJoin}
          order by ${keyOrder(directions, 'p.')}`,
    );
  }

  async function readRows(
    selection: SQL,
    directions: SortOrder[],
    q: string | undefined,
  ): Promise<RecommendationRow[]> {
    return (await selectRows(selection, directions, q)).map(toSummary);
  }

  async function count(filter: RecommendationFilter): Promise<number> {
    const text = await preparedText(
      db,
      shapedStatement(
        'recommendation_count',
        sql`select count(*)::text
          ${filteredRecommendations(filter)}`,
        plannedOnce(filter),
      ),
    );
    return Number(text ?? 0);
  }

  /**
   * Totals of filters, each kept for the generation of the data it was taken in (see
   * `AnswerCache.dataGeneration`): every change to the data starts a new one. Bounded; the least
   * recently used leave first.
   */
  const tally = createRecommendationTally(db);
  const counts = new Map<string, { generation: number; total: number }>();
  function keptTotal(
    filter: RecommendationFilter,
    generation: number | undefined,
  ): number | undefined {
    if (generation === undefined) return undefined;
    const key = JSON.stringify(filter);
    const kept = counts.get(key);
    if (kept?.generation !== generation) return undefined;
    // Re-inserting moves it to the end of the Map's order: the most recently used.
    counts.delete(key);
    counts.set(key, kept);
    return kept.total;
  }
  function keepTotal(
    filter: RecommendationFilter,
    generation: number | undefined,
    total: number,
  ): number {
    if (generation === undefined) return total;
    const key = JSON.stringify(filter);
    counts.delete(key);
    counts.set(key, { generation, total });
    for (const oldest of counts.keys()) {
      if (counts.size <= MAX_KEPT_COUNTS) break;
      counts.delete(oldest);
    }
    return total;
  }
  /** The total of `filter`: kept, summed from the tally (the common filters), or counted. */
  async function keptCount(
    filter: RecommendationFilter,
    generation: number | undefined,
  ): Promise<number> {
    if (generation === undefined) return count(filter);
    return (
      keptTotal(filter, generation) ??
      keepTotal(filter, generation, tally.total(filter, generation) ?? (await count(filter)))
    );
  }

  return {
    ...recordWrites(db, recommendationKind, {
      toValues: async (tx, { topic, ...input }: Fields<RecommendationInput>) => ({
        ...input,
        position: input.position ?? (await nextPosition(tx, input.reportId)),
        topicId: await topicIdOf(tx, topic),
      }),
      toChanges: async (tx, { topic, ...changes }: RecommendationPatch) => ({
        ...changes,
        ...(topic !== undefined ? { topicId: await topicIdOf(tx, topic) } : {}),
      }),
    }),

    /**
     * One page of the filtered, sorted list, with the total count: kept for the data `generation`
     * it was counted in, as `listJson` keeps it (undefined: counted afresh).
     */
    async list(
      query: RecommendationListQuery,
      generation?: number | undefined,
    ): Promise<RecommendationPage> {
      const { page, pageSize, sort, order, ...filter } = query;
      const effectiveSort = sortOf(sort, filter.q);
      const keys = sortKeys(effectiveSort, order, filter.q);
      const directions = keys.map((key) => key.direction);
      const { limit, offset } = pageBounds(page, pageSize);
      const keyed = sql`select r.id, ${keyColumns(keys)} ${filteredRecommendations(filter)}`;
      /**
       * The page's ids and sort keys; `total` also counts every match. The count reads the keys
       * from a subquery kept apart (`offset 0`): the window then holds each match's id and keys,
       * not the columns they are computed from. Holding the search vectors spilled a broad search
       * to a temporary file ("polling station": 19,115 matches at 100x, 9 MB), 5-9% of its time.
       */
      const pageSelection = (counted: boolean) => {
        const rows = counted
          ? sql`select s.*, count(*) over ()::int as total from (${keyed} offset 0) s`
          : keyed;
        return sql`${rows} order by ${keyOrder(directions)} limit ${limit} offset ${offset}`;
      };
      if (effectiveSort === 'relevance') {
        // Ranking reads every match anyway: unless its total is kept, they are counted in the
        // same pass, not a second one. The count holds every match in a window first: 7-10 of
        // the 40 ms "polling station" took at 100,000 recommendations.
        const kept = keptTotal(filter, generation);
        const counted = kept === undefined;
        // With its total kept, a page in descending relevance may be found among the best
        // matches only (`bestMatchesFirst`).
        const best =
          counted || directions[0] !== 'desc'
            ? undefined
            : bestMatchesFirst(
                filter,
                sql`r.id, ${keyColumns(keys)}`,
                keyOrder(directions),
                offset + limit,
              );
        const selection = best
          ? sql`${best} order by ${keyOrder(directions)} limit ${limit} offset ${offset}`
          : pageSelection(counted);
        const rows = await selectRows(selection, directions, filter.q, counted);
        // No row on the first page: no match at all. On a later page: a page past the last, the
        // only case that needs a separate count.
        const total =
          kept ??
          keepTotal(filter, generation, rows[0]?.total ?? (offset === 0 ? 0 : await count(filter)));
        return { items: rows.map(toSummary), ...pageInfo(page, pageSize, total) };
      }
      // The count and the page are independent: on PostgreSQL they run at once, on two
      // connections of the pool (a page past the last is simply empty).
      const [total, rows] = await Promise.all([
        keptCount(filter, generation),
        readRows(pageSelection(false), directions, filter.q),
      ]);
      return { items: rows, ...pageInfo(page, pageSize, total) };
    },

    /**
     * `list`'s answer without a search, as the API sends it: the page written as JSON text by
     * PostgreSQL in one statement prepared per filter shape (answer-json.ts), the total kept per
     * filter for the data `generation` it was counted in (undefined: counted afresh).
     */
    async listJson(
      query: RecommendationListQuery,
      generation: number | undefined,
    ): Promise<string> {
      const { page, pageSize, sort, order, ...filter } = query;
      if (filter.q !== undefined) throw new Error('listJson answers lists without a search');
      const keys = sortKeys(sort ?? 'number', order, undefined);
      const directions = keys.map((key) => key.direction);
      const [total, items] = await Promise.all([
        keptCount(filter, generation),
        preparedText(
          db,
          shapedStatement(
            'recommendation_page',
            sql`with p as materialized (
                select r.id, ${keyColumns(keys)}
                ${filteredRecommendations(filter)}
                order by ${keyOrder(directions)}
                ${pageLimit(page, pageSize)})
              select coalesce(array_to_json(array_agg(row_to_json(o) order by ${keyOrder(directions, 'p.')})), '[]')::text
              from p
              join recommendations r on r.id = p.id
              join reports rp on rp.id = r.report_id
              ${latestAssessmentJoin}
              cross join lateral (select ${listItemColumns}) o`,
            plannedOnce(filter),
          ),
        ),
      ]);
      return pageJson(items ?? '[]', pageInfo(page, pageSize, total));
    },

    /** Every recommendation a report issued, in printed order (a report issues a bounded few). */
    async listOfReport(reportId: number): Promise<RecommendationRow[]> {
      return readRows(
        sql`select r.id, r.position as k0, r.id as k1 from recommendations r where r.report_id = ${reportId}`,
        ['asc', 'asc'],
        undefined,
      );
    },

    /**
     * The filtered list as flat export rows in the chosen sort (the list's, default `number`), in
     * batches of `batchSize` read one after the other (keyset pagination on the sort keys, the id
     * last), so an export of any size holds one batch at a time and never keeps a transaction
     * (on PGlite: the only connection) open. A sort by years open or relevance, which no index
     * gives, is sorted once (`ExportSource.sortedOnce`). Batches of 1,000: each batch is a
     * statement planned anew, and 100,000 rows in batches of 500 took 3.1-3.2 s of PostgreSQL's
     * CPU, of 1,000 2.0-2.7 s (4.6-4.8 s of time against 3.1-4.1; 128 against 144 MiB at the
     * peak; scripts/bench/README.md).
     */
    exportBatches(
      query: RecommendationExportQuery,
      siteUrl: string,
      batchSize = 1000,
    ): ExportBatches<RecommendationExportRow> {
      const { sort, order, ...filter } = query;
      const effectiveSort = sortOf(sort, filter.q);
      const keys = sortKeys(effectiveSort, order, filter.q);
      const directions = keys.map((key) => key.direction);
      const matches = filteredRecommendations(filter);
      const carriedKeys = sql.join(
        keys.map((_key, i) => sql.raw(`, p.t${i}`)),
        sql``,
      );
      return exportBatches(db, {
        schema: recommendationExportRowSchema,
        columns: recommendationExportColumns(siteUrl),
        keys,
        query: (batch) =>
          exportBatch(
            sql`select r.id, ${keyColumns(keys)}, ${batch.carried}
                ${matches} and ${batch.after}
                order by ${batch.order}
                limit ${batch.limit}`,
            batch.columns,
            keyOrder(directions, 'p.'),
            carriedKeys,
          ),
        batchSize,
        sortedOnce: COMPUTED_SORTS.has(effectiveSort)
          ? {
              ids: sql`select array_agg(s.id order by ${keyOrder(directions, 's.')})::text
                from (select r.id, ${keyColumns(keys)} ${matches}) s`,
              byIds: (ids, columns) =>
                exportBatch(
                  sql`select u.id, u.n from unnest(${ids}) with ordinality as u(id, n)`,
                  columns,
                  sql`p.n`,
                ),
            }
          : undefined,
      });
    },

    /** Whether a recommendation with this id exists. */
    async exists(id: number): Promise<boolean> {
      if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return false;
      const rows = await queryRows(db, sql`select 1 from recommendations where id = ${id}`);
      return rows.length > 0;
    },

    /**
     * `findById`'s answer as the API sends it: JSON text written by PostgreSQL in one prepared
     * statement (answer-json.ts); null if unknown.
     */
    async detailJson(id: number): Promise<string | null> {
      return preparedText(db, { ...recommendationDetailStatement, values: [id] });
    },

    /** A recommendation with its timeline, third-party evidence and lineage; null if unknown. */
    async findById(id: number): Promise<RecommendationDetail | null> {
      const [row] = await readRows(
        sql`select r.id, r.id as k0 from recommendations r where r.id = ${id}`,
        ['asc'],
        undefined,
      );
      if (!row) return null;
      const { latestReportSlug: _slug, latestPublishedOn: _on, ...summary } = row;
      const assessments = await queryRows<TimelineAssessment & { thirdParty: boolean }>(
        db,
        sql`select a.id, a.status, a.quote, a.location, ${sourceLinesJson('a')} as "sourceLines",
              a.basis, a.confidence, a.note, ${reportRefJson('arp')} as "assessingReport",
              arp.kind = 'third_party' as "thirdParty"
            from assessments a
            join reports arp on arp.id = a.assessing_report_id
            where a.recommendation_id = ${id}
            order by arp.published_on, arp.id`,
      );
      const strip = ({ thirdParty: _thirdParty, ...assessment }: (typeof assessments)[number]) =>
        assessment;
      return {
        ...summary,
        assessments: assessments.filter((a) => !a.thirdParty).map(strip),
        thirdPartyEvidence: assessments.filter((a) => a.thirdParty).map(strip),
        lineage: {
          earlier: await lineage(id, 'earlier'),
          later: await lineage(id, 'later'),
        },
      };
    },
  };

  /** The links of a recommendation's lineage in one direction (see `lineageLinks`). */
  async function lineage(id: number, direction: 'earlier' | 'later'): Promise<LineageLink[]> {
    const links = lineageLinks(sql`${id}::int`, direction);
    return queryRows<LineageLink>(
      db,
      sql`select l.id, l.kind, l.confidence, l.note, c.depth, c.via,
          ${recommendationRefJson('fr', 'frp', 't')} as recommendation
        from ${links.from}
        left join topics t on t.id = fr.topic_id
        where ${links.where}
        order by ${links.order}`,
    );
  }
}

/** The sort a list or an export asked for, or its default: relevance for a search. */
function sortOf(sort: RecommendationSort | undefined, q: string | undefined): RecommendationSort {
  return sort ?? (q ? 'relevance' : 'number');
}

/** The sorts whose first key no index gives in order: exports sort their ids once. */
const COMPUTED_SORTS: ReadonlySet<RecommendationSort> = new Set(['yearsOpen', 'relevance']);

/** How many filters' totals `keptCount` keeps at most (a few hundred bytes each). */
const MAX_KEPT_COUNTS = 10_000;
