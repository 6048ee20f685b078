import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { requiredReference, timestamps, tsvector, version } from './columns.js';
import { assessmentBasis, confidenceLevel, implementationStatus } from './enums.js';
import { recommendations } from './recommendations.js';
import { reports } from './reports.js';
import { users } from './users.js';

/** A later report's judgement of an earlier recommendation, with its evidence. */
export const assessments = pgTable(
  'assessments',
  {
    id: serial('id').primaryKey(),
    recommendationId: requiredReference('recommendation_id', () => recommendations.id),
    assessingReportId: requiredReference('assessing_report_id', () => reports.id),
    status: implementationStatus('status').notNull(),
    /** The verbatim evidence from the assessing report. */
    quote: text('quote').notNull(),
    sourceLineStart: integer('source_line_start'),
    sourceLineEnd: integer('source_line_end'),
    location: text('location'),
    basis: assessmentBasis('basis').notNull(),
    /** For inferred assessments: how sure the editor is, and why the statement was mapped here. */
    confidence: confidenceLevel('confidence'),
    note: text('note'),
    /** The editor who recorded it; null for the seed data set. */
    recordedBy: integer('recorded_by').references(() => users.id),
    /**
     * The evidence search: the quote weighted A, the note B. The recommendation list finds a
     * recommendation by the words of its assessments through the GIN index below.
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', "quote"), 'A') || setweight(to_tsvector('english', coalesce("note", '')), 'B')`,
    ),
    ...version,
    ...timestamps,
  },
  (table) => [
    // One judgement per report and recommendation keeps the status matrix unambiguous.
    uniqueIndex('assessments_recommendation_report_key').on(
      table.recommendationId,
      table.assessingReportId,
    ),
    index('assessments_assessing_report_id_idx').on(table.assessingReportId),
    index('assessments_search_idx').using('gin', table.searchVector),
    check('assessments_status_is_a_judgement', sql`${table.status} <> 'not_assessed'`),
    check('assessments_quote_not_blank', sql`length(trim(${table.quote})) > 0`),
    check(
      'assessments_inferred_needs_confidence_and_note',
      sql`${table.basis} = 'explicit' or (${table.confidence} is not null and ${table.note} is not null)`,
    ),
    check(
      'assessments_source_lines',
      sql`(${table.sourceLineStart} is null) = (${table.sourceLineEnd} is null) and (${table.sourceLineStart} is null or (${table.sourceLineStart} > 0 and ${table.sourceLineStart} <= ${table.sourceLineEnd}))`,
    ),
  ],
);
