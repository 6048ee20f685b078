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

const linkKind: VersionedKind<typeof schema.recommendationLinks, LinkRecord> = {
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

/**
 * A link changes a recommendation's public "open since", so it needs the editor's confidence and
 * the reason for it (`note`), besides its kind (which the schema requires).
 */
function checkLinkJustified(link: {
  confidence?: string | null | undefined;
  note?: string | null | undefined;
}): void {
  const errors = [];
  if (!link.confidence) errors.push({ path: 'body.confidence', message: 'is required for a link' });
  if (!link.note) {
    errors.push({ path: 'body.note', message: 'is required: the reason for the link' });
  }
  if (errors.length > 0) {
    throw new ValidationProblem('A lineage link needs a confidence and a reason (note).', errors);
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
    check: async (tx, link) => {
      checkLinkJustified(link);
      await checkLinkOrder(tx, link);
    },
  });
}
