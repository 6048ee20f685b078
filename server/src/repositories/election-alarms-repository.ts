import { sql } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import { ELECTION_ALARM_LIST_LIMIT, UNADDRESSED_STATUSES } from '@tracker/shared';
import type { ElectionAlarm, ElectionAlarmList, TopicSlug } from '@tracker/shared';
import { countryRefJson, electionRefJson, recommendationRefJson } from './sql-fragments.js';

/** The alarm's settings (config: LEGAL_CHANGE_WINDOW_MONTHS, LEGISLATIVE_TOPICS). */
export interface ElectionAlarmSettings {
  /** Months before an election in which the law should no longer change. */
  windowMonths: number;
  /** Topics whose recommendations need a change of law; legal-framework always among them. */
  legislativeTopics: readonly TopicSlug[];
}

export const DEFAULT_LEGAL_CHANGE_WINDOW_MONTHS = 12;

/** At most this many upcoming elections are answered, soonest first. */
const MAX_ELECTIONS = 200;

/** Today's date in UTC, as the answer cache counts days. */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Upcoming elections (election day on or after `asOf`) with the open ODIHR priority
 * recommendations on a legislative topic to their country.
 *
 * The window closes on election day minus `windowMonths` calendar months, computed by PostgreSQL
 * (`date - make_interval(months => n)`): the same day of the month, or the month's last day when
 * the earlier month is shorter (31 March minus one month is 28 or 29 February; 29 February 2028
 * minus 12 months is 28 February 2027). A recommendation is open when its current status (from
 * official assessments only) is unaddressed; recommendations issued by third-party reports never
 * count. The whole country's recommendations are listed, whichever election they came from.
 */
export function createElectionAlarmsRepository(db: Database, settings: ElectionAlarmSettings) {
  const topics = [...new Set<TopicSlug>(['legal-framework', ...settings.legislativeTopics])];
  return {
    async list(query: { country?: string | undefined; asOf?: string | undefined }) {
      const asOf = query.asOf ?? todayUtc();
      const window = settings.windowMonths;
      const inCountry = query.country ? sql`and c.code = ${query.country}` : sql``;
      const open = sql`
        from recommendations r
        join reports rp on rp.id = r.report_id
        join elections re on re.id = rp.election_id
        join topics t on t.id = r.topic_id
        where re.country_id = u.country_id
          and rp.kind <> 'third_party'
          and r.priority
          and r.current_status in (${sql.join(
            UNADDRESSED_STATUSES.map((status) => sql`${status}`),
            sql`, `,
          )})
          and t.slug in (${sql.join(
            topics.map((slug) => sql`${slug}`),
            sql`, `,
          )})`;
      const items = await queryRows<ElectionAlarm>(
        db,
        sql`with u as (
              select e.*, (e.held_on - make_interval(months => ${window}::int))::date as closes_on
              from elections e join countries c on c.id = e.country_id
              where e.held_on >= ${asOf}::date ${inCountry}
            )
            select ${countryRefJson('c')} as country,
              ${electionRefJson('u')} as election,
              ${window}::int as "windowMonths",
              u.closes_on::text as "windowClosesOn",
              greatest(u.closes_on - ${asOf}::date, 0) as "daysLeft",
              (u.held_on - ${asOf}::date) as "daysToElection",
              u.closes_on <= ${asOf}::date as "atRisk",
              (select count(*)::int ${open}) as "recommendationCount",
              coalesce((
                select json_agg(x.ref order by x.open_since, x.published_on, x.position, x.id)
                from (
                  select ${recommendationRefJson('r', 'rp', 't')} as ref,
                    r.open_since, rp.published_on, r.position, r.id
                  ${open}
                  order by r.open_since, rp.published_on, r.position, r.id
                  limit ${ELECTION_ALARM_LIST_LIMIT}
                ) x
              ), '[]'::json) as recommendations
            from u join countries c on c.id = u.country_id
            order by u.held_on, c.code, u.id
            limit ${MAX_ELECTIONS}`,
      );
      return {
        asOf,
        windowMonths: window,
        legislativeTopics: topics,
        items,
      } satisfies ElectionAlarmList;
    },
  };
}
