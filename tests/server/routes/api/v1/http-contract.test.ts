import { createConfig, lintFromString } from '@redocly/openapi-core';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as shared from '@tracker/shared';
import { PROBLEM_TYPES, recommendationPageSchema } from '@tracker/shared';
import type { App } from '@tracker/server';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import { getJson } from '../../../../helpers/api-v1.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { insertAssessment, insertElection, insertReport } from '../../../../helpers/fixtures.js';

/** The tags of the public read API (its operations are checked one by one below). */
const PUBLIC_TAGS = [
  'recommendations',
  'reports',
  'assessments',
  'statistics',
  'countries',
  'region',
  'elections',
  'topics',
  'changes',
];

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; description?: string }[];
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

describe('the public API as HTTP: caching, CORS, errors, documentation', () => {
  let database: TestDatabase;
  let app: App;
  /** A public path of each kind, with ids filled in from the seed. */
  let publicPaths: string[];

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    const page = await getJson(app, '/api/v1/recommendations?pageSize=1', recommendationPageSchema);
    const item = page.items[0]!;
    const assessments = await request(app.server).get('/api/v1/assessments?pageSize=1');
    const elections = await request(app.server).get('/api/v1/elections?pageSize=1');
    publicPaths = [
      '/api/v1/countries',
      '/api/v1/countries/KZ',
      '/api/v1/elections',
      `/api/v1/elections/${elections.body.items[0].id}`,
      '/api/v1/topics',
      '/api/v1/reports',
      `/api/v1/reports/${item.report.slug}`,
      '/api/v1/recommendations?priority=true',
      `/api/v1/recommendations/${item.id}`,
      '/api/v1/assessments',
      `/api/v1/assessments/${assessments.body.items[0].id}`,
      '/api/v1/statistics',
      '/api/v1/statistics/matrix?country=KZ',
      '/api/v1/region',
      '/api/v1/countries/KZ/summary',
      '/api/v1/changes',
    ];
  });

  describe('conditional requests', () => {
    it('gives every public answer an ETag and a revalidating Cache-Control', async () => {
      for (const path of publicPaths) {
        const response = await request(app.server).get(path);
        expect(response.status, path).toBe(200);
        expect(response.headers.etag, path).toMatch(/^"[^"]+"$/);
        expect(response.headers['cache-control'], path).toBe('public, max-age=0, must-revalidate');
      }
    });

    it('answers a repeated request with a bodiless 304 while nothing changed', async () => {
      for (const path of publicPaths) {
        const first = await request(app.server).get(path);
        const etag = first.headers.etag as string;
        const again = await request(app.server).get(path).set('if-none-match', etag);
        expect(again.status, path).toBe(304);
        expect(again.text ?? '', path).toBe('');
        expect(again.headers['content-length'] ?? '0').toBe('0');
        expect(again.headers.etag).toBe(etag);
        expect(again.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
      }
    });

    it('reads If-None-Match as a list of tags, weakly compared, or *', async () => {
      const path = '/api/v1/statistics';
      const etag = (await request(app.server).get(path)).headers.etag as string;
      for (const header of [`"other", ${etag}`, `W/${etag}`, '*']) {
        const response = await request(app.server).get(path).set('if-none-match', header);
        expect(response.status, header).toBe(304);
      }
      const stale = await request(app.server).get(path).set('if-none-match', '"stale"');
      expect(stale.status).toBe(200);
      // ODIHR's 69: the seed's 75 less the civil-society briefing's 6, never counted.
      expect(stale.body.overall.total).toBe(69);
    });

    it('changes the ETag when the data change', async () => {
      const path = '/api/v1/recommendations?priority=true&pageSize=100';
      const before = await request(app.server).get(path);
      const etag = before.headers.etag as string;
      const [target] = before.body.items as { id: number }[];
      const election = await insertElection(database.db);
      const report = await insertReport(database.db, {
        electionId: election.id,
        publishedOn: '2099-01-01',
      });
      await insertAssessment(database.db, {
        recommendationId: target!.id,
        assessingReportId: report.id,
        status: 'mostly_implemented',
      });
      const after = await request(app.server).get(path).set('if-none-match', etag);
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
      expect(after.body.items[0].currentStatus).toBe('mostly_implemented');
    });

    it('answers HEAD with the headers of GET and no body', async () => {
      const path = '/api/v1/countries';
      const get = await request(app.server).get(path);
      const head = await request(app.server).head(path);
      expect(head.status).toBe(200);
      expect(head.headers.etag).toBe(get.headers.etag);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
      expect(head.text ?? '').toBe('');
      const cached = await request(app.server).head(path).set('if-none-match', get.headers.etag!);
      expect(cached.status).toBe(304);
    });

    it('never marks errors or answers outside the public API as cacheable', async () => {
      const missing = await request(app.server).get('/api/v1/recommendations/999999');
      expect(missing.status).toBe(404);
      expect(missing.headers.etag).toBeUndefined();
      expect(missing.headers['cache-control']).toBe('no-store');
      const health = await request(app.server).get('/api/health');
      expect(health.headers['cache-control']).toBe('no-store');
    });
  });

  describe('CORS', () => {
    it('lets any origin read, and read the ETag', async () => {
      const response = await request(app.server)
        .get('/api/v1/topics')
        .set('origin', 'https://research.example.org');
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-expose-headers']).toMatch(/ETag/i);
    });

    it('allows read preflights and refuses write ones', async () => {
      const read = await request(app.server)
        .options('/api/v1/recommendations')
        .set('origin', 'https://research.example.org')
        .set('access-control-request-method', 'GET')
        .set('access-control-request-headers', 'if-none-match');
      expect(read.status).toBe(204);
      expect(read.headers['access-control-allow-origin']).toBe('*');
      expect(read.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');

      const write = await request(app.server)
        .options('/api/v1/recommendations')
        .set('origin', 'https://evil.example')
        .set('access-control-request-method', 'POST');
      expect(write.headers['access-control-allow-origin']).toBeUndefined();
      const post = await request(app.server)
        .post('/api/v1/no-such-thing')
        .set('origin', 'https://evil.example');
      expect(post.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('errors', () => {
    const longQuery = 'x'.repeat(201);
    const manyStatuses = Array.from({ length: 51 }, () => 'status=not_assessed').join('&');
    it.each([
      ['an unknown parameter', '/api/v1/recommendations?colour=red', 'querystring', /colour/],
      [
        'an unknown parameter on a detail',
        '/api/v1/reports/kz-2019-final?expand=all',
        'querystring',
        /expand/,
      ],
      [
        'a page that is not a number',
        '/api/v1/recommendations?page=abc',
        'querystring.page',
        /number/,
      ],
      ['a page below 1', '/api/v1/reports?page=0', 'querystring.page', />=1/],
      [
        'a page size over the bound',
        '/api/v1/assessments?pageSize=500',
        'querystring.pageSize',
        /<=100/,
      ],
      [
        'a repeated single parameter',
        '/api/v1/recommendations?page=1&page=2',
        'querystring.page',
        /.+/,
      ],
      [
        'an unknown status',
        '/api/v1/recommendations?status=done',
        'querystring.status.0',
        /not_assessed/,
      ],
      ['an empty list', '/api/v1/recommendations?status=', 'querystring.status', /.+/],
      ['too many values', `/api/v1/recommendations?${manyStatuses}`, 'querystring.status', /50/],
      ['an unknown sort', '/api/v1/recommendations?sort=random', 'querystring.sort', /.+/],
      ['an unknown order', '/api/v1/recommendations?order=up', 'querystring.order', /.+/],
      [
        'a boolean that is not true/false',
        '/api/v1/recommendations?priority=yes',
        'querystring.priority',
        /.+/,
      ],
      [
        'a country that is not an ISO code',
        '/api/v1/recommendations?country=Kazakhstan',
        'querystring.country.0',
        /ISO/,
      ],
      [
        'a report key that is not a slug',
        '/api/v1/recommendations?report=KZ_2019',
        'querystring.report.0',
        /slug/,
      ],
      ['an unknown topic', '/api/v1/topics?country=KZ&x=1', 'querystring', /x/],
      [
        'a year out of range',
        '/api/v1/recommendations?yearFrom=1800',
        'querystring.yearFrom',
        />=1900/,
      ],
      [
        'a reversed year range',
        '/api/v1/statistics?yearFrom=2020&yearTo=2010',
        'querystring.yearTo',
        /yearFrom/,
      ],
      [
        'relevance without a search',
        '/api/v1/recommendations?sort=relevance',
        'querystring.sort',
        /q/,
      ],
      ['an empty search', '/api/v1/recommendations?q=%20%20', 'querystring.q', /.+/],
      ['a search too long', `/api/v1/recommendations?q=${longQuery}`, 'querystring.q', /200/],
      ['a NUL byte in a search', '/api/v1/recommendations?q=a%00b', 'querystring.q', /control/],
      [
        'a NUL byte in an export',
        '/api/v1/recommendations/export.csv?q=%00',
        'querystring.q',
        /control/,
      ],
      ['an election id that is not a number', '/api/v1/elections/abc', 'params.id', /number/],
      [
        'an election filter that is not an id',
        '/api/v1/reports?election=-3',
        'querystring.election.0',
        /.+/,
      ],
      ['an unknown report kind', '/api/v1/reports?kind=blog', 'querystring.kind.0', /final_report/],
      [
        'an entity id without its type',
        '/api/v1/changes?entityId=3',
        'querystring.entityId',
        /entityType/,
      ],
    ])('answers %s with a 400 naming the field', async (_name, path, field, message) => {
      const response = await request(app.server).get(path);
      const problem = expectProblem(response, 400, PROBLEM_TYPES.validation);
      expect(problem.title).toBe('Invalid request');
      expect(problem.instance).toBe(path.split('?')[0]);
      const error = problem.errors?.find((e) => e.path === field);
      expect(error, JSON.stringify(problem.errors)).toBeDefined();
      expect(error!.message).toMatch(message);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it.each([
      '/api/v1/recommendations/2147483647',
      '/api/v1/reports/kz-1999-final',
      '/api/v1/elections/123456',
      '/api/v1/assessments/123456',
      '/api/v1/countries/ZZ',
      '/api/v1/statistics/matrix?country=ZZ',
      '/api/v1/nothing-here',
    ])('answers the unknown %s with a 404 problem', async (path) => {
      const problem = expectProblem(
        await request(app.server).get(path),
        404,
        PROBLEM_TYPES.notFound,
      );
      expect(problem.title).toBe('Not found');
      expect(problem.detail.length).toBeGreaterThan(0);
    });
  });

  describe('documentation', () => {
    let document: {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { examples?: unknown[] }> };
    };

    beforeAll(async () => {
      const response = await request(app.server).get('/openapi.json');
      expect(response.status).toBe(200);
      document = response.body;
    });

    it('passes the OpenAPI linter with the recommended rules', async () => {
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lintFromString({
        source: JSON.stringify(document),
        absoluteRef: 'openapi.json',
        config,
      });
      const errors = problems.filter((problem) => problem.severity === 'error');
      expect(errors.map((e) => `${e.ruleId}: ${e.message} ${e.location[0]?.pointer}`)).toEqual([]);
      // The public read operations raise not even a warning.
      const ours = problems.filter((problem) =>
        problem.location.some((location) =>
          Object.entries(document.paths).some(
            ([path, item]) =>
              item.get?.tags?.some((tag) => PUBLIC_TAGS.includes(tag)) &&
              location.pointer?.startsWith(`#/paths/${path.replaceAll('/', '~1')}/get`),
          ),
        ),
      );
      expect(ours.map((p) => `${p.ruleId}: ${p.message} ${p.location[0]?.pointer}`)).toEqual([]);
    });

    it('documents every public route with its input and one response per status', () => {
      const operations = Object.entries(document.paths).flatMap(([path, item]) =>
        item.get?.tags?.some((tag) => PUBLIC_TAGS.includes(tag)) ? [[path, item.get] as const] : [],
      );
      expect(operations.map(([path]) => path).sort()).toEqual(
        [
          '/api/v1/assessments',
          '/api/v1/assessments/{id}',
          '/api/v1/assessments/export.csv',
          '/api/v1/assessments/export.json',
          '/api/v1/assessments/export.xlsx',
          '/api/v1/changes',
          '/api/v1/changes.atom',
          '/api/v1/countries',
          '/api/v1/countries/{code}',
          '/api/v1/election-alarms',
          '/api/v1/countries/{code}/summary',
          '/api/v1/region',
          '/api/v1/elections',
          '/api/v1/elections/{id}',
          '/api/v1/recommendations',
          '/api/v1/recommendations/export.csv',
          '/api/v1/recommendations/export.json',
          '/api/v1/recommendations/export.xlsx',
          '/api/v1/recommendation-links/export.csv',
          '/api/v1/recommendation-links/export.json',
          '/api/v1/recommendation-links/export.xlsx',
          '/api/v1/recommendations/{id}',
          '/api/v1/reports',
          '/api/v1/reports/{id}',
          '/api/v1/reports/{id}/source',
          '/api/v1/statistics',
          '/api/v1/statistics/matrix',
          '/api/v1/topics',
        ].sort(),
      );
      for (const [path, operation] of operations) {
        expect(operation.operationId, path).toBeTruthy();
        expect(operation.summary, path).toBeTruthy();
        expect(operation.description?.length, path).toBeGreaterThan(50);
        expect(operation.security, path).toEqual([]);
        expect(Object.keys(operation.responses).sort(), path).toEqual(
          // The feed of an unknown country or recommendation is not found either.
          path.includes('{') || path.endsWith('/matrix') || path.endsWith('.atom')
            ? ['200', '304', '400', '404']
            : ['200', '304', '400'],
        );
        expect(operation.responses['304']!.content, path).toBeUndefined();
        expect(operation.responses['400']!.content, path).toEqual({
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        });
        for (const parameter of operation.parameters ?? []) {
          if (parameter.in === 'query')
            expect(parameter.description, `${path} ${parameter.name}`).toBeTruthy();
        }
      }
      const list = document.paths['/api/v1/recommendations']!.get!;
      expect(list.parameters!.map((p) => p.name)).toEqual(
        Object.keys(shared.recommendationListQuerySchema.shape),
      );
      expect(
        Object.keys(
          document.paths['/api/v1/recommendations/export.csv']!.get!.responses['200']!.content!,
        ),
      ).toEqual(['text/csv']);
    });

    it('names the main schemas as components, with examples that are valid', () => {
      for (const name of [
        'RecommendationSummary',
        'RecommendationPage',
        'RecommendationDetail',
        'ReportSummary',
        'RecommendationExportRow',
        'StatusCounts',
        'Change',
      ]) {
        expect(document.components.schemas[name]?.examples?.length, name).toBeGreaterThan(0);
      }
      for (const name of [
        'ReportDetail',
        'Statistics',
        'StatusMatrix',
        'AssessmentSummary',
        'Problem',
      ]) {
        expect(document.components.schemas[name], name).toBeDefined();
      }
      // Every example in the shared schemas parses with its own schema.
      let checked = 0;
      for (const value of Object.values(shared)) {
        if (!(value instanceof z.ZodType)) continue;
        const examples = z.globalRegistry.get(value)?.examples;
        for (const example of Array.isArray(examples) ? examples : []) {
          expect(() => value.parse(example)).not.toThrow();
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  });
});
