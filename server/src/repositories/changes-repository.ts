import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { Change, ChangeFeedQuery, ChangeListQuery, ChangePage } from '@tracker/shared';
import { pageBounds, pageInfo, whereAll } from './sql-fragments.js';

function conditions(filter: Omit<ChangeListQuery, 'page' | 'pageSize'>): SQL[] {
  // User accounts are not public records: their history (e-mail, role) never leaves the server.
  const result: SQL[] = [sql`h.entity_type <> 'user'`];
  if (filter.entityType) result.push(sql`h.entity_type = ${filter.entityType}`);
  if (filter.entityId !== undefined) result.push(sql`h.entity_id = ${filter.entityId}`);
  return result;
}

/** One change as a feed shows it: with names for the record, its recommendation and country. */
export interface FeedChange {
  id: number;
  entityType: Change['entityType'];
  entityId: number;
  action: Change['action'];
  changedAt: string;
  userName: string | null;
  reason: string | null;
  /** The fields an update changed, or the record's fields for a creation or deletion. */
  fields: string[];
  /** The record in words: `recommendation 3 of kz-2019-final`, `report “…”`. */
  label: string | null;
  /** The recommendation the change concerns (itself, or the one assessed or linked). */
  recommendationId: number | null;
  countryName: string | null;
}

/**
 * The recommendation (`rid`) and country (`cid`) each history entry concerns, read from the
 * records as they are now (a deleted record's entry falls back on its stored fields).
 */
const feedScope = sql`
  left join lateral (
    select case h.entity_type
      when 'recommendation' then h.entity_id
      when 'assessment' then coalesce(
        (select a.recommendation_id from assessments a where a.id = h.entity_id),
        (coalesce(h.before, h.after) ->> 'recommendationId')::int)
      when 'recommendation_link' then coalesce(
        (select l.later_recommendation_id from recommendation_links l where l.id = h.entity_id),
        (coalesce(h.before, h.after) ->> 'laterRecommendationId')::int)
    end as rid
  ) s on true
  left join lateral (
    select coalesce(
      (select se.country_id from recommendations sr join reports sp on sp.id = sr.report_id
        join elections se on se.id = sp.election_id where sr.id = s.rid),
      case h.entity_type
        when 'country' then h.entity_id
        when 'election' then (select se.country_id from elections se where se.id = h.entity_id)
        when 'report' then (select se.country_id from reports sp
          join elections se on se.id = sp.election_id where sp.id = h.entity_id)
      end) as cid
  ) sc on true`;

function feedConditions(filter: ChangeFeedQuery): SQL[] {
  const result: SQL[] = [sql`h.entity_type <> 'user'`];
  if (filter.country) {
    result.push(sql`sc.cid = (select c.id from countries c where c.code = ${filter.country})`);
  }
  if (filter.topic) {
    result.push(sql`s.rid in (select tr.id from recommendations tr join topics tt on tt.id = tr.topic_id
      where tt.slug = ${filter.topic})`);
  }
  if (filter.recommendation !== undefined) {
    result.push(sql`(s.rid = ${filter.recommendation} or (h.entity_type = 'recommendation_link' and
      h.entity_id in (select l.id from recommendation_links l
        where l.earlier_recommendation_id = ${filter.recommendation})))`);
  }
  return result;
}

export function createChangesRepository(db: Database) {
  return {
    /** The change history, newest first (history_entries_changed_at_idx, or the entity index). */
    async list(query: ChangeListQuery): Promise<ChangePage> {
      const { page, pageSize, ...filter } = query;
      const where = whereAll(conditions(filter));
      const [counted] = await queryRows<{ total: number }>(
        db,
        sql`select count(*)::int as total from history_entries h where ${where}`,
      );
      const total = counted?.total ?? 0;
      const { limit, offset } = pageBounds(page, pageSize);
      const items =
        offset >= total
          ? []
          : await queryRows<Change>(
              db,
              sql`select h.id::float8 as id, h.entity_type as "entityType", h.entity_id as "entityId",
                    h.action,
                    to_char(h.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "changedAt",
                    case when u.id is null then null
                      else json_build_object('id', u.id, 'displayName', u.display_name) end as "user",
                    h.reason, h.before, h.after
                  from history_entries h
                  left join users u on u.id = h.user_id
                  where ${where}
                  order by h.changed_at desc, h.id desc
                  limit ${limit} offset ${offset}`,
            );
      return { items, ...pageInfo(page, pageSize, total) };
    },

    /** The newest `limit` changes a feed follows, newest first, with names for their records. */
    async feed(filter: ChangeFeedQuery, limit = 50): Promise<FeedChange[]> {
      return queryRows<FeedChange>(
        db,
        sql`select h.id::float8 as id, h.entity_type as "entityType", h.entity_id as "entityId",
              h.action,
              to_char(h.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "changedAt",
              u.display_name as "userName", h.reason,
              coalesce((select array_agg(k order by k) from jsonb_object_keys(
                coalesce(h.after, h.before, '{}'::jsonb)) k
                where k not in ('id', 'version', 'createdAt', 'updatedAt')), '{}') as fields,
              case h.entity_type
                when 'recommendation' then (select 'recommendation ' || lr.number || ' of ' || lp.slug
                  from recommendations lr join reports lp on lp.id = lr.report_id where lr.id = h.entity_id)
                when 'assessment' then (select 'assessment of recommendation ' || lr.number || ' of '
                    || lp.slug || ' by ' || ap.slug
                  from assessments la join recommendations lr on lr.id = la.recommendation_id
                  join reports lp on lp.id = lr.report_id
                  join reports ap on ap.id = la.assessing_report_id where la.id = h.entity_id)
                when 'recommendation_link' then (select 'lineage link: recommendation ' || lr.number
                    || ' of ' || lp.slug || ' ' || l.kind || ' recommendation ' || er.number
                    || ' of ' || ep.slug
                  from recommendation_links l
                  join recommendations lr on lr.id = l.later_recommendation_id
                  join reports lp on lp.id = lr.report_id
                  join recommendations er on er.id = l.earlier_recommendation_id
                  join reports ep on ep.id = er.report_id where l.id = h.entity_id)
                when 'report' then (select 'report “' || lp.title || '”' from reports lp
                  where lp.id = h.entity_id)
                when 'election' then (select 'election of ' || le.held_on::text from elections le
                  where le.id = h.entity_id)
                when 'country' then (select 'country ' || lc.name from countries lc
                  where lc.id = h.entity_id)
              end as label,
              s.rid as "recommendationId",
              (select c.name from countries c where c.id = sc.cid) as "countryName"
            from history_entries h
            left join users u on u.id = h.user_id
            ${feedScope}
            where ${whereAll(feedConditions(filter))}
            order by h.changed_at desc, h.id desc
            limit ${limit}`,
      );
    },

    /**
     * A version of the whole data set as it reads today: the newest history entry (every write
     * adds one) and the database's date (years open grow daily). Used for the ETag of exports,
     * which are streamed and cannot be hashed.
     */
    async dataVersion(): Promise<{ latestChangeId: number; today: string }> {
      const [row] = await queryRows<{ latestChangeId: number; today: string }>(
        db,
        sql`select coalesce(max(h.id), 0)::float8 as "latestChangeId", current_date::text as today
            from history_entries h`,
      );
      return row!;
    },
  };
}
