import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type pg from 'pg';
import type { DatabaseHandle } from './connection.js';

/** The committed SQL migrations written by drizzle-kit (`npm run db:generate`). */
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * The SQL functions and triggers in force, one file per concern (db/README.md lists them). Next
 * to `migrations`, so the same relative path serves db/src (tests, tsx) and db/dist (the build).
 */
export const sqlDefinitionsFolder = fileURLToPath(new URL('../sql', import.meta.url));

/** The definition files in name order, each as one SQL text of several statements. */
export function readSqlDefinitions(): { file: string; text: string }[] {
  return readdirSync(sqlDefinitionsFolder)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(sqlDefinitionsFolder, file), 'utf8') }));
}

/**
 * Where a database records the definitions it was given (file, hash of its text), next to
 * drizzle's own record of migrations. When any differs, the stored derived columns are computed
 * again with the new rules: a changed rule must not leave rows computed by the old one.
 */
const APPLIED_DEFINITIONS = 'drizzle.__sql_definitions';

/** The statements that apply the definitions, in one transaction the caller opens. */
function definitionStatements(definitions: { file: string; text: string }[]): string[] {
  const rows = definitions.map(({ file, text }) => {
    const hash = createHash('sha256').update(text).digest('hex');
    return `('${file.replaceAll("'", "''")}', '${hash}')`;
  });
  return [
    ...definitions.map(({ text }) => text),
    `CREATE TABLE IF NOT EXISTS ${APPLIED_DEFINITIONS} (file text PRIMARY KEY, hash text NOT NULL)`,
    // Recomputes only when the recorded set differs from this one (a first run included).
    `DO $$ BEGIN
      IF EXISTS (
        (SELECT file, hash FROM ${APPLIED_DEFINITIONS}
         EXCEPT SELECT * FROM (VALUES ${rows.join(', ')}) AS given(file, hash))
        UNION ALL
        (SELECT * FROM (VALUES ${rows.join(', ')}) AS given(file, hash)
         EXCEPT SELECT file, hash FROM ${APPLIED_DEFINITIONS})
      ) THEN
        PERFORM fill_derived_columns();
        DELETE FROM ${APPLIED_DEFINITIONS};
        INSERT INTO ${APPLIED_DEFINITIONS} (file, hash) VALUES ${rows.join(', ')};
      END IF;
    END $$`,
  ];
}

/** Arbitrary constant: the advisory lock that serialises migrations of several starting servers. */
const MIGRATION_LOCK = 7_240_114;

/**
 * Applies the migrations not yet applied, then the definitions of db/sql (CREATE OR REPLACE, in
 * one transaction), so that a new database and one migrated long ago end with the same functions
 * and triggers; when the definitions differ from those last applied, it also recomputes every
 * recommendation's derived columns (`fill_derived_columns`). Running it again changes nothing. On PostgreSQL several instances may start at
 * once, so they take turns under an advisory lock.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const statements = definitionStatements(readSqlDefinitions());
  if (handle.engine === 'pglite') {
    // Loaded only for PGlite, like the engine itself (connection.ts).
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    const pglite = (handle.db as unknown as { $client: PGlite }).$client;
    await pglite.transaction(async (tx) => {
      for (const statement of statements) await tx.exec(statement);
    });
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
    await client.query('begin');
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    await client.query('reset statement_timeout');
  } catch (error) {
    // The session may still hold the lock, or a transaction: the connection is closed rather
    // than reused.
    broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}
