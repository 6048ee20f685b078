import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { schema } from '@tracker/db';
import {
  countrySummarySchema,
  recommendationPageSchema,
  regionSchema,
  reportPageSchema,
  statisticsSchema,
  statusMatrixSchema,
  TOPICS,
} from '@tracker/shared';
import type { App } from '@tracker/server';
import { buildTestApp, expectProblem } from '../../../../helpers/app.js';
import { getJson, query } from '../../../../helpers/api-v1.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import {
  insertAssessment,
  insertRecommendation,
  insertReport,
} from '../../../../helpers/fixtures.js';

/**
 * The region overview and a country's summary on a small fixture with known answers: two
 * countries with data (and one without), one of them with a civil-society report whose
 * recommendation and judgement must never count among ODIHR's figures.
 */
describe('the region and a country’s summary', () => {
  let database: TestDatabase;
  let app: App;
  const ids = {} as Record<'a1' | 'a2' | 'a3' | 'a4' | 't1' | 'b1', number>;
  const slugs = {} as Record<'a2010' | 'a2015' | 'aCivil' | 'b2012' | 'b2014', string>;

  beforeAll(async () => {
    database = await createTestDatabase('migrated');
    const db = database.db;
    const [aland, borduria] = await db
      .insert(schema.countries)
      .values([
        { code: 'QA', name: 'Aland Test' },
        { code: 'QB', name: 'Borduria Test' },
        { code: 'QC', name: 'Carpania Test' },
      ])
      .returning();
    const topics = await db
      .insert(schema.topics)
      .values(TOPICS.map((entry, index) => ({ ...entry, position: index + 1 })))
      .onConflictDoNothing()
      .returning();
    const topic = (slug: string) => topics.find((row) => row.slug === slug)!.id;
    const [a2009, a2014, b2011] = await db
      .insert(schema.elections)
      .values([
        { countryId: aland!.id, kind: 'parliamentary', heldOn: '2009-10-01' },
        { countryId: aland!.id, kind: 'presidential', heldOn: '2014-10-01' },
        { countryId: borduria!.id, kind: 'parliamentary', heldOn: '2011-10-01' },
      ])
      .returning();
    const report = async (
      key: keyof typeof slugs,
      electionId: number,
      publishedOn: string,
      thirdParty = false,
    ) => {
      const row = await insertReport(db, {
        electionId,
        publishedOn,
        slug: `region-${key.toLowerCase()}`,
        title: thirdParty ? 'Civil society briefing' : `Final report ${publishedOn.slice(0, 4)}`,
        ...(thirdParty ? { kind: 'third_party' as const, publisher: 'Civic Watch' } : {}),
      });
      slugs[key] = row.slug;
      return row;
    };
    const r2010 = await report('a2010', a2009!.id, '2010-02-01');
    const r2015 = await report('a2015', a2014!.id, '2015-02-01');
    const civil = await report('aCivil', a2014!.id, '2016-03-01', true);
    const b2012 = await report('b2012', b2011!.id, '2012-02-01');
    const b2014 = await report('b2014', b2011!.id, '2014-02-01');
    const rec = async (
      key: keyof typeof ids,
      reportId: number,
      position: number,
      priority: boolean,
      topicSlug: string,
    ) => {
      const row = await insertRecommendation(db, {
        reportId,
        position,
        number: String(position),
        priority,
        topicId: topic(topicSlug),
      });
      ids[key] = row.id;
    };
    await rec('a1', r2010.id, 1, true, 'legal-framework');
    await rec('a2', r2010.id, 2, true, 'media');
    await rec('a3', r2015.id, 1, false, 'media');
    await rec('a4', r2015.id, 2, true, 'legal-framework');
    await rec('t1', civil.id, 1, true, 'legal-framework');
    await rec('b1', b2012.id, 1, true, 'media');
    const assess = (key: keyof typeof ids, assessingReportId: number, status: string) =>
      insertAssessment(db, {
        recommendationId: ids[key],
        assessingReportId,
        status: status as 'not_implemented',
      });
    await assess('a1', r2015.id, 'not_implemented');
    await assess('a2', r2015.id, 'partially_implemented');
    // A civil-society judgement: evidence, never the official status.
    await assess('a3', civil.id, 'fully_implemented');
    await assess('b1', b2014.id, 'fully_implemented');
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('gives every country with data its unaddressed priority recommendations, oldest, last mission and share', async () => {
    const body = await getJson(app, '/api/v1/region', regionSchema);
    expect(body.items.map((item) => item.country.code)).toEqual(['QA', 'QB']);
    const [aland, borduria] = body.items;
    expect(aland).toMatchObject({
      country: { code: 'QA', name: 'Aland Test' },
      unaddressedPriority: 2,
      oldestUnaddressed: { id: ids.a1, number: '1', year: 2010 },
      lastMission: { slug: slugs.a2015, publishedOn: '2015-02-01' },
      assessed: 2,
      implementedShare: 0.5,
      civilSociety: 1,
    });
    expect(aland!.oldestUnaddressed!.yearsOpen).toBeGreaterThan(10);
    expect(borduria).toEqual({
      country: { code: 'QB', name: 'Borduria Test' },
      unaddressedPriority: 0,
      oldestUnaddressed: null,
      lastMission: { slug: slugs.b2014, title: 'Final report 2014', publishedOn: '2014-02-01' },
      assessed: 1,
      implementedShare: 1,
      civilSociety: 0,
    });
  });

  it('summarises a country by topic and by assessing report, civil society apart', async () => {
    const body = await getJson(app, '/api/v1/countries/qa/summary', countrySummarySchema);
    expect(body.country).toEqual({ code: 'QA', name: 'Aland Test' });
    expect(
      body.byTopic.map((entry) => [
        entry.topic?.slug,
        entry.total,
        entry.priority,
        entry.unaddressedPriority,
      ]),
    ).toEqual([
      ['legal-framework', 2, 2, 2],
      ['media', 2, 1, 0],
    ]);
    expect(body.byTopic[1]!.byStatus).toMatchObject({
      partially_implemented: 1,
      not_assessed: 1,
    });
    expect(
      body.progress.map((entry) => [entry.report.slug, entry.report.thirdParty, entry.total]),
    ).toEqual([
      [slugs.a2015, false, 2],
      [slugs.aCivil, true, 1],
    ]);
    expect(body.progress[0]!.byStatus).toEqual({
      fully_implemented: 0,
      mostly_implemented: 0,
      partially_implemented: 1,
      not_implemented: 1,
      no_longer_applicable: 0,
    });
    expect(body.civilSociety.map((item) => item.id)).toEqual([ids.t1]);
    expect(body.civilSociety[0]!.report.thirdParty).toBe(true);
  });

  it('never counts civil-society recommendations in ODIHR’s statistics, lists or matrix', async () => {
    const statistics = await getJson(app, '/api/v1/statistics?country=QA', statisticsSchema);
    expect(statistics.overall.total).toBe(4);
    expect(statistics.priority.unaddressed).toBe(2);
    expect(statistics.byReport.map((entry) => entry.report.slug)).not.toContain(slugs.aCivil);
    const unaddressed = await getJson(
      app,
      '/api/v1/recommendations?country=QA&priority=true&unaddressed=true',
      recommendationPageSchema,
    );
    expect(unaddressed.items.map((item) => item.id).sort()).toEqual([ids.a1, ids.a4].sort());
    const matrix = await getJson(app, '/api/v1/statistics/matrix?country=QA', statusMatrixSchema);
    expect(matrix.rows.map((row) => row.recommendation.id)).not.toContain(ids.t1);
    expect(matrix.rows).toHaveLength(4);
  });

  it('answers 404 for an unknown country and 400 for a malformed code', async () => {
    expectProblem(await request(app.server).get('/api/v1/countries/zz/summary'), 404);
    expectProblem(await request(app.server).get('/api/v1/countries/zzz1/summary'), 400);
  });

  it('finds reports by words of their title, slug or publisher, country, or year (the type-ahead)', async () => {
    const found = async (params: Record<string, string | number | string[]>) =>
      (await getJson(app, `/api/v1/reports?${query(params)}`, reportPageSchema)).items.map(
        (report) => report.slug,
      );
    // The country's name (any case) or code; newest first.
    expect(await found({ q: 'borduria' })).toEqual([slugs.b2014, slugs.b2012]);
    expect(await found({ q: 'qb' })).toEqual([slugs.b2014, slugs.b2012]);
    // Every word must match: a year is the year of publication or of the election.
    expect(await found({ q: 'QA 2015' })).toEqual([slugs.a2015]);
    expect(await found({ q: 'Aland 2014' })).toEqual([slugs.aCivil, slugs.a2015]);
    expect(await found({ q: 'final REPORT 2012' })).toEqual([slugs.b2012]);
    expect(await found({ q: 'civic' })).toEqual([slugs.aCivil]);
    expect(await found({ q: 'region-a' })).toEqual([slugs.aCivil, slugs.a2015, slugs.a2010]);
    // LIKE's wildcards are plain characters.
    expect(await found({ q: '_' })).toEqual([]);
    expect(await found({ q: '100%' })).toEqual([]);
    // With the other filters, and bounded by the page size.
    expect(await found({ q: 'test', country: 'QA', kind: 'third_party' })).toEqual([slugs.aCivil]);
    const first = await getJson(app, `/api/v1/reports?q=test&pageSize=2`, reportPageSchema);
    expect({ total: first.total, shown: first.items.length }).toEqual({ total: 5, shown: 2 });
    // The reports that may assess a recommendation: later ones, by the same country.
    expect(await found({ country: 'QB', publishedAfter: '2012-02-01' })).toEqual([slugs.b2014]);
    expect(await found({ country: 'QB', publishedAfter: '2014-02-01' })).toEqual([]);
    // Named reports (the labels of a page's filters).
    expect(await found({ id: [slugs.a2010, slugs.b2014] })).toEqual([slugs.b2014, slugs.a2010]);

    for (const bad of ['one two three four five six seven eight nine', 'bad\u0001text', ' ']) {
      expectProblem(await request(app.server).get(`/api/v1/reports?${query({ q: bad })}`), 400);
    }
    expectProblem(await request(app.server).get('/api/v1/reports?publishedAfter=2012-13-01'), 400);
  });
});
