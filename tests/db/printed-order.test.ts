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
 * printed order is one index, and country_id its election's country (0014) so a country's list is
 * one index in that order. Whoever writes, the copies must follow the report and the election.
 */
describe('the issuing report date and country stored on recommendations', () => {
  let database: TestDatabase;

  const storedDate = async (id: number) =>
    (await storedRecommendation(database.db, id)).reportPublishedOn;

  useTestDatabase('seeded', (opened) => {
    database = opened;
  });

  /** Recommendations whose stored copies differ from their report's date and country. */
  const wrongCopies = async () => {
    const [row] = await queryRows<{ wrongDate: number; wrongCountry: number; total: number }>(
      database.db,
      sql`select count(*) filter (where r.report_published_on is distinct from rp.published_on)::int as "wrongDate",
            count(*) filter (where r.country_id is distinct from e.country_id)::int as "wrongCountry",
            count(*)::int as total
          from recommendations r join reports rp on rp.id = r.report_id
          join elections e on e.id = rp.election_id`,
    );
    return row!;
  };

  it('holds the issuing report date and country for every seeded recommendation', async () => {
    const copies = await wrongCopies();
    expect(copies.total).toBeGreaterThan(0);
    expect(copies).toMatchObject({ wrongDate: 0, wrongCountry: 0 });
  });

  it('follows a report moved to another election, an election moved to another country, and ignores direct writes', async () => {
    const [home, abroad] = [await insertElection(database.db), await insertElection(database.db)];
    const report = await insertReport(database.db, { electionId: home.id });
    const other = await insertReport(database.db, { electionId: home.id });
    const moved = await insertRecommendation(database.db, { reportId: report.id });
    const stays = await insertRecommendation(database.db, { reportId: other.id });
    const countryOf = async (id: number) => (await storedRecommendation(database.db, id)).countryId;
    expect(await countryOf(moved.id)).toBe(home.countryId);

    await database.db
      .update(schema.reports)
      .set({ electionId: abroad.id })
      .where(eq(schema.reports.id, report.id));
    expect(await countryOf(moved.id)).toBe(abroad.countryId);
    expect(await countryOf(stays.id)).toBe(home.countryId);

    // The abroad election itself moves to the home country.
    await database.db
      .update(schema.elections)
      .set({ countryId: home.countryId })
      .where(eq(schema.elections.id, abroad.id));
    expect(await countryOf(moved.id)).toBe(home.countryId);

    await database.db
      .update(schema.recommendations)
      .set({ countryId: abroad.countryId })
      .where(eq(schema.recommendations.id, stays.id));
    expect(await countryOf(stays.id)).toBe(home.countryId);
    expect(await wrongCopies()).toMatchObject({ wrongDate: 0, wrongCountry: 0 });
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
