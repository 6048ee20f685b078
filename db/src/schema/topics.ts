import { integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** The fixed taxonomy of `TOPICS` in the shared package; rows are written by the seed. */
export const topics = pgTable(
  'topics',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (table) => [uniqueIndex('topics_slug_key').on(table.slug)],
);
