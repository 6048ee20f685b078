import { sql } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';

/**
 * Tables whose rows a refused request may legitimately write: a failed sign-in is counted (that
 * is the throttle), whatever the body looked like.
 */
const BOOKKEEPING_TABLES = new Set(['sign_in_throttles']);

/** Columns that reading touches: using a token records when it was last used. */
const BOOKKEEPING_COLUMNS = ['last_used_at', 'last_seen_at'];

export type Snapshot = Record<string, { rows: number; checksum: string }>;

/** Every table of the schema (migrations bookkeeping aside), found afresh so new tables count. */
export async function tableNames(db: Database): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((row) => row.name);
}

/**
 * Row count and a checksum of the full contents of every table, history entries included: two
 * equal snapshots mean nothing was written in between.
 */
export async function snapshot(db: Database): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const name of await tableNames(db)) {
    if (BOOKKEEPING_TABLES.has(name)) continue;
    const [row] = await queryRows<{ rows: number; checksum: string }>(
      db,
      sql`select count(*)::int as rows,
                 md5(coalesce(string_agg(line, E'\n' order by line), '')) as checksum
          from (select (to_jsonb(t) - ${sql.raw(`array['${BOOKKEEPING_COLUMNS.join("','")}']`)})::text as line
                from ${sql.identifier(name)} t) lines`,
    );
    result[name] = row!;
  }
  return result;
}
