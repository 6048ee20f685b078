import { customType, integer, timestamp } from 'drizzle-orm/pg-core';
import type { ReferenceConfig } from 'drizzle-orm/pg-core';

/** Created/updated timestamps every table carries. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/**
 * Optimistic concurrency: an update must name the version it was based on and bumps it, so two
 * editors changing one record cannot silently overwrite each other.
 */
export const version = {
  version: integer('version').notNull().default(1),
};

/** A column that must name a row of another table by its id (`not null references`). */
export function requiredReference<TName extends string>(
  name: TName,
  target: ReferenceConfig['ref'],
  actions?: ReferenceConfig['actions'],
) {
  return integer(name).notNull().references(target, actions);
}

export const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});
