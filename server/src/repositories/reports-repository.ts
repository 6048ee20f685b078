import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import type {
  ReportKey,
  ReportListQuery,
  ReportPage,
  ReportRef,
  ReportSummary,
} from '@tracker/shared';
import {
  countryRefJson,
  electionIdsByCountries,
  electionRefJson,
  pageBounds,
  pageInfo,
  reportIdsByKeys,
  reportRefJson,
  whereAll,
} from './sql-fragments.js';

interface SummaryRow extends Omit<ReportSummary, keyof ReportRef> {
  ref: ReportRef;
}

/** Reports `rp` as `ReportSummary` rows; the counts use the indexes on report ids. */
const summarySelect = sql`
  select ${reportRefJson('rp')} as ref, rp.source_file as "sourceFile", rp.note,
    ${countryRefJson('c')} as country, ${electionRefJson('e')} as election,
    (select count(*)::int from recommendations r where r.report_id = rp.id) as "recommendationCount",
    (select count(*)::int from recommendations r where r.report_id = rp.id and r.priority) as "priorityCount",
    (select count(*)::int from assessments a where a.assessing_report_id = rp.id) as "assessmentCount"
  from reports rp
  join elections e on e.id = rp.election_id
  join countries c on c.id = e.country_id`;

function toSummary({ ref, ...rest }: SummaryRow): ReportSummary {
  return { ...ref, ...rest };
}

function conditions(filter: Omit<ReportListQuery, 'page' | 'pageSize'>): SQL[] {
  const result: SQL[] = [];
  if (filter.country) result.push(sql`rp.election_id in ${electionIdsByCountries(filter.country)}`);
  if (filter.election) result.push(sql`rp.election_id in ${filter.election}`);
  if (filter.kind) result.push(sql`rp.kind in ${filter.kind}`);
  return result;
}

export function createReportsRepository(db: Database) {
  return {
    async list(query: ReportListQuery): Promise<ReportPage> {
      const { page, pageSize, ...filter } = query;
      const where = whereAll(conditions(filter));
      const [counted] = await queryRows<{ total: number }>(
        db,
        sql`select count(*)::int as total from reports rp where ${where}`,
      );
      const total = counted?.total ?? 0;
      const { limit, offset } = pageBounds(page, pageSize);
      const rows =
        offset >= total
          ? []
          : await queryRows<SummaryRow>(
              db,
              sql`${summarySelect} where ${where}
                  order by rp.published_on desc, rp.id desc limit ${limit} offset ${offset}`,
            );
      return { items: rows.map(toSummary), ...pageInfo(page, pageSize, total) };
    },

    /** A report by id or slug; null if unknown. */
    async findByKey(key: ReportKey): Promise<ReportSummary | null> {
      const [row] = await queryRows<SummaryRow>(
        db,
        sql`${summarySelect} where rp.id in ${reportIdsByKeys([key])}`,
      );
      return row ? toSummary(row) : null;
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
