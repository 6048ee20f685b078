import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { requiredReference, timestamps, version } from './columns.js';
import { countries } from './countries.js';
import { datePrecision, electionKind } from './enums.js';

export const elections = pgTable(
  'elections',
  {
    id: serial('id').primaryKey(),
    countryId: requiredReference('country_id', () => countries.id),
    kind: electionKind('kind').notNull(),
    /** Election day (the first round). A source may give only the year or month: see precision. */
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    heldOnPrecision: datePrecision('held_on_precision').notNull().default('day'),
    secondRoundOn: date('second_round_on', { mode: 'string' }),
    early: boolean('early').notNull().default(false),
    /** Provenance of the metadata, and anything inferred rather than stated. */
    note: text('note'),
    ...version,
    ...timestamps,
  },
  (table) => [
    uniqueIndex('elections_country_kind_held_on_key').on(table.countryId, table.kind, table.heldOn),
    index('elections_held_on_idx').on(table.heldOn),
    check(
      'elections_second_round_after_first',
      sql`${table.secondRoundOn} is null or ${table.secondRoundOn} > ${table.heldOn}`,
    ),
  ],
);
