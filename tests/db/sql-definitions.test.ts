import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, migrationsFolder, queryRows, readSqlDefinitions } from '@tracker/db';
import type { Database } from '@tracker/db';
import {
  CURRENT_STATUSES,
  PRIVATE_HISTORY_ENTITIES,
  REPORT_KINDS,
  UNADDRESSED_STATUSES,
} from '@tracker/shared';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

/**
 * The functions and triggers in force are those of db/sql, whatever migrations a database went
 * through; db/README.md lists each of them; and the literals the database holds (the partial
 * index's statuses, the statuses and report kinds in function bodies) are the shared constants.
 */

interface Definitions {
  functions: { name: string; definition: string }[];
  triggers: { name: string; table: string; definition: string; enabled: string }[];
}

async function definitionsInForce(db: Database): Promise<Definitions> {
  const functions = await queryRows<{ name: string; definition: string }>(
    db,
    sql`select p.proname as name, pg_get_functiondef(p.oid) as definition
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' order by 1, 2`,
  );
  const triggers = await queryRows<{
    name: string;
    table: string;
    definition: string;
    enabled: string;
  }>(
    db,
    sql`select t.tgname as name, c.relname as "table", pg_get_triggerdef(t.oid) as definition,
          t.tgenabled::text as enabled
        from pg_trigger t join pg_class c on c.oid = t.tgrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and not t.tgisinternal order by 1`,
  );
  return { functions, triggers };
}

/** The names db/sql creates, read from its text. */
function declaredNames(kind: 'FUNCTION' | 'TRIGGER'): string[] {
  const pattern = new RegExp(`CREATE OR REPLACE ${kind} ([a-z_]+)`, 'g');
  return readSqlDefinitions()
    .flatMap(({ text }) => [...text.matchAll(pattern)].map((match) => match[1]!))
    .sort();
}

/** Single-quoted literals of an SQL text, without those of comments. */
function literals(text: string): string[] {
  const code = text.replace(/--[^\n]*/g, '');
  return [...code.matchAll(/'((?:[^']|'')*)'/g)].map((match) => match[1]!.replaceAll("''", "'"));
}

