import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase } from '@tracker/db';
import type { DatabaseHandle } from '@tracker/db';
import { withDatabase } from './database-templates.js';
import type { TemplateKind } from './database-templates.js';

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and removes the database. */
  destroy(): Promise<void>;
  /** A connection string for a server process to use (PostgreSQL only). */
  url?: string;
}

/**
 * A database of the test file's own, cloned from a template the global setup prepared:
 * `seeded` (migrations and the seed data set), `migrated` (schema only) or `empty` (nothing).
 * On PostgreSQL it is a new database; on PGlite an in-memory instance.
 */
export async function createTestDatabase(kind: TemplateKind = 'seeded'): Promise<TestDatabase> {
  const templates = inject('databaseTemplates');
  if (templates.engine === 'pglite') {
    const loadDataDir =
      kind === 'empty' ? undefined : new Blob([readFileSync(templates.dumps[kind])]);
    const handle = await openDatabase({ loadDataDir });
    return { ...handle, destroy: () => handle.close() };
  }

  const name = `test_${kind}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: templates.adminUrl });
  await admin.connect();
  try {
    const template = kind === 'empty' ? 'template0' : templates.databases[kind];
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(templates.adminUrl, name);
  const handle = await openDatabase({ url, poolSize: 5 });
  return {
    ...handle,
    url,
    destroy: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: templates.adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

/**
 * A test file's (or a describe block's) own database, a clone of the `kind` template: created
 * before its tests, handed to `ready` (which keeps it, and may prepare more), removed after them.
 */
export function useTestDatabase(
  kind: TemplateKind,
  ready: (database: TestDatabase) => void | Promise<void>,
): void {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ready(database);
  });
  afterAll(async () => {
    await database?.destroy();
  });
}

/** A database for a server process (or a CLI) to open, cloned from a template. */
export interface ServerTestDatabase {
  /** DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite). */
  env: Record<string, string>;
  /** PostgreSQL only: the test's own connection to the database. */
  database?: TestDatabase;
  /** PGlite only: the data directory. */
  dataDir?: string;
  /** Closes the test's connection and removes the database or the data directory. */
  destroy(): Promise<void>;
}

/**
 * A database of the test file's own for a server process, cloned from a template the global
 * setup prepared, so that the server finds it migrated (and seeded) and does not build it again:
 * on PostgreSQL a database cloned from the template (DATABASE_URL), on PGlite a data directory
 * restored from the template's dump (DATA_DIR), which nothing holds open when this resolves.
 */
export async function createServerTestDatabase(
  kind: Exclude<TemplateKind, 'empty'> = 'seeded',
): Promise<ServerTestDatabase> {
  const templates = inject('databaseTemplates');
  if (templates.engine === 'postgres') {
    const database = await createTestDatabase(kind);
    return { env: { DATABASE_URL: database.url! }, database, destroy: () => database.destroy() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), `tracker-${kind}-`));
  const handle = await openDatabase({
    dataDir,
    loadDataDir: new Blob([readFileSync(templates.dumps[kind])]),
  });
  await handle.close();
  return {
    env: { DATA_DIR: dataDir },
    dataDir,
    destroy: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/**
 * The settings of a database for a server process or a CLI, made before the tests, handed to
 * `ready`, removed after them. `empty`: nothing in it, so the process builds it (migrations, and
 * the seed on start); on PGlite a new, empty data directory. Otherwise a clone of the template
 * (`createServerTestDatabase`): on PGlite a process migrating a data directory from nothing
 * takes tens of seconds on a loaded machine, which is not what these tests are about.
 */
export function useProcessDatabase(
  kind: TemplateKind,
  ready: (env: Record<string, string>) => void,
): void {
  let database: ServerTestDatabase | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    if (kind !== 'empty') {
      database = await createServerTestDatabase(kind);
      ready(database.env);
    } else if (process.env.DATABASE_URL) {
      const empty = await createTestDatabase(kind);
      database = { env: { DATABASE_URL: empty.url! }, destroy: () => empty.destroy() };
      ready(database.env);
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'tracker-data-'));
      ready({ DATA_DIR: dataDir });
    }
  });
  afterAll(async () => {
    await database?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
}
