import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { requiredReference } from './columns.js';
import { proposalEntity, proposalKind, proposalState } from './enums.js';
import { users } from './users.js';

/**
 * Review before publishing (REVIEW_REQUIRED): an editor's write kept aside until another editor or
 * an admin decides on it. Nothing here is public: approval writes the payload to its table through
 * the ordinary versioned write, with its history entry.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: serial('id').primaryKey(),
    kind: proposalKind('kind').notNull(),
    entity: proposalEntity('entity').notNull(),
    /** The record an update changes; for a creation, the record created once approved. */
    targetId: integer('target_id'),
    /** The version an update is based on: approval is refused (409) if the record moved on. */
    baseVersion: integer('base_version'),
    /** The request body as sent (without `version`), validated by the direct write's schema. */
    payload: jsonb('payload').notNull(),
    proposedBy: requiredReference('proposed_by', () => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    state: proposalState('state').notNull().default('open'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Why it was rejected. */
    reason: text('reason'),
  },
  (table) => [
    index('proposals_state_idx').on(table.state, table.proposedAt),
    check(
      'proposals_update_has_target',
      sql`${table.kind} <> 'update' or (${table.targetId} is not null and ${table.baseVersion} is not null)`,
    ),
    check(
      'proposals_decision',
      sql`(${table.state} = 'open') = (${table.decidedBy} is null and ${table.decidedAt} is null)`,
    ),
  ],
);
