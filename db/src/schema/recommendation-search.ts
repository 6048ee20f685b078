import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable } from 'drizzle-orm/pg-core';
import { tsvector } from './columns.js';
import { implementationStatus } from './enums.js';
import { recommendations } from './recommendations.js';

/**
 * What a search reads of every recommendation it finds, and nothing else: a copy of the columns
 * its matching, filters and sort keys use, one row per recommendation, kept by the triggers of
 * db/sql/search-copy.sql (never written by the API; dumps leave it out and a restore fills it
 * again). A search without a country must match, rank and count every recommendation its words
 * find before it knows its first page. Read from rows of about 1.2 kB instead of the
 * recommendations' 1.7 kB (text, heading, place in the source, version, timestamps: 118 MB against
 * 177 at 100,000 recommendations), each match costs less to visit: the search's CPU per request
 * grew 1.72-1.94x from 1x to 100x data instead of 2.07x on the same machine
 * (scripts/bench/README.md, "The search's matches read from a narrow copy"). The page's own rows
 * are then read from recommendations by id.
 */
export const recommendationSearch = pgTable(
  'recommendation_search',
  {
    id: integer('id')
      .primaryKey()
      .references(() => recommendations.id, { onDelete: 'cascade', onUpdate: 'cascade' }),
    reportId: integer('report_id').notNull(),
    reportPublishedOn: date('report_published_on'),
    position: integer('position').notNull(),
    countryId: integer('country_id'),
    topicId: integer('topic_id'),
    priority: boolean('priority').notNull(),
    currentStatus: implementationStatus('current_status').notNull(),
    openSince: date('open_since'),
    closedOn: date('closed_on'),
    /** recommendations.search_vector: its own words, the text's weighted A, the heading's B. */
    searchVector: tsvector('search_vector'),
    /** recommendations.evidence_vector: its assessments' words, one position per assessment. */
    evidenceVector: tsvector('evidence_vector'),
  },
  (table) => [
    index('recommendation_search_words_idx').using('gin', table.searchVector),
    index('recommendation_search_evidence_idx').using('gin', table.evidenceVector),
    // A search within a topic reads only the topic's matches (the two bitmaps and-ed): 2 ms instead
    // of 11 for "observers" within Media at 100,000 recommendations, which read and dropped the
    // region's 12,360 matches. (Within a few countries, a search checks their rows instead.)
    index('recommendation_search_topic_idx').on(table.topicId),
    // The recommendations with more assessments than evidence_vector holds (normally none).
    index('recommendation_search_evidence_unstored_idx')
      .on(table.id)
      .where(sql`evidence_vector is null`),
  ],
);
