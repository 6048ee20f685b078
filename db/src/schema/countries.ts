import { sql } from 'drizzle-orm';
import { check, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps, version } from './columns.js';

export const countries = pgTable(
  'countries',
  {
    id: serial('id').primaryKey(),
    /** ISO 3166-1 alpha-2 code, upper case. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    ...version,
    ...timestamps,
  },
  (table) => [
    uniqueIndex('countries_code_key').on(table.code),
    check('countries_code_format', sql`${table.code} ~ '^[A-Z]{2}$'`),
  ],
);
