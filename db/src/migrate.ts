import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type pg from 'pg';
import type { DatabaseHandle } from './connection.js';

/** The committed SQL migrations written by drizzle-kit (`npm run db:generate`). */
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Arbitrary constant: the advisory lock that serialises migrations of several starting servers. */
const MIGRATION_LOCK = 7_240_114;

/**
 * Applies the migrations not yet applied; running it again changes nothing. On PostgreSQL several
 * instances may start at once, so they take turns under an advisory lock.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === 'pglite') {
    // Loaded only for PGlite, like the engine itself (connection.ts).
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // One connection holds the lock and runs the migrator, which opens and commits its own
  // transaction (inside one of ours, its BEGIN and COMMIT would only draw warnings).
  const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // Waiting for another instance's migrations, and a migration itself, may take longer than
    // the statement timeout the requests run under; the session's own default comes back after.
    await client.query('set statement_timeout = 0');
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePostgres(drizzle({ client }), { migrationsFolder });
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    await client.query('reset statement_timeout');
  } catch (error) {
    // The session may still hold the lock: the connection is closed rather than reused.
    broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}
