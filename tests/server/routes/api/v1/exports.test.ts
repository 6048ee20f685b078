import { eq } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schema } from '@tracker/db';
import {
  PROBLEM_TYPES,
  RECOMMENDATION_EXPORT_COLUMNS,
  recommendationExportRowSchema,
  recommendationPageSchema,
} from '@tracker/shared';
import type { RecommendationExportRow } from '@tracker/shared';
import type { App } from '@tracker/server';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import { getJson } from '../../../../helpers/api-v1.js';
import { BOM, getCsv, parseCsv } from '../../../../helpers/csv.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import {
  insertElection,
  insertRecommendation,
  insertReport,
} from '../../../../helpers/fixtures.js';
import {
  assessmentsOf,
  expectedOpenSince,
  expectedStatus,
  findRecommendation,
  keyOf,
  printedOrder,
  recommendations,
  today,
  yearsBetween,
} from '../../../../helpers/seed-expectations.js';

/** The cell a value should become in the CSV (OWASP formula guard included). */
function expectedCell(value: RecommendationExportRow[keyof RecommendationExportRow]): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

const exportRowsSchema = z.array(recommendationExportRowSchema);

describe('recommendation exports', () => {
  let database: TestDatabase;
  let app: App;
  let hostileCountry: string;

  // supertest listens on a new port for each request: links are built from a fixed address.
  useTestApp(
    'seeded',
    async (opened) => {
      ({ database, app } = opened);
      // A record in another country whose texts would be formulas in a spreadsheet, or break a
      // naive CSV writer.
      const election = await insertElection(database.db);
      const [country] = await database.db
        .select({ code: schema.countries.code })
        .from(schema.countries)
        .innerJoin(schema.elections, eq(schema.elections.countryId, schema.countries.id))
        .where(eq(schema.elections.id, election.id));
      hostileCountry = country!.code;
      const report = await insertReport(database.db, { electionId: election.id });
      await insertRecommendation(database.db, {
        reportId: report.id,
        number: '1',
        heading: '+Heading, with a comma',
        text: '=HYPERLINK("http://evil.example","click")',
        location: '-2+3',
      });
      await insertRecommendation(database.db, {
        reportId: report.id,
        number: '2',
        position: 2,
        heading: '@SUM(A1)',
        text: 'Line one\r\nLine two, with "quotes"\nand a tab\tinside',
        location: '\tindented',
      });
      await insertRecommendation(database.db, {
        reportId: report.id,
        number: '3',
        position: 3,
        heading: '\uFF1DSUM(A1)',
        text: '\rcarriage return first, \uFF20 inside',
        location: '\uFF0B1',
      });
    },
    { publicUrl: 'https://tracker.example.org' },
  );

  it('exports the seed as CSV that parses back to the same rows as the JSON export', async () => {
    const { response, text } = await getCsv(app, '/api/v1/recommendations/export.csv?country=KZ');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="recommendations-KZ-${today()}\\.csv"$`),
    );
    // Streamed: sent in chunks, its length not known in advance.
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-length']).toBeUndefined();
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);

    const [header, ...rows] = parseCsv(text.slice(BOM.length));
    expect(header).toEqual(RECOMMENDATION_EXPORT_COLUMNS);
    expect(rows).toHaveLength(75);

    const json = await request(app.server).get('/api/v1/recommendations/export.json?country=KZ');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename=".*\.json"$/);
    const objects = exportRowsSchema.parse(JSON.parse(json.text));
    expect(rows).toEqual(
      objects.map((row) =>
        RECOMMENDATION_EXPORT_COLUMNS.map((column) => expectedCell(row[column])),
      ),
    );
  });

  it('exports what the seed holds, in printed order (the list’s default sort)', async () => {
    const json = await request(app.server).get('/api/v1/recommendations/export.json?country=KZ');
    const rows = exportRowsSchema.parse(JSON.parse(json.text));
    expect(rows.map(keyOf)).toEqual(printedOrder.map(keyOf));
    expect(rows.map((row) => keyOf(row)).sort()).toEqual(recommendations.map(keyOf).sort());
    for (const row of rows) {
      const item = findRecommendation(keyOf(row));
      const since = expectedOpenSince(item);
      expect(row).toMatchObject({
        countryCode: 'KZ',
        country: 'Kazakhstan',
        priority: item.priority,
        heading: item.heading,
        topic: item.topic,
        currentStatus: expectedStatus(item),
        openSince: since.date,
        openSincePrecision: since.precision,
        yearsOpen: yearsBetween(since.date, today()),
        textEntered: item.text !== null,
        text: item.text,
        location: item.location,
        sourceLines: item.lineStart === null ? null : `${item.lineStart}-${item.lineEnd}`,
      });
    }
    const latest = rows.find((row) => keyOf(row) === 'kz-2019-final#1')!;
    expect(latest.latestAssessingReport).toBe('kz-2023-psfc');
    expect(latest.latestAssessedOn).toBe('2023-03-20');
  });

  it('takes the filters of the list, and gives the same rows', async () => {
    const filters = 'report=kz-2019-final&priority=true&status=not_implemented';
    const listed = await getJson(
      app,
      `/api/v1/recommendations?${filters}&pageSize=100`,
      recommendationPageSchema,
    );
    const json = await request(app.server).get(`/api/v1/recommendations/export.json?${filters}`);
    const rows = exportRowsSchema.parse(JSON.parse(json.text));
    expect(rows.map((row) => row.id).sort()).toEqual(listed.items.map((item) => item.id).sort());
    expect(rows.length).toBe(
      recommendations.filter(
        (r) =>
          r.report === 'kz-2019-final' && r.priority && expectedStatus(r) === 'not_implemented',
      ).length,
    );

    const searched = await request(app.server).get(
      '/api/v1/recommendations/export.json?q=defamation',
    );
    expect(
      exportRowsSchema
        .parse(JSON.parse(searched.text))
        .map((row) => keyOf(row))
        .sort(),
    ).toEqual(
      recommendations
        // The search reads the text and the quotes and notes of its assessments.
        .filter(
          (r) =>
            /defamation/i.test(r.text ?? '') ||
            assessmentsOf(r).some((a) => /defamation/i.test(`${a.quote} ${a.note ?? ''}`)),
        )
        .map(keyOf)
        .sort(),
    );

    const none = await getCsv(app, '/api/v1/recommendations/export.csv?country=FR');
    expect(parseCsv(none.text.slice(BOM.length))).toEqual([[...RECOMMENDATION_EXPORT_COLUMNS]]);
    const noneJson = await request(app.server).get(
      '/api/v1/recommendations/export.json?country=FR',
    );
    expect(JSON.parse(noneJson.text)).toEqual([]);
  });

  it('exports everything when unfiltered', async () => {
    const json = await request(app.server).get('/api/v1/recommendations/export.json');
    const rows = exportRowsSchema.parse(JSON.parse(json.text));
    // The seed's and the three records of the other country.
    expect(rows).toHaveLength(recommendations.length + 3);
    expect(new Set(rows.map((row) => row.id)).size).toBe(recommendations.length + 3);
    expect(
      rows
        .filter((row) => row.countryCode === 'KZ')
        .map(keyOf)
        .sort(),
    ).toEqual(printedOrder.map(keyOf).sort());
  });

  it('quotes and guards cells so that a spreadsheet shows text, never runs it', async () => {
    const { text } = await getCsv(
      app,
      `/api/v1/recommendations/export.csv?country=${hostileCountry}`,
    );
    const [header, ...rows] = parseCsv(text.slice(BOM.length));
    const column = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(3);
    const [first, second, third] = rows as [string[], string[], string[]];
    expect(first[column('text')]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(first[column('heading')]).toBe(`'+Heading, with a comma`);
    expect(first[column('location')]).toBe(`'-2+3`);
    expect(second[column('heading')]).toBe(`'@SUM(A1)`);
    expect(second[column('location')]).toBe(`'\tindented`);
    expect(second[column('text')]).toBe('Line one\r\nLine two, with "quotes"\nand a tab\tinside');
    // Full-width forms, which some spreadsheets fold to ASCII, and a leading carriage return.
    expect(third[column('heading')]).toBe(`'\uFF1DSUM(A1)`);
    expect(third[column('location')]).toBe(`'\uFF0B1`);
    expect(third[column('text')]).toBe(`'\rcarriage return first, \uFF20 inside`);
    // On the wire: every text in quotes, inner quotes doubled.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    // The JSON export keeps the text as it is.
    const json = await request(app.server).get(
      `/api/v1/recommendations/export.json?country=${hostileCountry}`,
    );
    expect(JSON.parse(json.text)[0].text).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('answers a repeated download with 304 until the data change, and HEAD without a body', async () => {
    const path = '/api/v1/recommendations/export.csv?country=KZ&priority=true';
    const first = await request(app.server).get(path);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"csv-/);
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');

    const again = await request(app.server).get(path).set('if-none-match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(etag);

    const otherFilter = await request(app.server)
      .get('/api/v1/recommendations/export.csv?country=KZ')
      .set('if-none-match', etag);
    expect(otherFilter.status).toBe(200);
    const otherFormat = await request(app.server)
      .get('/api/v1/recommendations/export.json?country=KZ&priority=true')
      .set('if-none-match', etag);
    expect(otherFormat.status).toBe(200);

    const head = await request(app.server).head(path);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(head.headers.etag).toBe(etag);
    expect(head.text ?? '').toBe('');

    // Every write leaves a history entry; the next download is a new version.
    await database.db.insert(schema.historyEntries).values({
      entityType: 'recommendation',
      entityId: 1,
      action: 'update',
      reason: 'An edit',
    });
    const changed = await request(app.server).get(path).set('if-none-match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('refuses bad filters, and list-only parameters, with a problem', async () => {
    for (const [path, field] of [
      ['/api/v1/recommendations/export.csv?status=done', 'querystring.status.0'],
      ['/api/v1/recommendations/export.json?yearFrom=2020&yearTo=2019', 'querystring.yearTo'],
      ['/api/v1/recommendations/export.csv?page=2', 'querystring'],
      ['/api/v1/recommendations/export.json?pageSize=10', 'querystring'],
      ['/api/v1/recommendations/export.json?sort=relevance', 'querystring.sort'],
    ] as const) {
      const problem = expectProblem(
        await request(app.server).get(path),
        400,
        PROBLEM_TYPES.validation,
      );
      expect(problem.errors?.map((error) => error.path)).toContain(field);
    }
    expectProblem(await request(app.server).get('/api/v1/recommendations/export.xml'), 400);
  });
});
