import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
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
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    // drizzle's migrator runs its own statements on the session it is given: the transaction's.
    await migratePostgres(tx as unknown as NodePgDatabase, { migrationsFolder });
  });
}
