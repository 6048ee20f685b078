import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { ageColumns, latestAssessmentJoin, latestColumns } from './sql-fragments.js';

/**
 * The export rows (`RecommendationExportRow`, flat, in `order` of `p`) of the recommendations
 * `selection` picks (`p`: a query yielding `id` and sort keys, at most a few thousand): the columns of a list page without the
 * JSON objects a page nests, which the export would only take apart again. The dates and the latest
 * assessment are the columns the list reads too (`ageColumns`, `latestAssessmentJoin`).
 * tests/server/routes/api/v1/exports.test.ts checks its rows against the seed data and the list.
 */
export function exportBatch(selection: SQL, siteUrl: string, order: SQL, extra = sql``): SQL {
  return sql`
    with p as materialized (${selection})
    select r.id, ${`${siteUrl}/recommendations/`}::text || r.id as url,
      c.code as "countryCode", c.name as country, rp.publisher as "issuedBy",
      rp.slug as report, rp.title as "reportTitle",
      rp.published_on::text as "reportPublishedOn",
      rp.published_on_precision as "reportPublishedOnPrecision",
      r.number, r.priority, r.heading, t.slug as topic, t.name as "topicName",
      r.current_status as "currentStatus",
      ${latestColumns.reportSlug} as "latestAssessingReport",
      ${latestColumns.publishedOn} as "latestAssessedOn",
      ${ageColumns.openSince} as "openSince",
      ${ageColumns.openSincePrecision} as "openSincePrecision",
      ${ageColumns.closedOn} as "closedOn",
      ${ageColumns.yearsOpen} as "yearsOpen",
      r.text is not null as "textEntered", r.text, r.location,
      case when r.source_line_start is null then null
        else r.source_line_start || '-' || r.source_line_end end as "sourceLines"
      ${extra}
    from p
    join recommendations r on r.id = p.id
    join reports rp on rp.id = r.report_id
    join elections e on e.id = rp.election_id
    join countries c on c.id = e.country_id
    left join topics t on t.id = r.topic_id
    ${latestAssessmentJoin}
    order by ${order}`;
}
