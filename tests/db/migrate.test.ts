import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, migrationsFolder, queryRows } from '@tracker/db';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

const TABLES = [
  'api_tokens',
  'assessments',
  'countries',
  'elections',
  'follow_up_dismissals',
  'history_entries',
  'recommendation_links',
  'recommendations',
  'report_sources',
  'reports',
  'sessions',
  'sign_in_throttles',
  'topics',
  'users',
];

describe('migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('create every table on an empty database, and change nothing when run again', async () => {
    await migrateDatabase(database);
    const tables = async () =>
      (
        await queryRows<{ table_name: string }>(
          database.db,
          sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
        )
      ).map((row) => row.table_name);
    expect(await tables()).toEqual(TABLES);

    await migrateDatabase(database);
    expect(await tables()).toEqual(TABLES);
    const [applied] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    const journal = JSON.parse(
      readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
    );
    expect(applied?.count).toBe(journal.entries.length);
  });
});
