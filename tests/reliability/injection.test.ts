import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { App } from '@tracker/server';
import { problemSchema, recommendationPageSchema } from '@tracker/shared';
import { useTestApp } from '../helpers/app.js';
import { parseCsv } from '../helpers/csv.js';
import type { TestDatabase } from '../helpers/database.js';
import { snapshot } from './database-snapshot.js';
import type { Snapshot } from './database-snapshot.js';
import { routesOf } from './openapi-routes.js';
import type { OpenApiDocument, Route } from './openapi-routes.js';

/** SQL metacharacters, LIKE wildcards, escapes, placeholders and unusual Unicode. */
const PAYLOADS = [
  "'",
  "''",
  "' OR '1'='1",
  "'; DROP TABLE recommendations; --",
  '";--',
  '%',
  '%%',
  '_',
  '%_%',
  '\\',
  '\\%',
  '$1',
  '$$x$$',
  '?',
  '/* */',
  ') or (1=1',
  'Қазақстан',
  'ﬁ',
  '\u202e',
  '🇰🇿',
  '\u0000',
];
/** Punctuation only: no words to search for, so no match at all (never "everything"). */
const NO_WORDS = ["'", "''", '%', '%%', '_', '%_%', '\\', '";--', '?', '/* */'];

/**
 * Injection attempts in every filter and search parameter of the public list, search and export
 * routes: each answer is a 200 of the published shape or a 4xx problem, never a 500; nothing is
 * written; and the metacharacters change only the result set (a wildcard matches nothing, a quote
 * next to a word finds what the word finds).
 */
describe('SQL metacharacters in filters and searches', () => {
  let database: TestDatabase;
  let app: App;
  let publicReads: Route[];
  let before: Snapshot;
  let total: number;

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    const document = (await request(app.server).get('/openapi.json')).body as OpenApiDocument;
    publicReads = routesOf(document).filter(
      (route) =>
        route.method === 'GET' &&
        !route.secured &&
        route.parameters.some((parameter) => parameter.in === 'query'),
    );
    before = await snapshot(database.db);
    total = recommendationPageSchema.parse(
      (await request(app.server).get('/api/v1/recommendations')).body,
    ).total;
  });

  it('answers every payload in every parameter with data or a 4xx problem, writing nothing', async () => {
    let tried = 0;
    for (const route of publicReads) {
      for (const parameter of route.parameters.filter((p) => p.in === 'query')) {
        for (const payload of PAYLOADS) {
          const path = `${route.path}?${parameter.name}=${encodeURIComponent(payload)}`;
          const response = await request(app.server).get(path);
          tried++;
          expect(response.status, `${path}: ${response.text.slice(0, 200)}`).toBeLessThan(500);
          if (response.status >= 400) {
            expect(problemSchema.parse(response.body).status).toBe(response.status);
          } else if (route.path.endsWith('.csv')) {
            expect(parseCsv(response.text.replace(/^\uFEFF/, '')).length).toBeGreaterThanOrEqual(1);
          } else if (route.path.endsWith('.xlsx')) {
            expect(response.headers['content-type'], path).toMatch(/spreadsheetml\.sheet/);
          } else if (route.path.endsWith('.atom')) {
            expect(response.headers['content-type'], path).toMatch(/^application\/atom\+xml/);
          } else {
            expect(response.headers['content-type'], path).toMatch(/^application\/json/);
          }
        }
      }
    }
    console.log(`injection: ${tried} requests over ${publicReads.length} public read routes`);
    expect(tried).toBeGreaterThan(200);
    expect(await snapshot(database.db)).toEqual(before);
    const after = recommendationPageSchema.parse(
      (await request(app.server).get('/api/v1/recommendations')).body,
    );
    expect(after.total).toBe(total);
    // Every public read parameter times every payload: the work grows with the API, not a hang.
  }, 180_000);

  it('treats wildcards and quotes in a search as text, not as SQL', async () => {
    const search = async (q: string) => {
      const response = await request(app.server)
        .get('/api/v1/recommendations')
        .query({ q, pageSize: 100 });
      expect(response.status, q).toBe(200);
      return recommendationPageSchema.parse(response.body);
    };
    for (const q of NO_WORDS) expect((await search(q)).total, q).toBe(0);

    const plain = await search('media');
    expect(plain.total).toBeGreaterThan(0);
    expect(plain.total).toBeLessThan(total);
    for (const decorated of ["media'", "'media'", 'media;--', 'media%', '%media%', 'media\\']) {
      const found = await search(decorated);
      expect(
        found.items.map((item) => item.id),
        decorated,
      ).toEqual(plain.items.map((item) => item.id));
    }
  });
});
