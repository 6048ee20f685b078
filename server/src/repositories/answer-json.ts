import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { preparedStatement } from '@tracker/db';
import { ageSelect, latestAssessmentJoin } from './sql-fragments.js';

/**
 * Answers that PostgreSQL writes whole, as the JSON text the API sends: the server passes the text
 * on without parsing, validating and serialising it again. The text must be byte for byte what
 * the zod serializer writes of the same answer, so:
 * - objects are `row_to_json` of a sub-select and arrays `array_to_json(array_agg(...))`, which
 *   write no spaces (json_build_object and json_agg do), with the keys in the zod schema's order;
 * - dates leave as ISO text, numbers as PostgreSQL's shortest float text (what JSON.stringify
 *   writes of the same double), strings escaped as JSON.stringify escapes them.
 * tests/server/routes/api/v1/answer-json.test.ts compares every such answer with the serializer's.
 */

function alias(name: string): SQL {
  if (!/^[a-z_0-9]+$/.test(name)) throw new Error(`not an alias: ${name}`);
  return sql.raw(name);
}

/** A JSON object of the select-list `columns` (aliased as the API names them). */
function object(columns: SQL): SQL {
  return sql`(select row_to_json(o) from (select ${columns}) o)`;
}

/** A JSON array of the objects of `columns`, one per row of `from` `where`, in `order`; `[]` if none. */
function array(columns: SQL, from: SQL, where: SQL, order: SQL): SQL {
  return sql`coalesce((select array_to_json(array_agg(row_to_json(o) order by ${order}))
    from ${from} cross join lateral (select ${columns}) o where ${where}), '[]'::json)`;
}

/** `ReportRef` of the reports row `a`. */
function reportRef(a: string): SQL {
  const x = alias(a);
  return object(
    sql`${x}.id, ${x}.slug, ${x}.title, ${x}.kind, ${x}.kind = 'third_party' as "thirdParty", ${x}.publisher, ${x}.published_on::text as "publishedOn", ${x}.published_on_precision as "publishedOnPrecision", ${x}.source_url as "sourceUrl"`,
  );
}

/** `TopicRef` of the topic with id `topicId`, or null. */
function topicRef(topicId: SQL): SQL {
  return sql`(select row_to_json(o) from (select tt.slug, tt.name from topics tt where tt.id = ${topicId}) o)`;
}

/** `SourceLines` of a row with source_line_start/end, or null. */
function sourceLines(a: string): SQL {
  const x = alias(a);
  return sql`case when ${x}.source_line_start is null then null else ${object(sql`${x}.source_line_start as start, ${x}.source_line_end as "end"`)} end`;
}

/** `CountryRef` of the election with id `electionId`. */
function countryRef(electionId: SQL): SQL {
  return sql`(select row_to_json(o) from (select cc.code, cc.name from elections ce join countries cc on cc.id = ce.country_id where ce.id = ${electionId}) o)`;
}

/** `ElectionRef` of the election with id `electionId`. */
function electionRef(electionId: SQL): SQL {
  return sql`(select row_to_json(o) from (select ee.id, ee.kind, ee.held_on::text as "heldOn", ee.held_on_precision as "heldOnPrecision", ee.early from elections ee where ee.id = ${electionId}) o)`;
}

/** `LatestAssessment` of `latestAssessmentJoin` (`la`, `lrp`), or null. */
const latestAssessment = sql`case when la.id is null then null else ${object(sql`la.id, la.status, ${reportRef('lrp')} as report`)} end`;

/**
 * The columns of a `RecommendationSummary` of `r` (issued by `rp`, with `latestAssessmentJoin`),
 * up to `yearsOpen`: what every list item and the detail start with.
 */
const summaryHead = sql`r.id, r.number, r.priority, r.heading, ${topicRef(sql`r.topic_id`)} as topic,
  r.text, r.text is not null as "textEntered", r.location, ${countryRef(sql`rp.election_id`)} as country,
  ${reportRef('rp')} as report, r.current_status as "currentStatus", ${latestAssessment} as "latestAssessment",
  ${ageSelect}`;

