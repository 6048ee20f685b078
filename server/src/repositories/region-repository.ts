import { sql } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import { ASSESSMENT_STATUSES, CURRENT_STATUSES, TOPIC_SLUGS } from '@tracker/shared';
import type {
  AssessmentStatus,
  CountryRef,
  CountrySummary,
  CurrentStatus,
  RecommendationRef,
  Region,
  RegionCountry,
  ReportRef,
  StatusCounts,
  TopicRef,
} from '@tracker/shared';
import { ageColumns, odihrIssued, recommendationRefJson, reportRefJson } from './sql-fragments.js';

/** At most this many civil-society recommendations are listed on a country's summary. */
const CIVIL_SOCIETY_LIMIT = 500;

/** Statuses that count as at least partially implemented. */
const IMPLEMENTED = ['fully_implemented', 'mostly_implemented', 'partially_implemented'];
/** Statuses that are an implementation judgement (the denominator of the share). */
const JUDGED = [...IMPLEMENTED, 'not_implemented'];

/**
 * The region overview and a country's summary: ODIHR's recommendations only (`odihrIssued`);
 * those of third-party reports are counted apart as civil-society recommendations.
 */
export function createRegionRepository(db: Database) {
  return {
    /** Every country with data (a few dozen at most), with what remains unaddressed. */
    async region(): Promise<Region> {
      const rows = await queryRows<
        Omit<RegionCountry, 'implementedShare' | 'country'> & CountryRef & { implemented: number }
      >(
        db,
        sql`with recs as (
              select e.country_id, r.id, r.number, r.priority,
                r.current_status in ('not_implemented', 'not_assessed') as unaddressed,
                r.current_status::text as status, r.report_published_on,
                ${ageColumns.yearsOpen} as years_open, rp.kind = 'third_party' as third_party
              from recommendations r join reports rp on rp.id = r.report_id
              join elections e on e.id = rp.election_id),
            tallies as (
              select x.country_id,
                count(*) filter (where not x.third_party and x.priority and x.unaddressed)::int
                  as unaddressed_priority,
                count(*) filter (where not x.third_party and x.status in ${JUDGED})::int
                  as assessed,
                count(*) filter (where not x.third_party and x.status in ${IMPLEMENTED})::int
                  as implemented,
                count(*) filter (where x.third_party)::int as civil_society
              from recs x group by x.country_id),
            oldest as (
              select distinct on (x.country_id) x.country_id,
                json_build_object('id', x.id, 'number', x.number,
                  'year', extract(year from x.report_published_on)::int,
                  'yearsOpen', x.years_open) as oldest
              from recs x where not x.third_party and x.priority and x.unaddressed
              order by x.country_id, x.years_open desc, x.report_published_on, x.id)
            select c.code, c.name,
              coalesce(tl.unaddressed_priority, 0) as "unaddressedPriority",
              o.oldest as "oldestUnaddressed",
              (select json_build_object('slug', rp.slug, 'title', rp.title,
                  'publishedOn', rp.published_on::text)
                from reports rp join elections e on e.id = rp.election_id
                where e.country_id = c.id and rp.kind <> 'third_party'
                order by rp.published_on desc, rp.id desc limit 1) as "lastMission",
              coalesce(tl.assessed, 0) as assessed,
              coalesce(tl.implemented, 0) as implemented,
              coalesce(tl.civil_society, 0) as "civilSociety"
            from countries c
            left join tallies tl on tl.country_id = c.id
            left join oldest o on o.country_id = c.id
            where exists (select 1 from elections e where e.country_id = c.id)
            order by c.name, c.code`,
      );
      return {
        items: rows.map(({ code, name, implemented, ...rest }) => ({
          country: { code, name },
          ...rest,
          implementedShare: rest.assessed === 0 ? null : implemented / rest.assessed,
        })),
      };
    },

    /** A country's figures by topic and by assessing report; null when the code is unknown. */
    async countrySummary(code: string): Promise<CountrySummary | null> {
      const [country] = await queryRows<CountryRef & { id: number }>(
        db,
        sql`select c.id, c.code, c.name from countries c where c.code = ${code}`,
      );
      if (!country) return null;
      const ofCountry = sql`r.report_id in (select rp.id from reports rp
        join elections e on e.id = rp.election_id where e.country_id = ${country.id})`;
      const topicRows = await queryRows<{
        topic: TopicRef | null;
        priority: boolean;
        status: CurrentStatus;
        count: number;
      }>(
        db,
        sql`select case when t.id is null then null
                else json_build_object('slug', t.slug, 'name', t.name) end as topic,
              r.priority, r.current_status as status, count(*)::int as count
            from recommendations r left join topics t on t.id = r.topic_id
            where ${ofCountry} and ${odihrIssued}
            group by t.id, t.slug, t.name, r.priority, r.current_status`,
      );
      const byTopic = new Map<string, CountrySummary['byTopic'][number]>();
      for (const row of topicRows) {
        const key = row.topic?.slug ?? '';
        let entry = byTopic.get(key);
        if (!entry) {
          const byStatus = Object.fromEntries(CURRENT_STATUSES.map((s) => [s, 0])) as StatusCounts;
          entry = { topic: row.topic, total: 0, priority: 0, unaddressedPriority: 0, byStatus };
          byTopic.set(key, entry);
        }
        entry.total += row.count;
        entry.byStatus[row.status] += row.count;
        if (row.priority) {
          entry.priority += row.count;
          if (row.status === 'not_implemented' || row.status === 'not_assessed') {
            entry.unaddressedPriority += row.count;
          }
        }
      }
      const order = (slug: string) => {
        const index = (TOPIC_SLUGS as readonly string[]).indexOf(slug);
        return index === -1 ? Number.MAX_SAFE_INTEGER : index;
      };
      const progressRows = await queryRows<{
        report: ReportRef;
        status: AssessmentStatus;
        count: number;
      }>(
        db,
        sql`select ${reportRefJson('arp')} as report, a.status, count(*)::int as count
            from assessments a join reports arp on arp.id = a.assessing_report_id
            join recommendations r on r.id = a.recommendation_id
            where ${ofCountry} and ${odihrIssued}
            group by arp.id, a.status
            order by arp.published_on, arp.id`,
      );
      const progress: CountrySummary['progress'] = [];
      for (const row of progressRows) {
        let entry = progress.at(-1);
        if (!entry || entry.report.id !== row.report.id) {
          const byStatus = Object.fromEntries(ASSESSMENT_STATUSES.map((s) => [s, 0])) as Record<
            AssessmentStatus,
            number
          >;
          entry = { report: row.report, byStatus, total: 0 };
          progress.push(entry);
        }
        entry.byStatus[row.status] += row.count;
        entry.total += row.count;
      }
      const civilSociety = await queryRows<{ recommendation: RecommendationRef }>(
        db,
        sql`select ${recommendationRefJson('r', 'rp', 't')} as recommendation
            from recommendations r join reports rp on rp.id = r.report_id
            left join topics t on t.id = r.topic_id
            where ${ofCountry} and rp.kind = 'third_party'
            order by rp.published_on, rp.id, r.position, r.id
            limit ${CIVIL_SOCIETY_LIMIT}`,
      );
      return {
        country: { code: country.code, name: country.name },
        byTopic: [...byTopic.entries()]
          .sort(([a], [b]) => order(a) - order(b))
          .map(([, entry]) => entry),
        progress,
        civilSociety: civilSociety.map((row) => row.recommendation),
      };
    },
  };
}
