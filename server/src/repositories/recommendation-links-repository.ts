import { schema } from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';
import type { LinkInput, linkPatchSchema, linkRecordSchema } from '@tracker/shared';
import type { z } from 'zod';
import { ValidationProblem } from '../errors.js';
import { publishedOn } from './reports-repository.js';
import { isoTimestamps, recordWrites } from './versioned-writes.js';
import type { Fields, VersionedKind } from './versioned-writes.js';

type LinkPatch = Fields<z.output<typeof linkPatchSchema>>;
type LinkRecord = z.output<typeof linkRecordSchema>;

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
  const later = await publishedOn(tx, { recommendationId: link.laterRecommendationId });
  const earlier = await publishedOn(tx, { recommendationId: link.earlierRecommendationId });
  if (later && earlier && later <= earlier) {
    throw new ValidationProblem('The later recommendation must come from a later report.', [
      { path: 'body.laterRecommendationId', message: 'is not from a later report' },
    ]);
  }
}

/** Lineage links between recommendations: written by editors, read with a recommendation. */
export function createRecommendationLinksRepository(db: Database) {
  return recordWrites(db, linkKind, {
    toValues: async (_tx, input: Fields<LinkInput>, actor) => ({
      ...input,
      createdBy: actor.userId,
    }),
    toChanges: async (_tx, changes: LinkPatch) => changes,
    check: checkLinkOrder,
  });
}
