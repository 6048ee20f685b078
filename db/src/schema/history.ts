import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { historyAction, historyEntity } from './enums.js';
import { users } from './users.js';

/**
 * Every change to a record: who, when, what (the row before and after), and why. Append-only: the
 * API offers no way to edit or delete an entry.
 */
export const historyEntries = pgTable(
  'history_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entityType: historyEntity('entity_type').notNull(),
    entityId: integer('entity_id').notNull(),
    action: historyAction('action').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** null when the change was made by the system (the seed import). */
    userId: integer('user_id').references(() => users.id),
    reason: text('reason'),
    /** Who proposed the change, when review is required and `userId` approved it; else null. */
    proposedBy: integer('proposed_by').references(() => users.id),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (table) => [
    index('history_entries_entity_idx').on(table.entityType, table.entityId, table.changedAt),
    index('history_entries_changed_at_idx').on(table.changedAt),
  ],
);
