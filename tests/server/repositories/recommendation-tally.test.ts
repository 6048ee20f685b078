import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { RecommendationListQuery } from '@tracker/shared';
import { createRepositories } from '../../../server/src/repositories/index.js';
import { createRecommendationTally } from '../../../server/src/repositories/recommendation-tally.js';
import {
  insertAssessment,
  insertElection,
  insertRecommendation,
  insertReport,
} from '../../helpers/fixtures.js';
import { useTestDatabase } from '../../helpers/database.js';
import type { TestDatabase } from '../../helpers/database.js';

/**
 * The totals of the common filters (country, topic, status, priority, unaddressed, years) come from
 * a tally read once per generation of the data (recommendation-tally.ts). Each must equal the
 * recommendations counted from scratch, for every combination of those filters (the years with
 * every fourth), before and after writes that move recommendations between countries, topics,
 * statuses, issuers and years.
 */

type Filter = Omit<RecommendationListQuery, 'page' | 'pageSize'>;

/** Ranges of years: from, to, both (across the seed's 2004-2023 and the reports added below). */
const YEARS: Pick<Filter, 'yearFrom' | 'yearTo'>[] = [
  { yearFrom: 2012 },
  { yearTo: 2011 },
  { yearFrom: 2005, yearTo: 2019 },
  { yearFrom: 2019, yearTo: 2019 },
  { yearFrom: 2013, yearTo: 2004 },
];

/**
 * Every combination of each filter left out or given one of its values, and every fourth of them
 * with each range of years.
 */
function filters(countries: string[]): Filter[] {
  const values: { [Key in keyof Filter]: Filter[Key][] } = {
    country: [[countries[0]!], countries, ['ZZ'], [countries[0]!, countries[0]!]],
    topic: [['media'], ['media', 'campaign']],
    status: [['not_assessed'], ['partially_implemented', 'not_implemented']],
    priority: [true, false],
    unaddressed: [true, false],
  };
  const combinations = Object.entries(values).reduce<Filter[]>(
    (combined, [key, given]) =>
      combined.flatMap((filter) => [
        filter,
        ...given.map((value: unknown) => ({ ...filter, [key]: value })),
      ]),
    [{}],
  );
  return [
    ...combinations,
    ...combinations
      .filter((_filter, i) => i % 4 === 0)
      .flatMap((filter) => YEARS.map((years) => ({ ...filter, ...years }))),
  ];
}

describe("the tally of the common filters' totals", () => {
  let database: TestDatabase;
  let db: Database;

  useTestDatabase('seeded', (opened) => {
    database = opened;
    db = database.db;
  });

  /** Every filter's total from the tally of `generation`, against a count from scratch. */
  async function expectTalliedAsCounted(generation: number, countries: string[]) {
    const { recommendations } = createRepositories(db);
    const tally = createRecommendationTally(db);
    await tally.read(generation);
    let matched = 0;
    for (const filter of filters(countries)) {
      const counted = await recommendations.list({ ...filter, page: 1, pageSize: 1 });
      // A country and a topic are tallied over all years: with years too, the list counts.
      const years = filter.yearFrom !== undefined || filter.yearTo !== undefined;
      const tallied = !(years && filter.country && filter.topic);
      expect(tally.total(filter, generation), JSON.stringify(filter)).toBe(
        tallied ? counted.total : undefined,
      );
      if (counted.total > 0) matched++;
    }
    // The combinations are not all empty: the comparison compares something.
    expect(matched).toBeGreaterThan(20);
  }

  it('gives the counted total for every combination, after writes too', async () => {
    await expectTalliedAsCounted(1, ['KZ']);

    // Another country, its election and an ODIHR report issuing priority recommendations.
    const election = await insertElection(db);
    const [country] = await db
      .select({ code: schema.countries.code })
      .from(schema.countries)
      .where(eq(schema.countries.id, election.countryId));
    const countries = ['KZ', country!.code];
    const report = await insertReport(db, { electionId: election.id, publishedOn: '2019-01-01' });
    const later = await insertReport(db, { electionId: election.id, publishedOn: '2021-01-01' });
    const [topic] = await db
      .select({ id: schema.topics.id })
      .from(schema.topics)
      .where(eq(schema.topics.slug, 'media'));
    const issued = [];
    for (let i = 1; i <= 6; i++) {
      issued.push(
        await insertRecommendation(db, {
          reportId: report.id,
          number: String(i),
          position: i,
          priority: i % 2 === 0,
          topicId: i <= 3 ? topic!.id : null,
        }),
      );
    }
    await insertAssessment(db, {
      recommendationId: issued[0]!.id,
      assessingReportId: later.id,
      status: 'partially_implemented',
    });
    await insertAssessment(db, {
      recommendationId: issued[1]!.id,
      assessingReportId: later.id,
      status: 'not_implemented',
    });
    await expectTalliedAsCounted(2, countries);

    // The report becomes a third party's: its priority unaddressed ones are no longer ODIHR's.
    await db
      .update(schema.reports)
      .set({ kind: 'third_party', publisher: 'An NGO' })
      .where(eq(schema.reports.id, report.id));
    // A Kazakh recommendation moves to the other country's report.
    const [kazakh] = await db
      .select({ id: schema.recommendations.id })
      .from(schema.recommendations)
      .innerJoin(schema.countries, eq(schema.countries.id, schema.recommendations.countryId))
      .where(and(eq(schema.countries.code, 'KZ'), eq(schema.recommendations.priority, true)))
      .limit(1);
    await db
      .update(schema.recommendations)
      .set({ reportId: later.id, number: '99' })
      .where(eq(schema.recommendations.id, kazakh!.id));
    await expectTalliedAsCounted(3, countries);
  });

  it('is read once per generation of the data, and the list counts while it is read', async () => {
    const tally = createRecommendationTally(db);
    const filter = { country: ['KZ'] };
    const counted = async () =>
      (await createRepositories(db).recommendations.list({ ...filter, page: 1, pageSize: 1 }))
        .total;
    const before = await counted();
    // Not read yet: no total (the list counts); asking starts the read.
    expect(tally.total(filter, 10)).toBeUndefined();
    await tally.read(10);
    expect(tally.total(filter, 10)).toBe(before);
    // Filters the tally does not answer are always counted.
    expect(tally.total({ ...filter, q: 'media' }, 10)).toBeUndefined();
    expect(tally.total({ ...filter, yearFrom: 2000, report: ['1'] }, 10)).toBeUndefined();

    const [report] = await db
      .select({ id: schema.recommendations.reportId })
      .from(schema.recommendations)
      .innerJoin(schema.countries, eq(schema.countries.id, schema.recommendations.countryId))
      .where(eq(schema.countries.code, 'KZ'))
      .limit(1);
    await insertRecommendation(db, { reportId: report!.id, number: '1000', position: 1000 });
    // The same generation answers what it read; the next one is read again.
    expect(tally.total(filter, 10)).toBe(before);
    expect(tally.total(filter, 11)).toBeUndefined();
    await tally.read(11);
    expect(tally.total(filter, 11)).toBe(before + 1);
    expect(await counted()).toBe(before + 1);
  });
});
