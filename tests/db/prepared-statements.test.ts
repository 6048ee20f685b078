import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  STATEMENTS_PER_CONNECTION,
  openDatabase,
  preparedText,
  queryRows,
  shapedStatement,
} from '@tracker/db';
import type { DatabaseHandle } from '@tracker/db';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

/** A statement of its own text for each `i`, answering `i` as text. */
const probe = (i: number) => shapedStatement('probe', sql.raw(`select '${i}'::text`));

/**
 * Statements whose text varies with the request are prepared by name (raw-query.ts). On
 * PostgreSQL a connection keeps a bounded number of them, the least recently used leaving first;
 * a statement that left is prepared again when it is next used.
 */
describe('prepared statements of varying shapes', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    // One connection, so that every statement lands on the connection that is inspected.
    handle = database.url ? await openDatabase({ url: database.url, poolSize: 1 }) : database;
  });
  afterAll(async () => {
    if (handle !== database) await handle.close();
    await database.destroy();
  });

  const run = (i: number) => preparedText(handle.db, probe(i));

  it('answers every shape, beyond the number a connection keeps', async () => {
    const shapes = STATEMENTS_PER_CONNECTION + 30;
    for (let i = 0; i < shapes; i++) expect(await run(i)).toBe(String(i));
    // The first ones again, after they left the connection on PostgreSQL.
    for (let i = 0; i < 5; i++) expect(await run(i)).toBe(String(i));
  });

  if (onPostgres) {
    const preparedProbes = async () =>
      new Set(
        (
          await queryRows<{ name: string }>(
            handle.db,
            sql`select name from pg_prepared_statements where name like 'probe%'`,
          )
        ).map(({ name }) => name),
      );

    it('keeps the most recently used statements on a connection, up to the bound', async () => {
      for (let i = 0; i < STATEMENTS_PER_CONNECTION + 10; i++) await run(1000 + i);
      // 1010 was the least recently used: used again, it stays when the next one comes.
      await run(1010);
      await run(5000);
      const kept = await preparedProbes();
      expect(kept.size).toBe(STATEMENTS_PER_CONNECTION);
      expect(kept.has(probe(5000).name!)).toBe(true);
      expect(kept.has(probe(1010).name!)).toBe(true);
      expect(kept.has(probe(1011).name!)).toBe(false);
      expect(kept.has(probe(1009).name!)).toBe(false);
      expect(kept.has(probe(1000 + STATEMENTS_PER_CONNECTION + 9).name!)).toBe(true);
    });
  }
});
