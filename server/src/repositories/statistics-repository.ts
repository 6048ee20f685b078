import { sql } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import { CURRENT_STATUSES, UNADDRESSED_STATUSES } from '@tracker/shared';
import type {
  CountryRef,
  CurrentStatus,
  MatrixCell,
  RecommendationRef,
  ReportRef,
  Statistics,
  StatisticsQuery,
  StatusCounts,
  StatusMatrix,
  StatusMatrixQuery,
  StatusTally,
  TopicRef,
} from '@tracker/shared';
import {
  filteredRecommendations,
  odihrIssued,
  recommendationConditions,
  recommendationRefJson,
  reportRefJson,
  whereAll,
} from './sql-fragments.js';

interface GroupRow {
  /** 1 where the grouping set does not group by that column (SQL `grouping()`). */
  notByPriority: number;
  notByTopic: number;
  notByReport: number;
  priority: boolean | null;
  topicId: number | null;
  reportId: number | null;
  status: CurrentStatus;
  count: number;
}

function emptyTally(): StatusTally {
  const byStatus = Object.fromEntries(CURRENT_STATUSES.map((s) => [s, 0])) as StatusCounts;
  return { total: 0, unaddressed: 0, byStatus };
}

const unaddressed = new Set<CurrentStatus>(UNADDRESSED_STATUSES);

function add(tally: StatusTally, status: CurrentStatus, count: number) {
  tally.total += count;
  tally.byStatus[status] += count;
  if (unaddressed.has(status)) tally.unaddressed += count;
}

export function createStatisticsRepository(db: Database) {
  return {
    /**
     * ODIHR's recommendations only: those of third-party reports are never counted.
     * Counts by current status, overall, for priority recommendations, by topic and by issuing
     * report: one pass over the filtered recommendations (GROUPING SETS), then the names of the
     * topics and reports that occur.
     */
    async statistics(filter: StatisticsQuery): Promise<Statistics> {
      const groups = await queryRows<GroupRow>(
        db,
        sql`select grouping(r.priority) as "notByPriority", grouping(r.topic_id) as "notByTopic",
              grouping(r.report_id) as "notByReport",
              r.priority, r.topic_id as "topicId", r.report_id as "reportId",
              r.current_status as status, count(*)::int as count
            ${filteredRecommendations(filter, [odihrIssued])}
            group by grouping sets ((r.current_status), (r.priority, r.current_status),
              (r.topic_id, r.current_status), (r.report_id, r.priority, r.current_status))`,
      );
      const overall = emptyTally();
      const priority = emptyTally();
      const byTopic = new Map<number | null, StatusTally>();
      const byReport = new Map<number, StatusTally & { priority: number }>();
      const tallyOf = <K, T extends StatusTally>(map: Map<K, T>, key: K, make: () => T): T => {
        const existing = map.get(key);
        if (existing) return existing;
        const created = make();
        map.set(key, created);
        return created;
      };
      for (const group of groups) {
        if (!group.notByReport) {
          const tally = tallyOf(byReport, group.reportId!, () => ({
            ...emptyTally(),
            priority: 0,
          }));
          add(tally, group.status, group.count);
          if (group.priority) tally.priority += group.count;
        } else if (!group.notByTopic) {
          add(tallyOf(byTopic, group.topicId, emptyTally), group.status, group.count);
        } else if (!group.notByPriority) {
          if (group.priority) add(priority, group.status, group.count);
        } else {
          add(overall, group.status, group.count);
        }
      }
      const reportIds = [...byReport.keys()];
      const topics = await queryRows<{ id: number; ref: TopicRef }>(
        db,
        sql`select t.id, json_build_object('slug', t.slug, 'name', t.name) as ref
            from topics t order by t.position`,
      );
      const reports =
        reportIds.length === 0
          ? []
          : await queryRows<{ id: number; ref: ReportRef }>(
              db,
              sql`select rp.id, ${reportRefJson('rp')} as ref from reports rp
                  where rp.id in ${reportIds} order by rp.published_on, rp.id`,
            );
      return {
        overall,
        priority,
        byTopic: [
          ...topics.flatMap(({ id, ref }) => {
            const tally = byTopic.get(id);
            return tally ? [{ topic: ref, ...tally }] : [];
          }),
          ...(byTopic.has(null) ? [{ topic: null, ...byTopic.get(null)! }] : []),
        ],
        byReport: reports.map(({ id, ref }) => ({ report: ref, ...byReport.get(id)! })),
      };
    },

    /**
     * ODIHR's recommendations of one country × the reports that assessed them. The rows are one
     * country's recommendations (a few hundred over decades), never the whole table. Null when
     * the country is unknown.
     */
    async matrix(query: StatusMatrixQuery): Promise<StatusMatrix | null> {
      const [country] = await queryRows<CountryRef>(
        db,
        sql`select c.code, c.name from countries c where c.code = ${query.country}`,
      );
      if (!country) return null;
      const where = whereAll([
        ...recommendationConditions({ ...query, country: [query.country] }),
        odihrIssued,
      ]);
      const rows = await queryRows<{ recommendation: RecommendationRef }>(
        db,
        sql`select ${recommendationRefJson('r', 'rp', 't')} as recommendation
            from recommendations r
            join reports rp on rp.id = r.report_id
            left join topics t on t.id = r.topic_id
            where ${where}
            order by rp.published_on, rp.id, r.position, r.id`,
      );
      const cells = await queryRows<{
        id: number;
        recommendationId: number;
        reportId: number;
        status: MatrixCell['status'];
      }>(
        db,
        sql`select a.id, a.recommendation_id as "recommendationId",
              a.assessing_report_id as "reportId", a.status
            from assessments a
            where a.recommendation_id in (
              select r.id from recommendations r join reports rp on rp.id = r.report_id
              where ${where})`,
      );
      const reportIds = [...new Set(cells.map((cell) => cell.reportId))];
      const columns =
        reportIds.length === 0
          ? []
          : await queryRows<{ ref: ReportRef }>(
              db,
              sql`select ${reportRefJson('rp')} as ref from reports rp
                  where rp.id in ${reportIds} order by rp.published_on, rp.id`,
            );
      const columnIndex = new Map(columns.map(({ ref }, index) => [ref.id, index]));
      const cellsByRecommendation = new Map<number, (MatrixCell | null)[]>();
      for (const cell of cells) {
        let line = cellsByRecommendation.get(cell.recommendationId);
        if (!line) {
          line = columns.map(() => null);
          cellsByRecommendation.set(cell.recommendationId, line);
        }
        line[columnIndex.get(cell.reportId)!] = { status: cell.status, assessmentId: cell.id };
      }
      return {
        country,
        columns: columns.map(({ ref }) => ref),
        rows: rows.map(({ recommendation }) => ({
          recommendation,
          cells: cellsByRecommendation.get(recommendation.id) ?? columns.map(() => null),
        })),
      };
    },
  };
}
