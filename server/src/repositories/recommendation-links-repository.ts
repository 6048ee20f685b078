import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { schema } from '@tracker/db';
import { linkExportRowSchema } from '@tracker/shared';
import type { Database, Transaction } from '@tracker/db';
import type {
  LinkExportQuery,
  LinkExportRow,
  LinkInput,
  linkPatchSchema,
  LinkRecord,
} from '@tracker/shared';
import type { z } from 'zod';
import { requireFields } from '../errors.js';
import { checkPublishedAfter } from './reports-repository.js';
import { exportBatches } from './keyset-batches.js';
import type { ExportBatches } from './keyset-batches.js';
import { electionIdsByCountries, reportIdsByKeys, whereAll } from './sql-fragments.js';
import { isoTimestamps, recordWrites } from './versioned-writes.js';
import type { Fields, VersionedKind } from './versioned-writes.js';

type LinkPatch = Fields<z.output<typeof linkPatchSchema>>;

export const linkKind: VersionedKind<typeof schema.recommendationLinks, LinkRecord> = {
  entity: 'recommendation_link',
  label: 'lineage link',
  table: schema.recommendationLinks,
  present: (row) => ({ ...row, ...isoTimestamps(row) }),
};

/** The later recommendation of a lineage link must come from a later report. */
async function checkLinkOrder(
  tx: Transaction,
  link: { laterRecommendationId: number; earlierRecommendationId: number },
): Promise<void> {
  await checkPublishedAfter(
    tx,
    { recommendationId: link.laterRecommendationId },
    { recommendationId: link.earlierRecommendationId },
    {
      detail: 'The later recommendation must come from a later report.',
      field: 'laterRecommendationId',
      message: 'is not from a later report',
    },
  );
}

/**
 * A link changes a recommendation's public "open since", so it needs the editor's confidence and
 * the reason for it (`note`), besides its kind (which the schema requires).
 */
function checkLinkJustified(link: {
  confidence?: string | null | undefined;
  note?: string | null | undefined;
}): void {
  requireFields(
    link,
    { confidence: 'is required for a link', note: 'is required: the reason for the link' },
    'A lineage link needs a confidence and a reason (note).',
  );
}

function exportConditions(filter: LinkExportQuery): SQL[] {
  const result: SQL[] = [];
  if (filter.country) {
    result.push(sql`lrp.election_id in ${electionIdsByCountries(filter.country)}`);
  }
  if (filter.report) {
    const ids = reportIdsByKeys(filter.report);
    result.push(sql`(lr.report_id in ${ids} or er.report_id in ${ids})`);
  }
  if (filter.kind) result.push(sql`l.kind in ${filter.kind}`);
  return result;
}

/** Lineage links between recommendations: written by editors, read with a recommendation. */
export function createRecommendationLinksRepository(db: Database) {
  return {
    ...recordWrites(db, linkKind, {
      toValues: async (_tx, input: Fields<LinkInput>, actor) => ({
        ...input,
        createdBy: actor.userId,
      }),
      toChanges: async (_tx, changes: LinkPatch) => changes,
      check: async (tx, link) => {
        checkLinkJustified(link);
        await checkLinkOrder(tx, link);
      },
    }),

    /** Every matching link as a flat export row, in id order, in batches. */
    exportBatches(filter: LinkExportQuery, batchSize = 500): ExportBatches<LinkExportRow> {
      return exportBatches(db, {
        schema: linkExportRowSchema,
        columns: {
          id: sql`l.id`,
          kind: sql`l.kind`,
          laterRecommendationId: sql`l.later_recommendation_id`,
          laterReport: sql`lrp.slug`,
          laterNumber: sql`lr.number`,
          earlierRecommendationId: sql`l.earlier_recommendation_id`,
          earlierReport: sql`erp.slug`,
          earlierNumber: sql`er.number`,
          countryCode: sql`c.code`,
          confidence: sql`l.confidence`,
          note: sql`l.note`,
        },
        keys: [{ expression: sql`l.id`, direction: 'asc' }],
        query: (batch) => sql`
          select ${batch.columns}, ${batch.carried}
          from recommendation_links l
          join recommendations lr on lr.id = l.later_recommendation_id
          join reports lrp on lrp.id = lr.report_id
          join recommendations er on er.id = l.earlier_recommendation_id
          join reports erp on erp.id = er.report_id
          join elections e on e.id = lrp.election_id
          join countries c on c.id = e.country_id
          where ${batch.after} and ${whereAll(exportConditions(filter))}
          order by ${batch.order}
          limit ${batch.limit}`,
        batchSize,
      });
    },
  };
}
