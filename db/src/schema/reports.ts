import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { requiredReference, timestamps, version } from './columns.js';
import { elections } from './elections.js';
import { datePrecision, reportKind } from './enums.js';

export const reports = pgTable(
  'reports',
  {
    id: serial('id').primaryKey(),
    /** A stable, citable identifier such as `kz-2019-final`. */
    slug: text('slug').notNull(),
    electionId: requiredReference('election_id', () => elections.id),
    /** ODIHR, or another organisation (a third-party report is evidence, never official status). */
    publisher: text('publisher').notNull(),
    kind: reportKind('kind').notNull(),
    title: text('title').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    publishedOnPrecision: datePrecision('published_on_precision').notNull().default('day'),
    sourceUrl: text('source_url'),
    /** The text file the recommendations and quotes were taken from; line numbers refer to it. */
    sourceFile: text('source_file'),
    note: text('note'),
    ...version,
    ...timestamps,
  },
  (table) => [
    uniqueIndex('reports_slug_key').on(table.slug),
    index('reports_election_id_idx').on(table.electionId),
    index('reports_published_on_idx').on(table.publishedOn),
    // ODIHR's own figures leave out what third parties issued (`odihrIssued` in the server's
    // sql-fragments.ts): these few ids are read from here, not by scanning every report.
    index('reports_third_party_idx')
      .on(table.id)
      .where(sql`kind = 'third_party'`),
    check('reports_slug_format', sql`${table.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);
