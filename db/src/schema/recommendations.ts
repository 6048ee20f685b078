import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { UNADDRESSED_STATUSES } from '@tracker/shared';
import { assessments } from './assessments.js';
import { requiredReference, timestamps, tsvector, version } from './columns.js';
import { datePrecision, implementationStatus } from './enums.js';
import { reports } from './reports.js';
import { topics } from './topics.js';

/**
 * The unaddressed statuses as an SQL list, for the partial index below: the API's `unaddressed`
 * filter uses the same constant, and the planner uses the index only for a query whose condition
 * implies the index's. Changing the constant makes `npm run db:generate` write a migration that
 * re-creates the index (tests/db/sql-definitions.test.ts compares the index in force with it).
 */
const unaddressedStatusList = sql.raw(
  UNADDRESSED_STATUSES.map((status) => `'${status}'`).join(', '),
);

export const recommendations = pgTable(
  'recommendations',
  {
    id: serial('id').primaryKey(),
    reportId: requiredReference('report_id', () => reports.id),
    /** The number as printed in the report ("12"). */
    number: text('number').notNull(),
    /** Order within the report, for sorting ("2" before "10"). */
    position: integer('position').notNull(),
    priority: boolean('priority').notNull().default(false),
    /** The sub-heading it sits under in the report (Legal Framework, Media, ...). */
    heading: text('heading'),
    topicId: integer('topic_id').references(() => topics.id),
    /** Verbatim text; null when the recommendation is known only by its number (text not entered). */
    text: text('text'),
    /** Where it stands in the source: lines of the report's source file, and a readable place. */
    sourceLineStart: integer('source_line_start'),
    sourceLineEnd: integer('source_line_end'),
    location: text('location'),
    /**
     * Status given by the most recent ODIHR report that assessed it. Derived from assessments and
     * kept current by a trigger (migration 0001), so every writer, bulk loads included, agrees.
     */
    currentStatus: implementationStatus('current_status').notNull().default('not_assessed'),
    /**
     * The issuing report's publication date, copied here by triggers (migration 0005) so that the
     * printed order (report date, report, position) is one index: lists page through it instead
     * of sorting every match. Null only until the trigger has run; never written by the API.
     */
    reportPublishedOn: date('report_published_on'),
    /**
     * The country of the issuing report's election, copied here by the same triggers for the same
     * reason: a country's list pages through one index in printed order, whatever the data's size,
     * instead of gathering and sorting all its recommendations. Null only until the trigger has run.
     */
    countryId: integer('country_id'),
    /*
     * Derived like current_status, and stored for the same reason: every list, detail and export
     * shows them, and reading a column is far cheaper than looking them up (and planning those
     * look-ups) per listed row. Triggers keep them right for every writer (migration 0006); the
     * API never writes them, and dumps leave them out (a restore recomputes them).
     */
    /** The official (not third-party) assessment that gives `currentStatus`; null if none. */
    latestAssessmentId: integer('latest_assessment_id').references(
      (): AnyPgColumn => assessments.id,
      { onDelete: 'set null' },
    ),
    /**
     * Since when the recommendation is open: the earliest issuing report's date in its lineage (it
     * and every recommendation it continues, transitively), with that date's precision.
     */
    openSince: date('open_since'),
    openSincePrecision: datePrecision('open_since_precision'),
    /**
     * When fully implemented: the date of the first ODIHR report that found it so after the last
     * official judgement saying otherwise, with its precision; otherwise null.
     */
    closedOn: date('closed_on'),
    closedOnPrecision: datePrecision('closed_on_precision'),
    /**
     * Every word (lexeme) of its assessments' quotes and notes, third-party evidence included,
     * each assessment's words at a position of its own (its rank by id: 1, 2, ...), without
     * weights; empty when it has none. A search finds the recommendations that its own words or
     * its assessments' words match in one pass over one table (the two vectors' copies in
     * recommendation_search, each with its GIN index), instead of reading every matching
     * assessment and then each of their recommendations by id; the positions tell whether the
     * words were said in one and the same assessment (server/src/repositories/sql-fragments.ts:
     * `evidenceQuery`). Null when it has more than 255 assessments, more positions than a
     * tsvector keeps for one word: a search then looks in the assessments themselves.
     */
    evidenceVector: tsvector('evidence_vector').default(sql`''::tsvector`),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce("text", '')), 'A') || setweight(to_tsvector('english', coalesce("heading", '')), 'B')`,
    ),
    ...version,
    ...timestamps,
  },
  (table) => [
    uniqueIndex('recommendations_report_number_key').on(table.reportId, table.number),
    index('recommendations_report_position_idx').on(table.reportId, table.position),
    // A country's or a topic's list, or both, read in printed order (the topic index also serves
    // what the index on topic_id alone did).
    index('recommendations_country_printed_order_idx').on(
      table.countryId,
      table.reportPublishedOn,
      table.reportId,
      table.position,
      table.id,
    ),
    index('recommendations_topic_printed_order_idx').on(
      table.topicId,
      table.reportPublishedOn,
      table.reportId,
      table.position,
      table.id,
    ),
    index('recommendations_country_topic_printed_order_idx').on(
      table.countryId,
      table.topicId,
      table.reportPublishedOn,
      table.reportId,
      table.position,
      table.id,
    ),
    // Filters by status, and the list sorted by status then in printed order, read in order.
    index('recommendations_status_printed_order_idx').on(
      table.currentStatus,
      table.reportPublishedOn,
      table.reportId,
      table.position,
      table.id,
    ),
    index('recommendations_priority_idx').on(table.priority),
    // The search's indexes are on its copy of the vectors (recommendation-search.ts).
    // Deleting an assessment sets its references to null (then the trigger recomputes them).
    index('recommendations_latest_assessment_id_idx').on(table.latestAssessmentId),
    index('recommendations_printed_order_idx').on(
      table.reportPublishedOn,
      table.reportId,
      table.position,
      table.id,
    ),
    // The home page's question: priority recommendations still unaddressed, in printed order.
    index('recommendations_priority_unaddressed_idx')
      .on(table.reportPublishedOn, table.reportId, table.position, table.id)
      .where(sql`priority and current_status in (${unaddressedStatusList})`),
    // A country's priority recommendations, in printed order: the public's first question.
    index('recommendations_country_priority_printed_order_idx')
      .on(table.countryId, table.reportPublishedOn, table.reportId, table.position, table.id)
      .where(sql`priority`),
    // The priority unaddressed ones, sorted by status.
    index('recommendations_priority_unaddressed_status_idx')
      .on(table.currentStatus, table.reportPublishedOn, table.reportId, table.position, table.id)
      .where(sql`priority and current_status in (${unaddressedStatusList})`),
    check('recommendations_number_not_blank', sql`length(trim(${table.number})) > 0`),
    check(
      'recommendations_text_not_blank',
      sql`${table.text} is null or length(trim(${table.text})) > 0`,
    ),
    check(
      'recommendations_source_lines',
      sql`(${table.sourceLineStart} is null) = (${table.sourceLineEnd} is null) and (${table.sourceLineStart} is null or (${table.sourceLineStart} > 0 and ${table.sourceLineStart} <= ${table.sourceLineEnd}))`,
    ),
  ],
);
