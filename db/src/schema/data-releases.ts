import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** Raw bytes: node-postgres answers a Buffer, PGlite a Uint8Array (a Buffer is one too). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return 'bytea';
  },
});

/**
 * Published data releases: each one an immutable, numbered (`2026.1`) snapshot of every public
 * record, kept as the very archive bytes that were published, so that a download years later is
 * byte for byte the one a paper cited. Rows are only ever inserted.
 */
export const dataReleases = pgTable(
  'data_releases',
  {
    id: serial('id').primaryKey(),
    /** `year.sequence`, e.g. `2026.1`: the sequence restarts each (UTC) year. */
    number: text('number').notNull(),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: integer('published_by').references(() => users.id),
    notes: text('notes').notNull(),
    /** SHA-256 (hex) of the archive's bytes. */
    sha256: text('sha256').notNull(),
    /** Size of the archive in bytes. */
    size: integer('size').notNull(),
    /** Rows per table in the archive. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
    /** Per table: records added, changed and removed since the previous release. */
    changes: jsonb('changes')
      .$type<Record<string, { added: number; changed: number; removed: number }>>()
      .notNull(),
    archive: bytea('archive').notNull(),
  },
  (table) => [
    uniqueIndex('data_releases_number_key').on(table.number),
    uniqueIndex('data_releases_year_sequence_key').on(table.year, table.sequence),
    index('data_releases_published_at_idx').on(table.publishedAt),
  ],
);
