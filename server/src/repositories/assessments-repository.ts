import { eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows, schema } from '@tracker/db';
import { assessmentExportRowSchema } from '@tracker/shared';
import type { Database, Transaction } from '@tracker/db';
import type {
  Assessment,
  AssessmentExportQuery,
  AssessmentExportRow,
  AssessmentListQuery,
  AssessmentPage,
  AssessmentBatchInput,
  AssessmentInput,
  assessmentPatchSchema,
  AssessmentRecord,
} from '@tracker/shared';
import type { z } from 'zod';
import { ValidationProblem, requireFields } from '../errors.js';
import { quoteOccursIn } from '../importer/index.js';
import { checkPublishedAfter } from './reports-repository.js';
import {
  electionIdsByCountries,
  countedPage,
  recommendationRefJson,
  reportIdsByKeys,
  reportRefJson,
  sourceLinesJson,
  whereAll,
} from './sql-fragments.js';
import type { Listing } from './sql-fragments.js';
import { exportBatches } from './keyset-batches.js';
import type { ExportBatches, SortKey } from './keyset-batches.js';
import { insertVersioned, isoTimestamps, recordWrites } from './versioned-writes.js';
import type { Actor, Fields, VersionedKind } from './versioned-writes.js';

type AssessmentPatch = Fields<z.output<typeof assessmentPatchSchema>>;

