import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, migrationsFolder, openDatabase, queryRows } from '@tracker/db';
import { createTestDatabase, useTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

const TABLES = [
  'api_tokens',
  'assessments',
  'countries',
  'data_releases',
  'elections',
  'follow_up_dismissals',
  'history_entries',
  'proposals',
  'recommendation_lineage',
  'recommendation_links',
  'recommendation_search',
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

  useTestDatabase('empty', (opened) => {
    database = opened;
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

  // Several server instances starting at once on PostgreSQL (PGlite has one process only).
  if (process.env.DATABASE_URL) {
    it('lets instances that start at once take turns: each migration is applied once', async () => {
      const fresh = await createTestDatabase('empty');
      const instances = await Promise.all(
        [1, 2, 3].map(() => openDatabase({ url: fresh.url, poolSize: 1 })),
      );
      try {
        await Promise.all(instances.map((instance) => migrateDatabase(instance)));
        const [applied] = await queryRows<{ count: number; distinct: number }>(
          fresh.db,
          sql`select count(*)::int as count, count(distinct hash)::int as distinct
              from drizzle.__drizzle_migrations`,
        );
        const journal = JSON.parse(
          readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
        );
        expect(applied).toEqual({
          count: journal.entries.length,
          distinct: journal.entries.length,
        });
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
        await fresh.destroy();
      }
    });
  }
});
