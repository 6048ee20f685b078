import { sql } from 'drizzle-orm';
import { TOPICS } from '@tracker/shared';
import type { Database } from '../connection.js';
import { topics } from '../schema/index.js';

export interface SeedResult {
  seeded: boolean;
  topics: number;
}

/**
 * Loads the fixed taxonomy and the seed data set in one transaction when the database has none
 * yet; run again, it changes nothing.
 */
export async function seedIfEmpty(db: Database): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    // Two servers starting together on one PostgreSQL must not both seed.
    await tx.execute(sql`lock table ${topics} in exclusive mode`);
    const [existing] = await tx.select({ count: sql<number>`count(*)::int` }).from(topics);
    if ((existing?.count ?? 0) > 0) return { seeded: false, topics: existing?.count ?? 0 };
    const rows = TOPICS.map((topic, index) => ({ ...topic, position: index + 1 }));
    await tx.insert(topics).values(rows);
    return { seeded: true, topics: rows.length };
  });
}
