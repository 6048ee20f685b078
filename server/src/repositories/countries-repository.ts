import { sql } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { Country } from '@tracker/shared';

/** Countries `c` with the size of their record, counted through the indexes on foreign keys. */
const countrySelect = sql`
  select c.code, c.name,
    (select count(*)::int from elections e where e.country_id = c.id) as "electionCount",
    (select count(*)::int from reports rp join elections e on e.id = rp.election_id
      where e.country_id = c.id) as "reportCount",
    (select count(*)::int from recommendations r join reports rp on rp.id = r.report_id
      join elections e on e.id = rp.election_id where e.country_id = c.id) as "recommendationCount"
  from countries c`;

export function createCountriesRepository(db: Database) {
  return {
    /** Every country (a few dozen OSCE participating States at most), by name. */
    async list(): Promise<Country[]> {
      return queryRows<Country>(db, sql`${countrySelect} order by c.name, c.code`);
    },

    async findByCode(code: string): Promise<Country | null> {
      const [row] = await queryRows<Country>(db, sql`${countrySelect} where c.code = ${code}`);
      return row ?? null;
    },
  };
}
