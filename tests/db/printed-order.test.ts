import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows, schema } from '@tracker/db';
import {
  insertElection,
  insertRecommendation,
  insertReport,
  storedRecommendation,
} from '../helpers/fixtures.js';
import { useTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

/**
 * recommendations.report_published_on copies the issuing report's date (migration 0005) so the
 * printed order is one index. Whoever writes, the copy must follow the report.
 */
describe('the issuing report date stored on recommendations', () => {
  let database: TestDatabase;

  const storedDate = async (id: number) =>
    (await storedRecommendation(database.db, id)).reportPublishedOn;

  useTestDatabase('seeded', (opened) => {
    database = opened;
  });

  it('holds the issuing report date for every seeded recommendation', async () => {
    const [row] = await queryRows<{ wrong: number; total: number }>(
      database.db,
      sql`select count(*) filter (where r.report_published_on is distinct from rp.published_on)::int as wrong,
            count(*)::int as total
          from recommendations r join reports rp on rp.id = r.report_id`,
    );
    expect(row!.total).toBeGreaterThan(0);
    expect(row!.wrong).toBe(0);
  });

  it('follows a new recommendation, a moved one, a redated report, and ignores direct writes', async () => {
    const election = await insertElection(database.db);
    const first = await insertReport(database.db, {
      electionId: election.id,
      publishedOn: '2011-05-01',
    });
    const second = await insertReport(database.db, {
      electionId: election.id,
      publishedOn: '2012-06-02',
    });
    const recommendation = await insertRecommendation(database.db, { reportId: first.id });
    expect(await storedDate(recommendation.id)).toBe('2011-05-01');

    await database.db
      .update(schema.recommendations)
      .set({ reportId: second.id })
      .where(eq(schema.recommendations.id, recommendation.id));
    expect(await storedDate(recommendation.id)).toBe('2012-06-02');

    await database.db
      .update(schema.reports)
      .set({ publishedOn: '2013-07-03' })
      .where(eq(schema.reports.id, second.id));
    expect(await storedDate(recommendation.id)).toBe('2013-07-03');

    await database.db
      .update(schema.recommendations)
      .set({ reportPublishedOn: '1999-01-01' })
      .where(eq(schema.recommendations.id, recommendation.id));
    expect(await storedDate(recommendation.id)).toBe('2013-07-03');
  });
});
