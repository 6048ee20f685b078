import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ASSESSMENT_EXPORT_COLUMNS,
  LINK_EXPORT_COLUMNS,
  RECOMMENDATION_EXPORT_COLUMNS,
  assessmentExportRowSchema,
  linkExportRowSchema,
  recommendationExportRowSchema,
  recommendationPageSchema,
} from '@tracker/shared';
import type { RecommendationExportQuery } from '@tracker/shared';
import type { App } from '@tracker/server';
import { createRepositories } from '../../../../../server/src/repositories/index.js';
import { buildTestApp } from '../../../../helpers/app.js';
import { getJson } from '../../../../helpers/api-v1.js';
import { BOM, getCsv, parseCsv } from '../../../../helpers/csv.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import {
  dataset,
  isThirdParty,
  keyOf,
  seedReport,
  today,
} from '../../../../helpers/seed-expectations.js';

async function csvRows(app: App, path: string) {
  const { response, text } = await getCsv(app, path);
  expect(response.status).toBe(200);
  const [header, ...rows] = parseCsv(text.slice(BOM.length));
  return { response, header, rows };
}

async function jsonRows<Schema extends z.ZodType>(app: App, path: string, row: Schema) {
  const response = await request(app.server).get(path);
  expect(response.status).toBe(200);
  return z.array(row).parse(JSON.parse(response.text));
}