export const assessmentKind: VersionedKind<typeof schema.assessments, AssessmentRecord> = {
  entity: 'assessment',
  label: 'assessment',
  table: schema.assessments,
  present: ({ status, searchVector: _searchVector, ...row }) => {
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
  await checkPublishedAfter(
    tx,
    { reportId: assessment.assessingReportId },
    { recommendationId: assessment.recommendationId },
    {
      detail: 'The assessing report must be later than the recommendation.',
      field: 'assessingReportId',
      message: 'is not later than the recommendation’s report',
    },
  );
}

/** Inferred assessments need the editor's confidence and a note saying why (else a 400). */
function checkBasis(assessment: {
  basis?: string | undefined;
  confidence?: string | null | undefined;
  note?: string | null | undefined;
}): void {
  if (assessment.basis !== 'inferred') return;
  requireFields(
    assessment,
    {
      confidence: 'is required for an inferred assessment',
      note: 'is required for an inferred assessment',
    },
    'An inferred assessment needs a confidence and a note explaining the inference.',
  );
}

type QuoteFields = {
  assessingReportId: number;
  quote: string;
  sourceLineStart?: number | null;
  sourceLineEnd?: number | null;
};

/**
 * The quote must occur in the assessing report's stored text at its lines (anywhere when no lines
 * are given), whitespace, line breaks and markup aside; a report without stored text is accepted.
 */
async function checkQuoteInSource(tx: Transaction, assessment: QuoteFields): Promise<void> {
  const [source] = await tx
    .select({ text: schema.reportSources.text })
    .from(schema.reportSources)
    .where(eq(schema.reportSources.reportId, assessment.assessingReportId));
  if (!source) return;
  const start = assessment.sourceLineStart ?? null;
  const end = assessment.sourceLineEnd ?? null;
  if (quoteOccursIn(assessment.quote, source.text, start, end)) return;
  const where = start === null ? 'in' : `at lines ${start}-${end ?? start} of`;
  throw new ValidationProblem(`The quote does not occur ${where} the assessing report’s text.`, [
    {
      path: 'body.quote',
      message:
        start === null
          ? 'is not in the assessing report’s stored text'
          : `is not at lines ${start}-${end ?? start} of the assessing report’s stored text`,
    },
  ]);
}

/** The checks of a write: basis, order of the reports. */
async function checkAssessment(
  tx: Transaction,
  assessment: Parameters<typeof checkAssessmentOrder>[1] & Parameters<typeof checkBasis>[0],
): Promise<void> {
  checkBasis(assessment);
  await checkAssessmentOrder(tx, assessment);
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

/** The assessment list: the most recent assessing report first. */
const assessmentListing: Listing = {
  from: sql`assessments a`,
  select: assessmentSelect,
  orderBy: sql`arp.published_on desc, arp.id desc, rp.published_on, rp.id, r.position, a.id`,
};

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

/** The list's order: the most recent assessing report first, then the printed order. */
const EXPORT_KEYS: SortKey[] = [
  { expression: sql`arp.published_on`, direction: 'desc' },
  { expression: sql`arp.id`, direction: 'desc' },
  { expression: sql`rp.published_on`, direction: 'asc' },
  { expression: sql`rp.id`, direction: 'asc' },
  { expression: sql`r.position`, direction: 'asc' },
  { expression: sql`a.id`, direction: 'asc' },
];

export function createAssessmentsRepository(db: Database) {
  return {
    ...recordWrites(db, assessmentKind, {
      toValues: async (tx, input: Fields<AssessmentInput>, actor) => {
        // The order of the reports first: a quote can only be checked in a later report.
        await checkAssessmentOrder(tx, input);
        await checkQuoteInSource(tx, input);
        return { ...input, recordedBy: actor.userId };
      },
      toChanges: async (tx, changes: AssessmentPatch, current) => {
        const touched = ['quote', 'sourceLineStart', 'sourceLineEnd', 'assessingReportId'];
        if (touched.some((key) => key in changes)) {
          await checkAssessmentOrder(tx, { ...current, ...changes });
          await checkQuoteInSource(tx, { ...current, ...changes });
        }
        return changes;
      },
      check: checkAssessment,
    }),

    /**
     * One sentence recorded against several recommendations: one assessment each, all in one
     * transaction (all or none), each with its history entry.
     */
    async createMany(
      input: Omit<Fields<AssessmentBatchInput>, 'recommendationIds'>,
      recommendationIds: number[],
      actor: Actor,
    ): Promise<AssessmentRecord[]> {
      return db.transaction(async (tx) => {
        const records: AssessmentRecord[] = [];
        for (const [i, recommendationId] of recommendationIds.entries()) {
          const values = { ...input, recommendationId, recordedBy: actor.userId };
          await checkAssessment(tx, values);
          if (i === 0) await checkQuoteInSource(tx, input);
          const row = await insertVersioned(tx, assessmentKind, values, actor);
          records.push(await assessmentKind.present(row, tx));
        }
        return records;
      });
    },

    list: (query: AssessmentListQuery): Promise<AssessmentPage> =>
      countedPage<Assessment>(db, assessmentListing, whereAll(conditions(query)), query),

    /** Every matching assessment as a flat export row, in the list's order, in batches. */
    exportBatches(
      filter: AssessmentExportQuery,
      siteUrl: string,
      batchSize = 500,
    ): ExportBatches<AssessmentExportRow> {
      return exportBatches(db, {
        schema: assessmentExportRowSchema,
        columns: {
          id: sql`a.id`,
          recommendationId: sql`a.recommendation_id`,
          recommendationUrl: sql`${`${siteUrl}/recommendations/`}::text || a.recommendation_id`,
          countryCode: sql`c.code`,
          recommendationReport: sql`rp.slug`,
          recommendationNumber: sql`r.number`,
          assessingReport: sql`arp.slug`,
          assessingReportTitle: sql`arp.title`,
          assessingReportPublisher: sql`arp.publisher`,
          assessingReportPublishedOn: sql`arp.published_on::text`,
          thirdParty: sql`arp.kind = 'third_party'`,
          status: sql`a.status`,
          basis: sql`a.basis`,
          confidence: sql`a.confidence`,
          quote: sql`a.quote`,
          location: sql`a.location`,
          sourceLines: sql`case when a.source_line_start is null then null
            else a.source_line_start || '-' || a.source_line_end end`,
          note: sql`a.note`,
        },
        keys: EXPORT_KEYS,
        query: (batch) => sql`
          select ${batch.columns}, ${batch.carried}
          from assessments a
          join reports arp on arp.id = a.assessing_report_id
          join recommendations r on r.id = a.recommendation_id
          join reports rp on rp.id = r.report_id
          join elections e on e.id = rp.election_id
          join countries c on c.id = e.country_id
          where ${batch.after} and ${whereAll(conditions(filter))}
          order by ${batch.order}
          limit ${batch.limit}`,
        batchSize,
      });
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
