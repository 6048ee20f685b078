import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
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
