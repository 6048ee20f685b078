import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
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
  /**
   * The longest any one statement may run, in milliseconds, on every session; a statement that
   * runs longer is cancelled (SQLSTATE 57014, answered 503). 0 or absent: no limit.
   */
  statementTimeoutMs?: number | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.url
    ? openPostgres(options.url, options.poolSize ?? 10, options.statementTimeoutMs ?? 0)
    : openPglite(options);
}

/**
 * A connection that cannot be opened means the database is unavailable for now, whatever reason
 * PostgreSQL gives: a server starting or stopping (57P03), a database closed to connections
 * (55000), too many clients (53300), a refused socket. The error is given SQLSTATE 08001
 * (cannot establish connection), so the API answers 503 with Retry-After rather than 500; the
 * original error is its cause.
 */
class ConnectionFailedError extends Error {
  readonly code = '08001';
  constructor(cause: unknown) {
    super(`cannot connect to the database: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
    this.name = 'ConnectionFailedError';
  }
}

/** pg's own words, without a SQLSTATE, for a query on a connection that has been lost. */
const CONNECTION_LOST = /not queryable|Connection terminated/i;

/**
 * The client the pool makes: a failure to connect, and a query on a connection lost meanwhile
 * (pg reports it with a plain Error), both become a ConnectionFailedError (SQLSTATE 08001).
 * Not named "…Pool…": drizzle takes any client whose class name contains "Pool" for a pool.
 */
class DatabaseClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      const result = query(...args);
      if (!(result instanceof Promise)) return result;
      return result.catch((error: unknown) => {
        const lost =
          error instanceof Error &&
          (error as { code?: unknown }).code === undefined &&
          CONNECTION_LOST.test(error.message);
        throw lost ? new ConnectionFailedError(error) : error;
      });
    }) as pg.Client['query'];
  }

  override connect(): Promise<pg.Client>;
  override connect(
    callback: ((error: Error) => void) | ((error: null, client: pg.Client) => void),
  ): void;
  override connect(
    callback?: ((error: Error) => void) | ((error: null, client: pg.Client) => void),
  ): Promise<pg.Client> | void {
    if (callback) {
      const done = callback as (error: Error | null, client?: pg.Client) => void;
      super.connect((error: Error | null) =>
        error ? done(new ConnectionFailedError(error)) : done(null, this),
      );
      return;
    }
    return super.connect().catch((error: unknown) => {
      throw new ConnectionFailedError(error);
    });
  }
}

function openPostgres(url: string, poolSize: number, statementTimeoutMs: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    Client: DatabaseClient,
    // JIT compilation only pays off for long analytic queries; the API's lateral look-ups are
    // cheap but costed high, and PostgreSQL would spend most of a request compiling them.
    // Prefetching (effective_io_concurrency) off: the pages a request reads are in memory, in
    // shared buffers or the OS's page cache (the database is under 1 GB at 100,000
    // recommendations), and a bitmap scan's advice to read ahead then only costs a buffer look-up
    // and a system call per page: 10% of a broad search's CPU at 100,000 recommendations (perf),
    // whose statements took a fifth less time without it (scripts/bench/README.md).
    // The statement timeout is each session's default, so no runaway query holds a connection
    // (and the rows it locks) for longer; a session may lift it for itself (the migrations do).
    options: `-c jit=off -c effective_io_concurrency=0 -c statement_timeout=${Math.max(0, Math.trunc(statementTimeoutMs))}`,
  });
  // An idle client whose backend goes away emits 'error' on the pool; without a listener that
  // would crash the process. The next query gets a fresh connection instead.
  pool.on('error', () => {});
  // A client in use whose backend goes away (a terminated backend, a restarted server) emits
  // 'error' on itself as well: its query fails with that error (answered 503), and the pool drops
  // the broken client when it is released. Unheard, the event would end the process.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
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

/**
 * PostgreSQL settings of the embedded engine, after PGlite's own. Its shared buffers default to
 * 128 MB, which the WebAssembly heap holds from the start: the server idled at about 320-360 MiB
 * RSS on the Kazakhstan data set (41 MB on disk). With 16 MB it idles at about 180-215 MiB, and
 * lists, details and searches cost the same CPU per request (pages not in the buffers are read
 * from the operating system's file cache). `scripts/measure-startup.mjs` measures it.
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  // Loaded only when used: the embedded engine's module alone costs a server on PostgreSQL about
  // 14 MiB of memory.
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
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
