import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { Change, ChangeListQuery, ChangePage } from '@tracker/shared';
import { pageBounds, pageInfo, whereAll } from './sql-fragments.js';

function conditions(filter: Omit<ChangeListQuery, 'page' | 'pageSize'>): SQL[] {
  // User accounts are not public records: their history (e-mail, role) never leaves the server.
  const result: SQL[] = [sql`h.entity_type <> 'user'`];
  if (filter.entityType) result.push(sql`h.entity_type = ${filter.entityType}`);
  if (filter.entityId !== undefined) result.push(sql`h.entity_id = ${filter.entityId}`);
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
