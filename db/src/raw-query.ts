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
 * A connection keeps it among its `STATEMENTS_PER_CONNECTION` like the shaped ones below.
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
 * sort), each prepared under a name derived from its text (see `preparedText` for how many a
 * connection keeps).
 *
 * A prepared statement's plan may become PostgreSQL's generic plan (after five executions, when
 * it costs no more than the plans made for the values): that saves the planning, most of a short
 * page's database time, but the generic plan is made without the values. A query whose values
 * change the plan a lot (a range of years, a search's words: their frequencies differ a
 * hundredfold) is therefore given with `preparable` false and always planned for its values.
 */
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
  return { name, text, values: params };
}

/**
 * How many named statements one pooled connection keeps prepared (PostGraphile keeps 100). A
 * list statement with its plans holds about 350 KB of the backend's memory, so this bounds a
 * connection's at about 35 MB. The least recently used leaves first, so the slots go to the
 * shapes the traffic asks for now, not to the first ones seen.
 */
export const STATEMENTS_PER_CONNECTION = 100;

/** The statements prepared on each pooled connection, least recently used first. */
const preparedOn = new WeakMap<pg.PoolClient, Map<string, true>>();

/**
 * node-postgres remembers which names it has parsed on a connection (an internal of its
 * `Connection`, stable across pg 8) and would not parse a deallocated one again; forgetting it
 * there makes the next use prepare it anew.
 */
interface ParsedStatements {
  connection: { parsedStatements: Record<string, string> };
}

/** Makes room for, and records the use of, statement `name` on `client`. */
async function keepPrepared(client: pg.PoolClient, name: string): Promise<void> {
  let prepared = preparedOn.get(client);
  if (!prepared) {
    prepared = new Map();
    preparedOn.set(client, prepared);
  }
  if (prepared.delete(name)) {
    prepared.set(name, true);
    return;
  }
  for (const oldest of prepared.keys()) {
    if (prepared.size < STATEMENTS_PER_CONNECTION) break;
    await client.query(`deallocate "${oldest}"`);
    delete (client as unknown as ParsedStatements).connection.parsedStatements[oldest];
    prepared.delete(oldest);
  }
  prepared.set(name, true);
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
  const { rows } = !(client instanceof pg.Pool)
    ? await client.query(text, values, { rowMode: 'array' })
    : name === undefined
      ? await client.query<unknown[]>({ text, values, rowMode: 'array' })
      : await queryPrepared(client, { name, text, values });
  const answer = rows[0]?.[0];
  return typeof answer === 'string' ? answer : null;
}

/** Runs a named statement on one of the pool's connections, which keeps it prepared. */
async function queryPrepared(
  pool: pg.Pool,
  statement: Required<BoundStatement>,
): Promise<{ rows: unknown[][] }> {
  const connection = await pool.connect();
  try {
    await keepPrepared(connection, statement.name);
    const result = await connection.query<unknown[]>({ ...statement, rowMode: 'array' });
    connection.release();
    return result;
  } catch (error) {
    // As the pool's own `query` does: a connection whose query failed is not reused.
    connection.release(error as Error);
    throw error;
  }
}
