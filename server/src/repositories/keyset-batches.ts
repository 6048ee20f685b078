import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { SortOrder } from '@tracker/shared';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';

export interface SortKey {
  expression: SQL;
  direction: SortOrder;
}

/** The parts of one batch's query that `keysetBatches` hands to its caller. */
export interface BatchQuery {
  /** A condition: the row comes after the previous batch's last one in the sort. */
  after: SQL;
  /** Select-list items `(<key>)::text as tN`, the keys carried to the next batch. */
  carried: SQL;
  /** ORDER BY the keys. */
  order: SQL;
  limit: number;
}

/** `after` for the keys: (k0 > v0) or (k0 = v0 and k1 > v1) or ..., each in its direction. */
function afterLast(keys: SortKey[], last: Record<string, unknown> | undefined): SQL {
  if (!last) return sql`true`;
  const value = (i: number) => String(last[`t${i}`]);
  const branches = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((earlier, j) => sql`${earlier.expression} = ${value(j)}`);
    const beyond =
      key.direction === 'asc'
        ? sql`${key.expression} > ${value(i)}`
        : sql`${key.expression} < ${value(i)}`;
    return sql`(${sql.join([...equal, beyond], sql` and `)})`;
  });
  return sql`(${sql.join(branches, sql` or `)})`;
}

/**
 * Every row of a query in its sort, in batches of `batchSize` read one after the other (keyset
 * pagination on the sort keys, which must end in a unique one), so an export of any size holds
 * one batch at a time and never keeps a transaction (on PGlite: the only connection) open. Each
 * key is carried to the next batch as text: a parameter of unknown type takes the type of the
 * key it is compared with, so dates, enums and reals compare exactly.
 */
export async function* keysetBatches<Row extends object>(
  db: Database,
  keys: SortKey[],
  query: (parts: BatchQuery) => SQL,
  batchSize: number,
): AsyncGenerator<Row[]> {
  const carried = sql.join(
    keys.map((key, i) => sql`(${key.expression})::text as ${sql.raw(`t${i}`)}`),
    sql`, `,
  );
  const order = sql.join(
    keys.map((key) => sql`${key.expression} ${sql.raw(key.direction)}`),
    sql`, `,
  );
  const read = (last: Record<string, unknown> | undefined) => {
    const rows = queryRows<Row & Record<string, unknown>>(
      db,
      query({ after: afterLast(keys, last), carried, order, limit: batchSize }),
    );
    // A download given up mid-way leaves its read-ahead unawaited: its failure is no error.
    rows.catch(() => {});
    return rows;
  };
  // Copied without the carried keys rather than deleting them: a deletion turns each row into a
  // slow, larger dictionary-mode object.
  const carriedNames = new Set(keys.map((_key, i) => `t${i}`));
  const strip = (row: Record<string, unknown>): Row => {
    const copy: Record<string, unknown> = {};
    for (const name in row) if (!carriedNames.has(name)) copy[name] = row[name];
    return copy as Row;
  };
  // The next batch is read while the client takes this one: the database and the
  // serialisation then overlap instead of taking turns.
  let next = read(undefined);
  for (;;) {
    const rows = await next;
    const last = rows.at(-1);
    const more = rows.length === batchSize && last !== undefined;
    if (more) next = read(last);
    if (rows.length > 0) yield rows.map(strip);
    if (!more) return;
  }
}