describe('the SQL functions and triggers in force', () => {
  let fresh: TestDatabase;
  let existing: TestDatabase;

  // A migration from nothing: on PGlite, on a loaded machine, it can take more than a minute.
  beforeAll(async () => {
    // The migrated template was made by today's path (migrateDatabase) from an empty database.
    fresh = await createTestDatabase('migrated');
    // A database migrated before db/sql existed: drizzle's migrations alone, then today's path.
    existing = await createTestDatabase('empty');
    if (existing.engine === 'pglite') {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(existing.db as unknown as PgliteDatabase, { migrationsFolder });
    } else {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      await migrate(existing.db as unknown as NodePgDatabase, { migrationsFolder });
    }
    await migrateDatabase(existing);
  }, 180_000);
  afterAll(async () => {
    await fresh?.destroy();
    await existing?.destroy();
  });

  it('are those of db/sql, on a new database and on one migrated before', async () => {
    const inForce = await definitionsInForce(fresh.db);
    expect(inForce.functions.map((f) => f.name).sort()).toEqual(declaredNames('FUNCTION'));
    expect(inForce.triggers.map((t) => t.name).sort()).toEqual(declaredNames('TRIGGER'));
    expect(inForce.triggers.every((t) => t.enabled === 'O')).toBe(true);
    expect(await definitionsInForce(existing.db)).toEqual(inForce);

    // Applying them again changes nothing.
    await migrateDatabase(fresh);
    expect(await definitionsInForce(fresh.db)).toEqual(inForce);
  });

  it('recompute the stored derived columns when they changed, and only then', async () => {
    const seeded = await createTestDatabase('seeded');
    try {
      const files = await queryRows<{ file: string }>(
        seeded.db,
        sql`select file from drizzle.__sql_definitions order by file`,
      );
      expect(files.map((row) => row.file)).toEqual(readSqlDefinitions().map((d) => d.file));
      const openSince = async () =>
        (
          await queryRows<{ openSince: string }>(
            seeded.db,
            sql`select open_since::text as "openSince" from recommendations where id = ${id}`,
          )
        )[0]!.openSince;
      const [first] = await queryRows<{ id: number }>(
        seeded.db,
        sql`select min(id)::int as id from recommendations`,
      );
      const id = first!.id;
      const right = await openSince();
      // A row computed by another rule (nothing but the triggers writes these columns).
      await seeded.db.execute(
        sql`update recommendations set open_since = '1901-01-01' where id = ${id}`,
      );
      await migrateDatabase(seeded);
      expect(await openSince()).toBe('1901-01-01');
      // The definitions differ from those recorded: migrating computes every row again.
      await seeded.db.execute(
        sql`update drizzle.__sql_definitions set hash = 'older' where file = 'derived-columns.sql'`,
      );
      await migrateDatabase(seeded);
      expect(await openSince()).toBe(right);
    } finally {
      await seeded.destroy();
    }
  });

  it('are each listed in db/README.md', () => {
    const readme = readFileSync(
      fileURLToPath(new URL('../../db/README.md', import.meta.url)),
      'utf8',
    );
    for (const name of [...declaredNames('FUNCTION'), ...declaredNames('TRIGGER')]) {
      expect(readme, name).toContain(`\`${name}\``);
    }
  });

  it('index the unaddressed statuses of the shared domain', async () => {
    const indexes = await queryRows<{ name: string; predicate: string }>(
      fresh.db,
      sql`select c.relname as name, pg_get_expr(x.indpred, x.indrelid) as predicate
          from pg_index x join pg_class c on c.oid = x.indexrelid
          where c.relname in ('recommendations_priority_unaddressed_idx',
            'recommendations_priority_unaddressed_status_idx')`,
    );
    expect(indexes).toHaveLength(2);
    for (const { name, predicate } of indexes) {
      expect(predicate, name).toMatch(
        /^\(priority AND \(current_status = ANY \(ARRAY\[.*\]\)\)\)$/,
      );
      const statuses = [...predicate.matchAll(/'([a-z_]+)'::implementation_status/g)].map(
        (match) => match[1],
      );
      expect(statuses.sort(), name).toEqual([...UNADDRESSED_STATUSES].sort());
    }
  });

  it('name only statuses and report kinds of the shared domain in their bodies', async () => {
    const functions = await queryRows<{ name: string; body: string }>(
      fresh.db,
      sql`select p.proname as name, p.prosrc as body
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public'`,
    );
    // The literals that are not domain values: trigger operations, the notification channel and
    // its empty payload, and the pieces of a tsvector's text that evidence_vector_of writes (a
    // quoted lexeme and its position, the quote and backslash it escapes, the separator).
    const other = new Set(['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'tracker_data_changed', '']);
    for (const piece of ["'%s':%s", '\\', '\\\\', "'", "''", ' ']) other.add(piece);
    const domain = new Set<string>([
      ...CURRENT_STATUSES,
      ...REPORT_KINDS,
      ...PRIVATE_HISTORY_ENTITIES,
    ]);
    const found = functions.flatMap((f) => literals(f.body).filter((l) => !other.has(l)));
    const history = functions.find((f) => f.name === 'notify_public_history_added');
    expect(
      literals(history!.body)
        .filter((l) => !other.has(l))
        .sort(),
    ).toEqual([...PRIVATE_HISTORY_ENTITIES].sort());
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((literal) => !domain.has(literal))).toEqual([]);
  });

  it('notify of new history entries of public records only', async () => {
    let notified = 0;
    let listening = false;
    const listener = await fresh.listenForChanges({
      changed: () => (notified += 1),
      listening: (state) => (listening = state),
    });
    try {
      const waitFor = async (count: number) => {
        for (let i = 0; i < 300 && notified < count; i++)
          await new Promise((r) => setTimeout(r, 10));
        expect(notified).toBe(count);
      };
      for (let i = 0; i < 300 && !listening; i++) await new Promise((r) => setTimeout(r, 10));
      expect(listening).toBe(true);
      const add = (entityType: string) =>
        fresh.db.execute(
          sql`insert into history_entries (entity_type, entity_id, action)
              values (${entityType}::history_entity, 1, 'update')`,
        );
      const before = notified;
      // Notifications arrive in commit order: once the public entry's has come, the private
      // entries' would have come before it.
      for (const entity of PRIVATE_HISTORY_ENTITIES) await add(entity);
      await add('assessment');
      await waitFor(before + 1);
      // A statement adding a private and a public entry together notifies.
      await fresh.db.execute(
        sql`insert into history_entries (entity_type, entity_id, action)
            values ('user', 1, 'update'), ('recommendation', 1, 'update')`,
      );
      await waitFor(before + 2);
    } finally {
      await listener.close();
    }
  });
});
