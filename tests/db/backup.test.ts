import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DUMP_VERSION, exportDump, importDump, queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import { createTestDatabase, useTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

const TABLES = [
  'countries',
  'topics',
  'users',
  'api_tokens',
  'elections',
  'reports',
  'recommendations',
  'assessments',
  'recommendation_links',
  'report_sources',
  'follow_up_dismissals',
  'history_entries',
  'proposals',
];

async function dumpLines(db: Database): Promise<string[]> {
  let text = '';
  await exportDump(db, async (chunk) => {
    text += chunk;
  });
  return text.split('\n').filter(Boolean);
}

async function* linesOf(lines: string[]) {
  yield* lines;
}

/** Every row of every table, as the database returns them (search vectors included). */
async function contents(db: Database) {
  const all: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    all[table] = await queryRows(db, sql.raw(`select * from ${table} order by id`));
  }
  return all;
}

async function rowCount(db: Database): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql.raw(`select ${TABLES.map((t) => `(select count(*)::int from ${t})`).join(' + ')} as count`),
  );
  return row!.count;
}

describe('backup and restore', () => {
  let source: TestDatabase;
  let lines: string[];

  useTestDatabase('seeded', async (database) => {
    source = database;
    lines = await dumpLines(source.db);
  });

  it('writes a versioned header and one line per row', async () => {
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: 'odihr-follow-up-tracker-dump', version: DUMP_VERSION });
    expect(header.counts.recommendations).toBe(75);
    expect(lines).toHaveLength(1 + (await rowCount(source.db)));
  });

  it('restores into an empty database exactly what was exported, history included', async () => {
    const target = await createTestDatabase('migrated');
    try {
      await importDump(target.db, linesOf(lines));
      expect(await contents(target.db)).toEqual(await contents(source.db));
      // New records continue after the restored ids.
      const [next] = await queryRows<{ id: number }>(
        target.db,
        sql`insert into countries (code, name) values ('ZZ', 'Test') returning id`,
      );
      const [max] = await queryRows<{ id: number }>(
        source.db,
        sql`select max(id)::int as id from countries`,
      );
      expect(next!.id).toBeGreaterThan(max!.id);
    } finally {
      await target.destroy();
    }
  });

  describe('refusals, each changing nothing', () => {
    let target: TestDatabase;
    useTestDatabase('migrated', (database) => {
      target = database;
    });

    const expectRefused = async (dump: string[], message: RegExp) => {
      await expect(importDump(target.db, linesOf(dump))).rejects.toThrow(message);
      expect(await rowCount(target.db)).toBe(0);
    };

    it('a dump of a newer format', async () => {
      const header = { ...JSON.parse(lines[0]!), version: DUMP_VERSION + 1 };
      await expectRefused([JSON.stringify(header), ...lines.slice(1)], /newer tracker/);
    });

    it('a dump of a newer schema', async () => {
      const header = { ...JSON.parse(lines[0]!), migrations: 999 };
      await expectRefused([JSON.stringify(header), ...lines.slice(1)], /newer tracker/);
    });

    it('something that is not a dump', async () => {
      await expectRefused(['hello', 'world'], /not a tracker dump/);
    });

    it('a truncated dump', async () => {
      await expectRefused(lines.slice(0, -5), /incomplete/);
    });

    it('a dump with a corrupt line', async () => {
      const broken = [...lines];
      broken[200] = broken[200]!.slice(0, 40);
      await expectRefused(broken, /not valid JSON/);
    });

    it('a non-empty database', async () => {
      await expect(importDump(source.db, linesOf(lines))).rejects.toThrow(/not empty/);
    });
  });
});
