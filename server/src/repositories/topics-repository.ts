import { sql } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { Topic, TopicListQuery } from '@tracker/shared';
import { electionIdsByCountries } from './sql-fragments.js';

export function createTopicsRepository(db: Database) {
  return {
    /** The taxonomy in its order, each topic with its number of recommendations. */
    async list(query: TopicListQuery): Promise<Topic[]> {
      const inCountries = query.country
        ? sql`and r.report_id in (select rp.id from reports rp
              where rp.election_id in ${electionIdsByCountries(query.country)})`
        : sql``;
      return queryRows<Topic>(
        db,
        sql`select t.slug, t.name, t.position,
              (select count(*)::int from recommendations r
               where r.topic_id = t.id ${inCountries}) as "recommendationCount"
            from topics t
            order by t.position`,
      );
    },
  };
}
