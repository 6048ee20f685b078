import { boolean, index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { recommendationLinks } from './recommendation-links.js';
import { recommendations } from './recommendations.js';

/**
 * Every recommendation's lineage as its detail shows it: the links reachable from it in each
 * direction, with how far away each is and through which recommendation (`lineage_reach` of
 * db/sql/lineage-closure.sql says how the walk goes). Kept by the triggers there on every link
 * written (never by the API; dumps leave it out and a restore fills it again). The detail's one
 * statement walked the links, both ways, on every read: at 100,000 recommendations it ran
 * 6,080-6,890 times a second on two cores that way, 7,530-8,530 reading the links from here
 * (pgbench, prepared, random ids, three interleaved 5 s runs each; scripts/bench/README.md, "The
 * lineage kept instead of walked").
 */
export const recommendationLineage = pgTable(
  'recommendation_lineage',
  {
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'cascade', onUpdate: 'cascade' }),
    /** Which way the walk went: towards the earlier recommendations (true), or the later ones. */
    towardEarlier: boolean('toward_earlier').notNull(),
    linkId: integer('link_id')
      .notNull()
      .references(() => recommendationLinks.id, { onDelete: 'cascade', onUpdate: 'cascade' }),
    /** 1 for the recommendation's own links, 2 for the links of those it links to, and so on. */
    depth: integer('depth').notNull(),
    /** The link's near side: the recommendation the walk reached it through. */
    via: integer('via').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.recommendationId, table.towardEarlier, table.linkId] }),
    // A deleted link's rows go by ON DELETE CASCADE, found through this.
    index('recommendation_lineage_link_idx').on(table.linkId),
  ],
);
