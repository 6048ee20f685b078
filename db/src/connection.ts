import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { listenOnPglite, listenOnPostgres } from './notifications.js';
import type { DataChangeHandlers, DataChangeListener } from './notifications.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The drizzle database the rest of the code uses; it does not know which engine is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Engine = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /** Runs a trivial query; throws when the database cannot be reached. */
  ping(): Promise<void>;
  /** Calls back after every committed change to public data, whichever process made it. */
  listenForChanges(handlers: DataChangeHandlers): Promise<DataChangeListener>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent, an embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory; absent means in memory (tests). */
  dataDir?: string | undefined;
  /** A PGlite data directory dump to start from (tests clone a seeded template this way). */
  loadDataDir?: Blob | File | undefined;
  /** Upper bound of pooled connections to PostgreSQL. */
  poolSize?: number | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options);
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // JIT compilation only pays off for long analytic queries; the API's lateral look-ups are
    // cheap but costed high, and PostgreSQL would spend most of a request compiling them.
    options: '-c jit=off',
  });
  // An idle client whose backend goes away emits 'error' on the pool; without a listener that
  // would crash the process. The next query gets a fresh connection instead.
  pool.on('error', () => {});
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Database;
  return {
    db,
    engine: 'postgres',
    ping: async () => {
      await pool.query('select 1');
    },
    listenForChanges: async (handlers) => listenOnPostgres(url, handlers),
    close: () => pool.end(),
  };
}

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    engine: 'pglite',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listenForChanges: (handlers) => listenOnPglite(client, handlers),
    // PGlite flushes and closes its data directory cleanly here; the server calls this on SIGTERM.
    close: async () => {
      await client.close();
      unlock();
    },
  };
}
