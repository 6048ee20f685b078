import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_STATUSES,
  PROBLEM_TYPES,
  statisticsSchema,
  statusMatrixSchema,
  TOPICS,
  UNADDRESSED_STATUSES,
} from '@tracker/shared';
import type { StatusTally } from '@tracker/shared';
import type { DatasetRecommendation } from '@tracker/db';
import type { App } from '@tracker/server';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import { getJson } from '../../../../helpers/api-v1.js';
import {
  dataset,
  expectedStatus,
  keyOf,
  isOdihrIssued,
  odihrRecommendations,
  printedOrder,
  recommendations,
  seedReport,
} from '../../../../helpers/seed-expectations.js';

/** The tally the API should give for these seed recommendations. */
function tally(items: DatasetRecommendation[]): StatusTally {
  const byStatus = Object.fromEntries(
    CURRENT_STATUSES.map((status) => [
      status,
      items.filter((item) => expectedStatus(item) === status).length,
    ]),
  ) as StatusTally['byStatus'];
  const unaddressed = UNADDRESSED_STATUSES.reduce((sum, status) => sum + byStatus[status], 0);
  return { total: items.length, unaddressed, byStatus };
}

describe('statistics for the home page', () => {
  let app: App;

  useTestApp('seeded', (opened) => {
    ({ app } = opened);
  });

  it('counts by current status overall, for priority recommendations, by topic and by report', async () => {
    const body = await getJson(app, '/api/v1/statistics?country=KZ', statisticsSchema);
    // ODIHR's figures: civil-society (third-party) recommendations are never counted.
    expect(body.overall).toEqual(tally(odihrRecommendations));
    expect(body.priority).toEqual(tally(odihrRecommendations.filter((r) => r.priority)));
    // The home page question: how many priority recommendations remain unaddressed.
    expect(body.priority.unaddressed).toBe(
      odihrRecommendations.filter(
        (r) =>
          r.priority && (UNADDRESSED_STATUSES as readonly string[]).includes(expectedStatus(r)),
      ).length,
    );
    expect(body.priority.total).toBe(11);

    const topicOrder = TOPICS.map((t) => t.slug as string);
    const topicsUsed = topicOrder.filter((slug) =>
      odihrRecommendations.some((r) => r.topic === slug),
    );
    expect(body.byTopic.map((entry) => entry.topic?.slug ?? null)).toEqual([...topicsUsed, null]);
    for (const entry of body.byTopic) {
      const slug = entry.topic?.slug ?? null;
      const { topic: _topic, ...counts } = entry;
      expect(counts, String(slug)).toEqual(
        tally(odihrRecommendations.filter((r) => r.topic === slug)),
      );
    }

    const issuing = dataset.manifest.reports
      .filter((report) => odihrRecommendations.some((r) => r.report === report.slug))
      .sort((a, b) => a.publishedOn.localeCompare(b.publishedOn));
    expect(body.byReport.map((entry) => entry.report.slug)).toEqual(issuing.map((r) => r.slug));
    for (const entry of body.byReport) {
      const items = recommendations.filter((r) => r.report === entry.report.slug);
      const { report: _report, priority, ...counts } = entry;
      expect(counts).toEqual(tally(items));
      expect(priority).toBe(items.filter((r) => r.priority).length);
    }
  });

  it('narrows the counts by country, report and years', async () => {
    const unfiltered = await getJson(app, '/api/v1/statistics', statisticsSchema);
    expect(unfiltered.overall.total).toBe(odihrRecommendations.length);
    const elsewhere = await getJson(app, '/api/v1/statistics?country=FR', statisticsSchema);
    expect(elsewhere).toMatchObject({
      overall: tally([]),
      priority: tally([]),
      byTopic: [],
      byReport: [],
    });
    const of2019 = await getJson(app, '/api/v1/statistics?report=kz-2019-final', statisticsSchema);
    expect(of2019.overall).toEqual(
      tally(odihrRecommendations.filter((r) => r.report === 'kz-2019-final')),
    );
    const recent = await getJson(
      app,
      '/api/v1/statistics?yearFrom=2016&yearTo=2021',
      statisticsSchema,
    );
    expect(recent.overall).toEqual(
      tally(
        odihrRecommendations.filter((r) => {
          const year = Number(seedReport(r.report).publishedOn.slice(0, 4));
          return year >= 2016 && year <= 2021;
        }),
      ),
    );
    const problem = expectProblem(
      await request(app.server).get('/api/v1/statistics?priority=true'),
      400,
      PROBLEM_TYPES.validation,
    );
    expect(problem.detail).toBeTruthy();
  });

  it('builds the status matrix: recommendations × the reports that assessed them', async () => {
    const matrix = await getJson(app, '/api/v1/statistics/matrix?country=KZ', statusMatrixSchema);
    expect(matrix.country).toEqual({ code: 'KZ', name: 'Kazakhstan' });
    const assessing = [...new Set(dataset.assessments.map((a) => a.assessingReport))]
      .map((slug) => seedReport(slug))
      .sort((a, b) => a.publishedOn.localeCompare(b.publishedOn));
    expect(matrix.columns.map((c) => c.slug)).toEqual(assessing.map((r) => r.slug));
    expect(matrix.columns.map((c) => c.thirdParty)).toEqual(
      assessing.map((r) => r.kind === 'third_party'),
    );
    // Rows are ODIHR's recommendations; civil-society ones are listed apart, never in the matrix.
    expect(matrix.rows.map((row) => keyOf(row.recommendation))).toEqual(
      printedOrder.filter(isOdihrIssued).map(keyOf),
    );

    let cells = 0;
    for (const row of matrix.rows) {
      expect(row.cells).toHaveLength(matrix.columns.length);
      const key = keyOf(row.recommendation);
      matrix.columns.forEach((column, index) => {
        const seed = dataset.assessments.find(
          (a) => keyOf(a.recommendation) === key && a.assessingReport === column.slug,
        );
        expect(row.cells[index]?.status ?? null, `${key} × ${column.slug}`).toBe(
          seed?.status ?? null,
        );
        if (seed) cells++;
      });
    }
    expect(cells).toBe(dataset.assessments.length);

    const firstCell = matrix.rows.flatMap((row) => row.cells).find((cell) => cell !== null)!;
    const assessment = await request(app.server).get(
      `/api/v1/assessments/${firstCell.assessmentId}`,
    );
    expect(assessment.status).toBe(200);
    expect(assessment.body.status).toBe(firstCell.status);
  });

  it('narrows the matrix to priority recommendations of a report', async () => {
    const matrix = await getJson(
      app,
      '/api/v1/statistics/matrix?country=kz&priority=true&report=kz-2019-final',
      statusMatrixSchema,
    );
    const rows = recommendations.filter((r) => r.report === 'kz-2019-final' && r.priority);
    expect(matrix.rows.map((row) => keyOf(row.recommendation))).toEqual(rows.map(keyOf));
    const assessing = new Set(
      dataset.assessments
        .filter((a) => rows.some((r) => keyOf(r) === keyOf(a.recommendation)))
        .map((a) => a.assessingReport),
    );
    expect(new Set(matrix.columns.map((c) => c.slug))).toEqual(assessing);
    expect(matrix.rows.every((row) => row.recommendation.priority)).toBe(true);

    const media = await getJson(
      app,
      '/api/v1/statistics/matrix?country=KZ&topic=media',
      statusMatrixSchema,
    );
    expect(media.rows.map((row) => keyOf(row.recommendation))).toEqual(
      printedOrder.filter((r) => r.topic === 'media').map(keyOf),
    );
  });

  it('needs a country, and answers 404 for an unknown one', async () => {
    const missing = expectProblem(
      await request(app.server).get('/api/v1/statistics/matrix'),
      400,
      PROBLEM_TYPES.validation,
    );
    expect(missing.errors?.map((e) => e.path)).toEqual(['querystring.country']);
    expectProblem(await request(app.server).get('/api/v1/statistics/matrix?country=FR'), 404);
    expectProblem(await request(app.server).get('/api/v1/statistics/matrix?country=KZ,FR'), 400);
  });
});
