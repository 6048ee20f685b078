import { eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows, schema } from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';
import type {
  Election,
  ElectionListQuery,
  ElectionPage,
  ElectionInput,
  electionPatchSchema,
  ElectionRecord,
} from '@tracker/shared';
import type { z } from 'zod';
import { ValidationProblem } from '../errors.js';
import { countedPage, countryRefJson, reportRefJson, whereAll } from './sql-fragments.js';
import type { Listing } from './sql-fragments.js';
import { isoTimestamps, recordWrites } from './versioned-writes.js';
import type { Fields, VersionedKind } from './versioned-writes.js';

type ElectionPatch = Fields<z.output<typeof electionPatchSchema>>;

/** An election as the editing API answers it: with its country's code rather than its id. */
export const electionKind: VersionedKind<typeof schema.elections, ElectionRecord> = {
  entity: 'election',
  label: 'election',
  table: schema.elections,
  present: async ({ countryId, ...row }, tx) => {
    const [country] = await tx
      .select({ code: schema.countries.code })
      .from(schema.countries)
      .where(eq(schema.countries.id, countryId));
    return { ...row, countryCode: country!.code, ...isoTimestamps(row) };
  },
};

/** The id of the country with this code; an unknown code is a 400 on `countryCode`. */
async function countryIdOf(tx: Transaction, code: string): Promise<number> {
  const [country] = await tx
    .select({ id: schema.countries.id })
    .from(schema.countries)
    .where(eq(schema.countries.code, code));
  if (!country) {
    throw new ValidationProblem(`There is no country ${code}.`, [
      { path: 'body.countryCode', message: 'unknown country' },
    ]);
  }
  return country.id;
}

/** Elections `e` with their country and reports (a handful per election). */
const electionSelect = sql`
  select e.id, e.kind, e.held_on::text as "heldOn", e.held_on_precision as "heldOnPrecision",
    e.early, e.second_round_on::text as "secondRoundOn", e.note,
    ${countryRefJson('c')} as country,
    coalesce((
      select json_agg(${reportRefJson('rp')} order by rp.published_on, rp.id)
      from reports rp where rp.election_id = e.id
    ), '[]'::json) as reports
  from elections e
  join countries c on c.id = e.country_id`;

/** The election list: newest first (a filter names the country `c`). */
const electionListing: Listing = {
  from: sql`elections e join countries c on c.id = e.country_id`,
  select: electionSelect,
  orderBy: sql`e.held_on desc, e.id desc`,
};

function conditions(filter: Omit<ElectionListQuery, 'page' | 'pageSize'>): SQL[] {
  return filter.country ? [sql`c.code in ${filter.country}`] : [];
}

export function createElectionsRepository(db: Database) {
  return {
    ...recordWrites(db, electionKind, {
      toValues: async (tx, { countryCode, ...input }: Fields<ElectionInput>) => ({
        ...input,
        countryId: await countryIdOf(tx, countryCode),
      }),
      toChanges: async (tx, { countryCode, ...changes }: ElectionPatch) => ({
        ...changes,
        ...(countryCode ? { countryId: await countryIdOf(tx, countryCode) } : {}),
      }),
    }),

    list: (query: ElectionListQuery): Promise<ElectionPage> =>
      countedPage<Election>(db, electionListing, whereAll(conditions(query)), query),

    async findById(id: number): Promise<Election | null> {
      const [row] = await queryRows<Election>(db, sql`${electionSelect} where e.id = ${id}`);
      return row ?? null;
    },

    /** All elections of one country, newest first (decades of elections: a few dozen). */
    async listOfCountry(code: string): Promise<Election[]> {
      return queryRows<Election>(
        db,
        sql`${electionSelect} where c.code = ${code} order by ${electionListing.orderBy}`,
      );
    },
  };
}
