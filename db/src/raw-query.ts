import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Database, Transaction } from './connection.js';

/**
 * Runs raw SQL and returns its rows. Both engines answer `execute` with `{ rows }`, but the common
 * database type cannot say so, hence this one typed entry point for hand-written queries.
 */
export async function queryRows<Row>(db: Database | Transaction, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/**
 * A statement of fixed text, prepared once per pooled connection on PostgreSQL (by its name) and
 * run with bound values `$1`, `$2`...: its parse and plan are not paid again on every request.
 * The names are few and fixed (one per statement in the code), so every connection keeps at
 * most that many.
 */
export interface PreparedStatement {
  name: string;
  text: string;
}

const dialect = new PgDialect();

/** A prepared statement of `query`, whose values are written `$1`... in it (no interpolation). */
export function preparedStatement(name: string, query: SQL): PreparedStatement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (params.length > 0) {
    throw new Error(`prepared statement ${name}: values go as $1, $2..., not interpolated`);
  }
  return { name, text };
}

interface ArrayRowsClient {
  query(
    text: string,
    values: unknown[],
    options: { rowMode: 'array' },
  ): Promise<{ rows: unknown[][] }>;
}

/**
 * The statements of a query whose text varies with its input (which filters a list has, its
 * sort), each prepared under a name derived from its text. At most MAX_SHAPES texts are ever
 * prepared, so a pooled connection keeps a bounded number (PostGraphile keeps 100 per
 * connection); texts seen after those run unprepared, as before.
 *
 * A prepared statement's plan may become PostgreSQL's generic plan (after five executions, when
 * it costs no more than the plans made for the values): that saves the planning, most of a short
 * page's database time, but the generic plan is made without the values. A query whose values
 * change the plan a lot (a range of years, a search's words: their frequencies differ a
 * hundredfold) is therefore given with `preparable` false and always planned for its values.
 */
const MAX_SHAPES = 200;
const shapes = new Set<string>();

export interface BoundStatement {
  name?: string;
  text: string;
  values: unknown[];
}

/** `query` as a statement with its values bound, prepared by a name if its shape may be. */
export function shapedStatement(prefix: string, query: SQL, preparable = true): BoundStatement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (!preparable) return { text, values: params };
  const name = `${prefix}_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
  if (shapes.has(name) || shapes.size < MAX_SHAPES) {
    shapes.add(name);
    return { name, text, values: params };
  }
  return { text, values: params };
}

/**
 * Runs a statement (prepared if it has a name) whose answer is one text column (a finished JSON
 * body built by the database) and returns its first row's text as it came, unparsed; null when
 * no row.
 */
export async function preparedText(
  db: Database,
  { name, text, values }: BoundStatement,
): Promise<string | null> {
  const client = (db as unknown as { $client: pg.Pool | ArrayRowsClient }).$client;
  const { rows } =
    client instanceof pg.Pool
      ? await client.query<unknown[]>({ ...(name ? { name } : {}), text, values, rowMode: 'array' })
      : await client.query(text, values, { rowMode: 'array' });
  const answer = rows[0]?.[0];
  return typeof answer === 'string' ? answer : null;
}
