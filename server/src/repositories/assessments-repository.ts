import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows, schema } from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';
import type {
  Assessment,
  AssessmentListQuery,
  AssessmentPage,
  AssessmentInput,
  assessmentPatchSchema,
  AssessmentRecord,
} from '@tracker/shared';
import type { z } from 'zod';
import { ValidationProblem } from '../errors.js';
import { publishedOn } from './reports-repository.js';
import {
  electionIdsByCountries,
  pageBounds,
  pageInfo,
  recommendationRefJson,
  reportIdsByKeys,
  reportRefJson,
  sourceLinesJson,
  whereAll,
} from './sql-fragments.js';
import { isoTimestamps, recordWrites } from './versioned-writes.js';
import type { Fields, VersionedKind } from './versioned-writes.js';

type AssessmentPatch = Fields<z.output<typeof assessmentPatchSchema>>;

export const assessmentKind: VersionedKind<typeof schema.assessments, AssessmentRecord> = {
  entity: 'assessment',
  label: 'assessment',
  table: schema.assessments,
  present: ({ status, ...row }) => {
    // The table's check constraint (assessments_status_is_a_judgement) rules this out.
    if (status === 'not_assessed') throw new Error(`assessment ${row.id} has no judgement`);
    return { ...row, status, ...isoTimestamps(row) };
  },
};

/** A report can only judge recommendations issued before it. */
async function checkAssessmentOrder(
  tx: Transaction,
  assessment: { recommendationId: number; assessingReportId: number },
): Promise<void> {
  const issued = await publishedOn(tx, { recommendationId: assessment.recommendationId });
  const assessed = await publishedOn(tx, { reportId: assessment.assessingReportId });
  // Missing records are left to the foreign keys, which answer 409.
  if (issued && assessed && assessed <= issued) {
    throw new ValidationProblem('The assessing report must be later than the recommendation.', [
      { path: 'body.assessingReportId', message: 'is not later than the recommendation’s report' },
    ]);
  }
}

/**
 * Assessments `a` with their assessing report `arp` and the recommendation `r` they judge (issued
 * by `rp`, on topic `t`), as `Assessment` rows.
 */
const assessmentSelect = sql`
  select a.id, a.status, a.quote, a.location, ${sourceLinesJson('a')} as "sourceLines",
    a.basis, a.confidence, a.note, ${reportRefJson('arp')} as "assessingReport",
    ${recommendationRefJson('r', 'rp', 't')} as recommendation
  from assessments a
  join reports arp on arp.id = a.assessing_report_id
  join recommendations r on r.id = a.recommendation_id
  join reports rp on rp.id = r.report_id
  left join topics t on t.id = r.topic_id`;

/** Conditions on `a` alone (subqueries resolve the rest), so counting needs no join. */
function conditions(filter: Omit<AssessmentListQuery, 'page' | 'pageSize'>): SQL[] {
  const result: SQL[] = [];
  if (filter.country) {
    result.push(sql`a.recommendation_id in (
      select xr.id from recommendations xr join reports xrp on xrp.id = xr.report_id
      where xrp.election_id in ${electionIdsByCountries(filter.country)})`);
  }
  if (filter.report) result.push(sql`a.assessing_report_id in ${reportIdsByKeys(filter.report)}`);
  if (filter.recommendation) result.push(sql`a.recommendation_id in ${filter.recommendation}`);
  if (filter.status) result.push(sql`a.status in ${filter.status}`);
  if (filter.thirdParty !== undefined) {
    result.push(
      sql`a.assessing_report_id in (select xk.id from reports xk where ${
        filter.thirdParty ? sql`xk.kind = 'third_party'` : sql`xk.kind <> 'third_party'`
      })`,
    );
  }
  return result;
}

export function createAssessmentsRepository(db: Database) {
  return {
    ...recordWrites(db, assessmentKind, {
      toValues: async (_tx, input: Fields<AssessmentInput>, actor) => ({
        ...input,
        recordedBy: actor.userId,
      }),
      toChanges: async (_tx, changes: AssessmentPatch) => changes,
      check: checkAssessmentOrder,
    }),

    async list(query: AssessmentListQuery): Promise<AssessmentPage> {
      const { page, pageSize, ...filter } = query;
      const where = whereAll(conditions(filter));
      const [counted] = await queryRows<{ total: number }>(
        db,
        sql`select count(*)::int as total from assessments a where ${where}`,
      );
      const total = counted?.total ?? 0;
      const { limit, offset } = pageBounds(page, pageSize);
      const items =
        offset >= total
          ? []
          : await queryRows<Assessment>(
              db,
              sql`${assessmentSelect}
                  where ${where}
                  order by arp.published_on desc, arp.id desc, rp.published_on, rp.id, r.position, a.id
                  limit ${limit} offset ${offset}`,
            );
      return { items, ...pageInfo(page, pageSize, total) };
    },

    async findById(id: number): Promise<Assessment | null> {
      const [row] = await queryRows<Assessment>(db, sql`${assessmentSelect} where a.id = ${id}`);
      return row ?? null;
    },

    /** The assessments one report made, by the assessed recommendation's report and number. */
    async listMadeBy(reportId: number): Promise<Assessment[]> {
      return queryRows<Assessment>(
        db,
        sql`${assessmentSelect}
            where a.assessing_report_id = ${reportId}
            order by rp.published_on, rp.id, r.position, a.id`,
      );
    },
  };
}
