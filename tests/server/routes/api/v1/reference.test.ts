import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  assessmentPageSchema,
  assessmentSchema,
  changePageSchema,
  countryDetailSchema,
  countryListSchema,
  electionPageSchema,
  electionSchema,
  PROBLEM_TYPES,
  reportDetailSchema,
  reportPageSchema,
  TOPICS,
  topicListSchema,
} from '@tracker/shared';
import type { App } from '@tracker/server';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import { getJson, query } from '../../../../helpers/api-v1.js';
import {
  dataset,
  expectedStatus,
  findRecommendation,
  isThirdParty,
  keyOf,
  recommendations,
  seedReport,
} from '../../../../helpers/seed-expectations.js';

const { manifest } = dataset;

describe('countries, elections, topics, reports, assessments and changes', () => {
  let app: App;

  useTestApp('seeded', (opened) => {
    ({ app } = opened);
  });

  it('lists the countries with the size of their record', async () => {
    const body = await getJson(app, '/api/v1/countries', countryListSchema);
    expect(body.items).toEqual([
      {
        code: manifest.country.code,
        name: manifest.country.name,
        electionCount: manifest.elections.length,
        reportCount: manifest.reports.length,
        recommendationCount: recommendations.length,
      },
    ]);
  });

  it('answers a country with its elections, newest first, and their reports', async () => {
    const body = await getJson(app, '/api/v1/countries/kz', countryDetailSchema);
    expect(body.code).toBe('KZ');
    const newestFirst = [...manifest.elections].sort((a, b) => b.heldOn.localeCompare(a.heldOn));
    expect(body.elections.map((e) => e.heldOn)).toEqual(newestFirst.map((e) => e.heldOn));
    for (const election of body.elections) {
      const seed = newestFirst.find((e) => e.heldOn === election.heldOn)!;
      expect(election).toMatchObject({
        kind: seed.kind,
        heldOnPrecision: seed.heldOnPrecision,
        early: seed.early,
        secondRoundOn: seed.secondRoundOn,
        note: seed.note,
      });
      expect(election.reports.map((r) => r.slug)).toEqual(
        manifest.reports.filter((r) => r.election === seed.key).map((r) => r.slug),
      );
    }
    const missing = await request(app.server).get('/api/v1/countries/FR');
    expectProblem(missing, 404, PROBLEM_TYPES.notFound);
    expectProblem(await request(app.server).get('/api/v1/countries/KAZ'), 400);
  });

  it('pages through elections, and answers one by id', async () => {
    const page = await getJson(app, '/api/v1/elections?pageSize=4', electionPageSchema);
    expect(page).toMatchObject({ total: manifest.elections.length, totalPages: 2 });
    const second = await getJson(app, '/api/v1/elections?pageSize=4&page=2', electionPageSchema);
    expect([...page.items, ...second.items].map((e) => e.heldOn)).toEqual(
      manifest.elections
        .map((e) => e.heldOn)
        .sort()
        .reverse(),
    );
    const inFrance = await getJson(app, '/api/v1/elections?country=FR', electionPageSchema);
    expect(inFrance).toMatchObject({ items: [], total: 0 });

    // The 2016 election is known only to the year: clients show "2016".
    const of2016 = page.items.concat(second.items).find((e) => e.heldOn.startsWith('2016'))!;
    const one = await getJson(app, `/api/v1/elections/${of2016.id}`, electionSchema);
    expect(one).toMatchObject({
      heldOn: '2016-01-01',
      heldOnPrecision: 'year',
      kind: 'parliamentary',
    });
    expect(one.reports.map((r) => r.slug)).toEqual(['kz-2016-final']);
    expectProblem(await request(app.server).get('/api/v1/elections/999999'), 404);
  });

  it('lists the topic taxonomy with counts, for a country too', async () => {
    const body = await getJson(app, '/api/v1/topics', topicListSchema);
    expect(body.items.map((t) => t.slug)).toEqual(TOPICS.map((t) => t.slug));
    for (const topic of body.items) {
      expect(topic.recommendationCount, topic.slug).toBe(
        recommendations.filter((r) => r.topic === topic.slug).length,
      );
    }
    const elsewhere = await getJson(app, '/api/v1/topics?country=FR', topicListSchema);
    expect(elsewhere.items.every((t) => t.recommendationCount === 0)).toBe(true);
    const inKz = await getJson(app, '/api/v1/topics?country=KZ', topicListSchema);
    expect(inKz.items).toEqual(body.items);
  });

  it('lists reports, newest first, with what each issued and assessed', async () => {
    const page = await getJson(app, '/api/v1/reports?pageSize=100', reportPageSchema);
    expect(page.total).toBe(manifest.reports.length);
    const dates = page.items.map((r) => r.publishedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const report of page.items) {
      const seed = seedReport(report.slug);
      expect(report).toMatchObject({
        kind: seed.kind,
        publisher: seed.publisher,
        title: seed.title,
        publishedOn: seed.publishedOn,
        publishedOnPrecision: seed.publishedOnPrecision,
        thirdParty: seed.kind === 'third_party',
        sourceFile: seed.sourceFile,
        recommendationCount: recommendations.filter((r) => r.report === seed.slug).length,
        priorityCount: recommendations.filter((r) => r.report === seed.slug && r.priority).length,
        assessmentCount: dataset.assessments.filter((a) => a.assessingReport === seed.slug).length,
        // The seed stores the text of every report it has a source file of.
        hasSourceText: seed.sourceFile !== null,
      });
      expect(report.country.code).toBe('KZ');
    }
    const thirdParty = await getJson(app, '/api/v1/reports?kind=third_party', reportPageSchema);
    expect(thirdParty.items.map((r) => r.slug)).toEqual(['kz-2021-iphr-briefing']);
    const finals = await getJson(
      app,
      `/api/v1/reports?${query({ kind: 'final_report' })}`,
      reportPageSchema,
    );
    expect(finals.total).toBe(manifest.reports.filter((r) => r.kind === 'final_report').length);
  });

  it('answers a report, by slug or id, with its recommendations and the assessments it made', async () => {
    const bySlug = await getJson(app, '/api/v1/reports/kz-2019-final', reportDetailSchema);
    const byId = await getJson(app, `/api/v1/reports/${bySlug.id}`, reportDetailSchema);
    expect(byId).toEqual(bySlug);
    expect(bySlug.recommendations.map((r) => keyOf(r))).toEqual(
      recommendations.filter((r) => r.report === 'kz-2019-final').map(keyOf),
    );
    for (const item of bySlug.recommendations) {
      expect(item.currentStatus).toBe(expectedStatus(findRecommendation(keyOf(item))));
    }
    const made = dataset.assessments.filter((a) => a.assessingReport === 'kz-2019-final');
    expect(
      bySlug.assessmentsMade.map((a) => [keyOf(a.recommendation), a.status, a.quote]).sort(),
    ).toEqual(made.map((a) => [keyOf(a.recommendation), a.status, a.quote]).sort());
    // The 2020 needs assessment issued nothing and assessed earlier recommendations.
    const nam = await getJson(app, '/api/v1/reports/kz-2020-nam', reportDetailSchema);
    expect(nam.recommendations).toEqual([]);
    expect(nam.assessmentsMade).toHaveLength(
      dataset.assessments.filter((a) => a.assessingReport === 'kz-2020-nam').length,
    );
    for (const key of ['no-such-report', '999999']) {
      expectProblem(
        await request(app.server).get(`/api/v1/reports/${key}`),
        404,
        PROBLEM_TYPES.notFound,
      );
    }
    expectProblem(await request(app.server).get('/api/v1/reports/Not_A_Slug'), 400);
  });

  it('lists assessments with filters, and answers one by id', async () => {
    const all = await getJson(app, '/api/v1/assessments?pageSize=100', assessmentPageSchema);
    expect(all.total).toBe(dataset.assessments.length);
    const dates = all.items.map((a) => a.assessingReport.publishedOn);
    expect(dates).toEqual([...dates].sort().reverse());

    const evidence = await getJson(
      app,
      '/api/v1/assessments?thirdParty=true&pageSize=100',
      assessmentPageSchema,
    );
    expect(evidence.total).toBe(
      dataset.assessments.filter((a) => isThirdParty(a.assessingReport)).length,
    );
    const official = await getJson(
      app,
      '/api/v1/assessments?thirdParty=false',
      assessmentPageSchema,
    );
    expect(official.total + evidence.total).toBe(all.total);

    const byReport = await getJson(
      app,
      '/api/v1/assessments?report=kz-2023-psfc&status=not_implemented',
      assessmentPageSchema,
    );
    expect(byReport.total).toBe(
      dataset.assessments.filter(
        (a) => a.assessingReport === 'kz-2023-psfc' && a.status === 'not_implemented',
      ).length,
    );

    const first = all.items[0]!;
    const ofOne = await getJson(
      app,
      `/api/v1/assessments?recommendation=${first.recommendation.id}`,
      assessmentPageSchema,
    );
    expect(ofOne.items.every((a) => a.recommendation.id === first.recommendation.id)).toBe(true);
    expect(ofOne.total).toBe(
      dataset.assessments.filter((a) => keyOf(a.recommendation) === keyOf(first.recommendation))
        .length,
    );

    const one = await getJson(app, `/api/v1/assessments/${first.id}`, assessmentSchema);
    expect(one).toEqual(first);
    expectProblem(await request(app.server).get('/api/v1/assessments/999999'), 404);
    expectProblem(await request(app.server).get('/api/v1/assessments?thirdParty=maybe'), 400);
  });

  it('lists the change history, newest first, for one record too', async () => {
    const page = await getJson(app, '/api/v1/changes?pageSize=100', changePageSchema);
    const seeded =
      1 +
      manifest.elections.length +
      manifest.reports.length +
      recommendations.length +
      dataset.assessments.length +
      dataset.links.length;
    expect(page.total).toBe(seeded);
    const ids = page.items.map((c) => c.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page.items.every((c) => c.action === 'create' && c.user === null)).toBe(true);
    expect(page.items[0]!.reason).toBe(`Seed data set: ${manifest.name}`);
    // Every change names the country of its record (of the recommendation, report or election).
    expect(new Set(page.items.map((c) => JSON.stringify(c.country)))).toEqual(
      new Set([JSON.stringify({ code: 'KZ', name: 'Kazakhstan' })]),
    );

    const reports = await getJson(app, '/api/v1/changes?entityType=report', changePageSchema);
    expect(reports.total).toBe(manifest.reports.length);
    const report = await getJson(app, '/api/v1/reports/kz-2019-final', reportDetailSchema);
    const history = await getJson(
      app,
      `/api/v1/changes?entityType=report&entityId=${report.id}`,
      changePageSchema,
    );
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      entityType: 'report',
      entityId: report.id,
      before: null,
    });
    expect(history.items[0]!.after).toMatchObject({ slug: 'kz-2019-final' });

    const withoutType = await request(app.server).get(`/api/v1/changes?entityId=${report.id}`);
    const problem = expectProblem(withoutType, 400, PROBLEM_TYPES.validation);
    expect(problem.errors?.map((e) => e.path)).toEqual(['querystring.entityId']);
    expectProblem(await request(app.server).get('/api/v1/changes?entityType=user'), 400);
  });
});
