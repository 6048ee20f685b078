import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { RecommendationExportRow } from '@tracker/shared';
import { ageColumns, latestAssessmentJoin, latestColumns } from './sql-fragments.js';

/**
 * The columns of a recommendation's export row (`RecommendationExportRow`) over `exportBatch`'s
 * tables: those of a list page without the JSON objects a page nests, which the export would only
 * take apart again. The dates and the latest assessment are the columns the list reads too
 * (`ageColumns`, `latestColumns`).
 */
export function recommendationExportColumns(
  siteUrl: string,
): Record<keyof RecommendationExportRow, SQL> {
  return {
    id: sql`r.id`,
    url: sql`${`${siteUrl}/recommendations/`}::text || r.id`,
    countryCode: sql`c.code`,
    country: sql`c.name`,
    issuedBy: sql`rp.publisher`,
    report: sql`rp.slug`,
    reportTitle: sql`rp.title`,
    reportPublishedOn: sql`rp.published_on::text`,
    reportPublishedOnPrecision: sql`rp.published_on_precision`,
    number: sql`r.number`,
    priority: sql`r.priority`,
    heading: sql`r.heading`,
    topic: sql`t.slug`,
    topicName: sql`t.name`,
    currentStatus: sql`r.current_status`,
    latestAssessingReport: latestColumns.reportSlug,
    latestAssessedOn: latestColumns.publishedOn,
    openSince: ageColumns.openSince,
    openSincePrecision: ageColumns.openSincePrecision,
    closedOn: ageColumns.closedOn,
    yearsOpen: ageColumns.yearsOpen,
    textEntered: sql`r.text is not null`,
    text: sql`r.text`,
    location: sql`r.location`,
    sourceLines: sql`case when r.source_line_start is null then null
      else r.source_line_start || '-' || r.source_line_end end`,
  };
}

/**
 * One batch of a recommendations export: `columns` (of `recommendationExportColumns`, then the
 * carried keys `extra`) of the recommendations `selection` picks (`p`: a query yielding `id` and
 * sort keys, at most a few thousand), in `order` of `p`.
 * tests/server/routes/api/v1/exports.test.ts checks its rows against the seed data and the list.
 */
export function exportBatch(selection: SQL, columns: SQL, order: SQL, extra = sql``): SQL {
  return sql`
    with p as materialized (${selection})
    select ${columns}${extra}
    from p
    join recommendations r on r.id = p.id
    join reports rp on rp.id = r.report_id
    join elections e on e.id = rp.election_id
    join countries c on c.id = e.country_id
    left join topics t on t.id = r.topic_id
    ${latestAssessmentJoin}
    order by ${order}`;
}