/** The columns of a `RecommendationSummary` of `r` listed without a search. */
export const listItemColumns = sql`${summaryHead}, null::json as snippet, null::float8 as relevance`;

/** A `RecommendationPage` of the items' JSON text, as the serializer writes it. */
export function pageJson(
  items: string,
  info: { page: number; pageSize: number; total: number; totalPages: number },
): string {
  return `{"items":${items},"page":${info.page},"pageSize":${info.pageSize},"total":${info.total},"totalPages":${info.totalPages}}`;
}

/** `TimelineAssessment`s of recommendation `r`: by ODIHR's reports, or by third parties. */
function timeline(thirdParty: boolean): SQL {
  return array(
    sql`a.id, a.status, a.quote, a.location, ${sourceLines('a')} as "sourceLines", a.basis, a.confidence, a.note, ${reportRef('arp')} as "assessingReport"`,
    sql`assessments a join reports arp on arp.id = a.assessing_report_id`,
    sql`a.recommendation_id = r.id and (arp.kind = 'third_party') = ${sql.raw(String(thirdParty))}`,
    sql`arp.published_on, arp.id`,
  );
}

/**
 * The links of recommendation `recommendation`'s lineage in one direction, as the detail lists
 * them, from the kept closure (`recommendation_lineage`, db/sql/lineage-closure.sql, which says
 * how the walk goes): `from` is the closure's row `c` joined to its link `l`, the link's far
 * recommendation `fr` and that one's report `frp`; `order` is nearest first, then by the far
 * report's date (latest first looking back, earliest first looking forward), place and link.
 */
export function lineageLinks(recommendation: SQL, direction: 'earlier' | 'later') {
  const far = sql.raw(`${direction}_recommendation_id`);
  return {
    from: sql`recommendation_lineage c
      join recommendation_links l on l.id = c.link_id
      join recommendations fr on fr.id = l.${far}
      join reports frp on frp.id = fr.report_id`,
    where: sql`c.recommendation_id = ${recommendation} and c.toward_earlier = ${sql.raw(String(direction === 'earlier'))}`,
    order: sql`c.depth, frp.published_on ${sql.raw(direction === 'earlier' ? 'desc' : 'asc')}, fr.position, l.id`,
  };
}

/** The `LineageLink`s of recommendation `r` in one direction, as a JSON array. */
function lineage(direction: 'earlier' | 'later'): SQL {
  const links = lineageLinks(sql`r.id`, direction);
  return sql`coalesce((
    select array_to_json(array_agg(row_to_json(o) order by ${links.order}))
    from ${links.from}
    cross join lateral (
      select l.id, l.kind, l.confidence, l.note, c.depth, c.via,
        ${object(sql`fr.id, fr.number, fr.priority, ${topicRef(sql`fr.topic_id`)} as topic, fr.text, fr.text is not null as "textEntered", fr.current_status as "currentStatus", ${reportRef('frp')} as report`)} as recommendation
    ) o
    where ${links.where}
  ), '[]'::json)`;
}

/**
 * `GET /api/v1/recommendations/:id` in one statement: the `RecommendationDetail` of `$1` as JSON
 * text, or no row.
 */
export const recommendationDetailStatement = preparedStatement(
  'recommendation_detail',
  sql`select row_to_json(d)::text from (
    select ${listItemColumns}, ${sourceLines('r')} as "sourceLines", ${electionRef(sql`rp.election_id`)} as election,
      ${timeline(false)} as assessments, ${timeline(true)} as "thirdPartyEvidence",
      ${object(sql`${lineage('earlier')} as earlier, ${lineage('later')} as later`)} as lineage
    from recommendations r
    join reports rp on rp.id = r.report_id
    ${latestAssessmentJoin}
    where r.id = $1::int
  ) d`,
);