/** Reads an XLSX answer back with the library that wrote it: the sheet's rows as values. */
async function xlsxRows(app: App, path: string) {
  const response = await app.inject({ method: 'GET', url: path });
  expect(response.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { response, sheet, rows };
}

const kzAssessments = dataset.assessments.filter((assessment) =>
  seedReport(assessment.recommendation.report).slug.startsWith('kz-'),
);

describe('exports of every table', () => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    app = await buildTestApp(database, { publicUrl: 'https://tracker.example.org/' });
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('exports assessments with the recommendation and the assessing report on each row', async () => {
    const { response, header, rows } = await csvRows(
      app,
      '/api/v1/assessments/export.csv?country=KZ',
    );
    expect(header).toEqual(ASSESSMENT_EXPORT_COLUMNS);
    expect(rows).toHaveLength(kzAssessments.length);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="assessments-KZ-${today()}.csv"`,
    );
    const json = await jsonRows(
      app,
      '/api/v1/assessments/export.json?country=KZ',
      assessmentExportRowSchema,
    );
    expect(json).toHaveLength(kzAssessments.length);
    const keys = (
      list: { recommendation: { report: string; number: string }; assessingReport: string }[],
    ) => list.map((a) => `${keyOf(a.recommendation)}@${a.assessingReport}`).sort();
    expect(
      keys(
        json.map((row) => ({
          recommendation: { report: row.recommendationReport, number: row.recommendationNumber },
          assessingReport: row.assessingReport,
        })),
      ),
    ).toEqual(keys(kzAssessments));
    for (const row of json) {
      expect(row.recommendationUrl).toBe(
        `https://tracker.example.org/recommendations/${row.recommendationId}`,
      );
      expect(row.thirdParty).toBe(isThirdParty(row.assessingReport));
    }
    // The list's order: the most recent assessing report first.
    const dates = json.map((row) => row.assessingReportPublishedOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('exports the third-party evidence alone, under its own file name', async () => {
    const expected = kzAssessments.filter((a) => isThirdParty(a.assessingReport));
    expect(expected.length).toBeGreaterThan(0);
    const { response, rows } = await csvRows(app, '/api/v1/assessments/export.csv?thirdParty=true');
    expect(rows).toHaveLength(expected.length);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="evidence-${today()}.csv"`,
    );
    const official = await jsonRows(
      app,
      '/api/v1/assessments/export.json?thirdParty=false',
      assessmentExportRowSchema,
    );
    expect(official).toHaveLength(dataset.assessments.length - expected.length);
    expect(official.every((row) => !row.thirdParty)).toBe(true);
  });

  it('exports lineage links, filtered by kind', async () => {
    const { header, rows } = await csvRows(app, '/api/v1/recommendation-links/export.csv');
    expect(header).toEqual(LINK_EXPORT_COLUMNS);
    expect(rows).toHaveLength(dataset.links.length);
    const repeats = await jsonRows(
      app,
      '/api/v1/recommendation-links/export.json?kind=repeats&country=KZ',
      linkExportRowSchema,
    );
    expect(
      repeats
        .map((l) => `${l.laterReport}#${l.laterNumber}<${l.earlierReport}#${l.earlierNumber}`)
        .sort(),
    ).toEqual(
      dataset.links
        .filter((link) => link.kind === 'repeats')
        .map((l) => `${keyOf(l.later)}<${keyOf(l.earlier)}`)
        .sort(),
    );
  });

  it('adds the URL, the topic name and the issuer to recommendation rows', async () => {
    const rows = await jsonRows(
      app,
      '/api/v1/recommendations/export.json?country=KZ&priority=true',
      recommendationExportRowSchema,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.url).toBe(`https://tracker.example.org/recommendations/${row.id}`);
      expect(row.issuedBy).toBe(seedReport(row.report).publisher);
      if (row.topic !== null) expect(row.topicName).toEqual(expect.any(String));
    }
    expect(rows.find((row) => row.topic === 'fundamental-freedoms')?.topicName).toBe(
      'Fundamental freedoms',
    );
  });

  it('honours the sort, names the filters in the file name, and agrees with the list', async () => {
    for (const sort of ['number', 'year', 'status', 'yearsOpen'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const filters = `country=KZ&sort=${sort}&order=${order}`;
        const listed = await getJson(
          app,
          `/api/v1/recommendations?${filters}&pageSize=100`,
          recommendationPageSchema,
        );
        const exported = await jsonRows(
          app,
          `/api/v1/recommendations/export.json?${filters}`,
          recommendationExportRowSchema,
        );
        expect(exported.map((row) => row.id)).toEqual(listed.items.map((item) => item.id));
      }
    }
    const { response } = await csvRows(
      app,
      '/api/v1/recommendations/export.csv?country=KZ&priority=true&sort=status&order=desc',
    );
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="recommendations-KZ-priority-by-status-desc-${today()}.csv"`,
    );
  });

  it('reads batch after batch in the sort without a gap or a repeat', async () => {
    const repositories = createRepositories(database.db);
    const queries: RecommendationExportQuery[] = [
      { sort: 'status', order: 'desc' },
      { sort: 'yearsOpen' },
      { sort: 'number', order: 'desc' },
      { q: 'election', sort: 'relevance' },
    ];
    for (const query of queries) {
      const whole: number[] = [];
      for await (const batch of repositories.recommendations
        .exportBatches(query, 'http://x', 500)
        .rows()) {
        whole.push(...batch.map((row) => row.id));
      }
      const batched: number[] = [];
      for await (const batch of repositories.recommendations
        .exportBatches(query, 'http://x', 7)
        .rows()) {
        expect(batch.length).toBeLessThanOrEqual(7);
        batched.push(...batch.map((row) => row.id));
      }
      expect(whole.length).toBeGreaterThan(7);
      expect(batched).toEqual(whole);
    }
    const assessments: number[] = [];
    for await (const batch of repositories.assessments.exportBatches({}, 'http://x', 5).rows()) {
      assessments.push(...batch.map((row) => row.id));
    }
    expect(new Set(assessments).size).toBe(dataset.assessments.length);
  });

  it('writes every table as an XLSX workbook with the header row', async () => {
    for (const [path, columns, count] of [
      ['/api/v1/recommendations/export.xlsx?country=KZ', RECOMMENDATION_EXPORT_COLUMNS, 75],
      [
        '/api/v1/assessments/export.xlsx?country=KZ',
        ASSESSMENT_EXPORT_COLUMNS,
        kzAssessments.length,
      ],
      ['/api/v1/recommendation-links/export.xlsx', LINK_EXPORT_COLUMNS, dataset.links.length],
    ] as const) {
      const { response, rows } = await xlsxRows(app, path);
      expect(response.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(response.headers['content-disposition']).toMatch(/\.xlsx"$/);
      expect(rows[0]).toEqual(columns);
      expect(rows).toHaveLength(count + 1);
    }
    // Texts stay texts: a would-be formula is a string cell, not a formula.
    const { rows } = await xlsxRows(
      app,
      '/api/v1/recommendations/export.xlsx?country=KZ&priority=true',
    );
    const header = rows[0] as string[];
    expect(typeof rows[1]![header.indexOf('text')]).toBe('string');
  });
});
