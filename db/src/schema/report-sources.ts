import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { requiredReference } from './columns.js';
import { reports } from './reports.js';
import { users } from './users.js';

/**
 * The plain text of a report, as imported: line numbers of recommendations and quotes refer to
 * it, and follow-up suggestions are read from it. One per report; goes with its report.
 */
export const reportSources = pgTable(
  'report_sources',
  {
    // A serial id like every other table, so backups page through it the same way.
    id: serial('id').primaryKey(),
    reportId: requiredReference('report_id', () => reports.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    /**
     * `sourceTextHash(text)`: an import of a text already stored is refused unless the editor
     * confirms it. Null in rows restored from a dump made before it existed.
     */
    textHash: text('text_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** null when stored by the system (the seed import). */
    createdBy: integer('created_by').references(() => users.id),
  },
  (table) => [
    uniqueIndex('report_sources_report_id_key').on(table.reportId),
    index('report_sources_text_hash_idx').on(table.textHash),
  ],
);

/**
 * Follow-up suggestions an editor dismissed. Suggestions are computed from the text each time, so
 * a dismissal is kept by the suggestion's stable id (with the sentence, for whoever looks later).
 */
export const followUpDismissals = pgTable(
  'follow_up_dismissals',
  {
    id: serial('id').primaryKey(),
    reportId: requiredReference('report_id', () => reports.id, { onDelete: 'cascade' }),
    suggestionId: text('suggestion_id').notNull(),
    sentence: text('sentence').notNull(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull().defaultNow(),
    dismissedBy: integer('dismissed_by').references(() => users.id),
  },
  (table) => [
    uniqueIndex('follow_up_dismissals_report_suggestion_key').on(
      table.reportId,
      table.suggestionId,
    ),
  ],
);
