import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import {
  insertAssessment,
  insertElection,
  insertRecommendation,
  insertReport,
} from '../helpers/fixtures.js';
import { useTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

/** PostgreSQL error codes of the violated constraint kinds. */
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';
const INVALID_ENUM_VALUE = '22P02';

/** The SQLSTATE of a failed query, whichever driver raised it. */
async function sqlState(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const withCause = error as { code?: string; cause?: { code?: string } };
    return withCause.cause?.code ?? withCause.code ?? 'unknown';
  }
  throw new Error('expected the database to refuse the write');
}

describe('schema constraints', () => {
  let database: TestDatabase;

  useTestDatabase('migrated', (opened) => {
    database = opened;
  });

  /** A recommendation and a later report of the same election, which may assess it. */
  async function recommendationAndLaterReport() {
    const { db } = database;
    const election = await insertElection(db);
    const report = await insertReport(db, { electionId: election.id });
    const later = await insertReport(db, { electionId: election.id });
    const recommendation = await insertRecommendation(db, { reportId: report.id });
    return { recommendation, later };
  }

  it('refuses a duplicate (report, number)', async () => {
    const { db } = database;
    const election = await insertElection(db);
    const report = await insertReport(db, { electionId: election.id });
    await insertRecommendation(db, { reportId: report.id, number: '7' });
    expect(await sqlState(insertRecommendation(db, { reportId: report.id, number: '7' }))).toBe(
      UNIQUE_VIOLATION,
    );
  });

  it('allows the same number in another report', async () => {
    const { db } = database;
    const election = await insertElection(db);
    const first = await insertReport(db, { electionId: election.id });
    const second = await insertReport(db, { electionId: election.id });
    await insertRecommendation(db, { reportId: first.id, number: '3' });
    const other = await insertRecommendation(db, { reportId: second.id, number: '3' });
    expect(other.reportId).toBe(second.id);
  });

  it('refuses a recommendation of a missing report', async () => {
    expect(await sqlState(insertRecommendation(database.db, { reportId: 999_999 }))).toBe(
      FOREIGN_KEY_VIOLATION,
    );
  });

  it.each([
    {
      name: 'refuses an unknown status',
      values: { status: 'half_done' as never },
      state: INVALID_ENUM_VALUE,
    },
    {
      name: 'refuses not_assessed as an assessment status',
      values: { status: 'not_assessed' as const },
      state: CHECK_VIOLATION,
    },
    {
      name: 'refuses an inferred assessment without a confidence and a note',
      values: { status: 'not_implemented' as const, basis: 'inferred' as const },
      state: CHECK_VIOLATION,
    },
  ])('$name', async ({ values, state }) => {
    const { db } = database;
    const { recommendation, later } = await recommendationAndLaterReport();
    const write = insertAssessment(db, {
      recommendationId: recommendation.id,
      assessingReportId: later.id,
      ...values,
    });
    expect(await sqlState(write)).toBe(state);
  });

  it('refuses a second judgement of one recommendation by the same report', async () => {
    const { db } = database;
    const { recommendation, later } = await recommendationAndLaterReport();
    const values = {
      recommendationId: recommendation.id,
      assessingReportId: later.id,
      status: 'not_implemented' as const,
    };
    await insertAssessment(db, values);
    expect(await sqlState(insertAssessment(db, values))).toBe(UNIQUE_VIOLATION);
  });

  it('refuses a lineage link of a recommendation to itself', async () => {
    const { db } = database;
    const election = await insertElection(db);
    const report = await insertReport(db, { electionId: election.id });
    const recommendation = await insertRecommendation(db, { reportId: report.id });
    const write = db.insert(schema.recommendationLinks).values({
      laterRecommendationId: recommendation.id,
      earlierRecommendationId: recommendation.id,
      kind: 'repeats',
    });
    expect(await sqlState(write)).toBe(CHECK_VIOLATION);
  });

  it('refuses an upper-case e-mail address', async () => {
    const write = database.db
      .insert(schema.users)
      .values({ email: 'Adviser@Example.org', displayName: 'Adviser', role: 'editor' });
    expect(await sqlState(write)).toBe(CHECK_VIOLATION);
  });

  it('starts every editable record at version 1 with timestamps', async () => {
    const { db } = database;
    const election = await insertElection(db);
    const report = await insertReport(db, { electionId: election.id });
    const recommendation = await insertRecommendation(db, { reportId: report.id });
    expect(recommendation.version).toBe(1);
    expect(recommendation.createdAt).toBeInstanceOf(Date);
    expect(recommendation.currentStatus).toBe('not_assessed');
  });

  describe('current status', () => {
    it('follows the most recent ODIHR report and ignores third-party reports', async () => {
      const { db } = database;
      const election = await insertElection(db);
      const issuing = await insertReport(db, {
        electionId: election.id,
        publishedOn: '2004-12-15',
      });
      const needsAssessment = await insertReport(db, {
        electionId: election.id,
        kind: 'needs_assessment',
        publishedOn: '2020-11-18',
      });
      const statement = await insertReport(db, {
        electionId: election.id,
        kind: 'preliminary_statement',
        publishedOn: '2023-03-20',
      });
      const briefing = await insertReport(db, {
        electionId: election.id,
        kind: 'third_party',
        publisher: 'IPHR and KIBHR',
        publishedOn: '2024-01-01',
      });
      const recommendation = await insertRecommendation(db, { reportId: issuing.id });
      const currentStatus = async () => {
        const [row] = await db
          .select({ status: schema.recommendations.currentStatus })
          .from(schema.recommendations)
          .where(eq(schema.recommendations.id, recommendation.id));
        return row?.status;
      };

      // Recorded out of order: the later report's judgement wins whatever the insertion order.
      const latest = await insertAssessment(db, {
        recommendationId: recommendation.id,
        assessingReportId: statement.id,
        status: 'not_implemented',
      });
      await insertAssessment(db, {
        recommendationId: recommendation.id,
        assessingReportId: needsAssessment.id,
        status: 'partially_implemented',
      });
      await insertAssessment(db, {
        recommendationId: recommendation.id,
        assessingReportId: briefing.id,
        status: 'fully_implemented',
      });
      expect(await currentStatus()).toBe('not_implemented');

      await db
        .update(schema.assessments)
        .set({ status: 'mostly_implemented' })
        .where(eq(schema.assessments.id, latest.id));
      expect(await currentStatus()).toBe('mostly_implemented');

      await db.delete(schema.assessments).where(eq(schema.assessments.id, latest.id));
      expect(await currentStatus()).toBe('partially_implemented');

      // Moving the needs assessment before the issuing report's date changes nothing about order
      // among assessments, but turning it into a third-party report removes its official weight.
      await db
        .update(schema.reports)
        .set({ kind: 'third_party' })
        .where(eq(schema.reports.id, needsAssessment.id));
      expect(await currentStatus()).toBe('not_assessed');
    });
  });
});
