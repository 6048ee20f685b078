import type { SQL } from 'drizzle-orm';
import type { Database, Transaction } from './connection.js';

/**
 * Runs raw SQL and returns its rows. Both engines answer `execute` with `{ rows }`, but the common
 * database type cannot say so, hence this one typed entry point for hand-written queries.
 */
export async function queryRows<Row>(db: Database | Transaction, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
