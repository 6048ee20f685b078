import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { requiredReference, timestamps, version } from './columns.js';
import { confidenceLevel, linkKind } from './enums.js';
import { recommendations } from './recommendations.js';
import { users } from './users.js';

/** Lineage: a later recommendation that repeats or continues an earlier one. */
export const recommendationLinks = pgTable(
  'recommendation_links',
  {
    id: serial('id').primaryKey(),
    laterRecommendationId: requiredReference('later_recommendation_id', () => recommendations.id),
    earlierRecommendationId: requiredReference(
      'earlier_recommendation_id',
      () => recommendations.id,
    ),
    kind: linkKind('kind').notNull(),
    /** Links are editorial judgements: how sure, and why. */
    confidence: confidenceLevel('confidence'),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    ...version,
    ...timestamps,
  },
  (table) => [
    uniqueIndex('recommendation_links_pair_key').on(
      table.laterRecommendationId,
      table.earlierRecommendationId,
    ),
    index('recommendation_links_earlier_idx').on(table.earlierRecommendationId),
    check(
      'recommendation_links_not_self',
      sql`${table.laterRecommendationId} <> ${table.earlierRecommendationId}`,
    ),
  ],
);
