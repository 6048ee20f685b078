import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryRows } from '@tracker/db';
import {
  recommendationDetailSchema,
  recommendationListQuerySchema,
  recommendationPageSchema,
} from '@tracker/shared';
import type { App } from '@tracker/server';
import { sql } from 'drizzle-orm';
import { createRepositories } from '../../../../../server/src/repositories/index.js';
import { useTestApp } from '../../../../helpers/app.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import {
  insertAssessment,
  insertElection,
  insertRecommendation,
  insertReport,
} from '../../../../helpers/fixtures.js';

/**
 * Answers PostgreSQL writes whole (server/src/repositories/answer-json.ts) are sent as they come,
 * past the zod serializer. Each must be byte for byte what the serializer writes of the same
 * answer read the ordinary way (the repository's objects), and must parse by the schema that
 * documents it.
 */

/** Text that JSON escapes, or that a naive writer would: quotes, backslashes, control characters. */
const AWKWARD =
  'Quote " backslash \\ slash / tab \t newline \n return \r bell \u0007 escape \u001b ' +
  'unit \u001f delete \u007f line separator \u2028 paragraph \u2029 emoji 🗳 Cyrillic Выборы <b>&amp;</b>';

/** What the zod serializer of the route would send for `answer`. */
function serialized(schema: z.ZodType, answer: unknown): string {
  return JSON.stringify(z.encode(schema, answer));
}

describe('answers written by the database', () => {
  let database: TestDatabase;
  let app: App;
  let awkwardId: number;

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    const election = await insertElection(database.db);
    const report = await insertReport(database.db, {
      electionId: election.id,
      title: `Report ${AWKWARD}`,
      sourceUrl: 'https://example.org/report?a=1&b="2"',
    });
    const recommendation = await insertRecommendation(database.db, {
      reportId: report.id,
      heading: AWKWARD,
      text: `Text ${AWKWARD}`,
      location: AWKWARD,
      priority: true,
      sourceLineStart: 3,
      sourceLineEnd: 4,
    });
    awkwardId = recommendation.id;
    const later = await insertReport(database.db, {
      electionId: election.id,
      publishedOn: '2021-03-01',
      kind: 'third_party',
      publisher: AWKWARD,
    });
    await insertAssessment(database.db, {
      recommendationId: awkwardId,
      assessingReportId: later.id,
      status: 'partially_implemented',
      quote: AWKWARD,
      note: AWKWARD,
    });
  });

  it('writes every recommendation detail as the serializer would, and by its schema', async () => {
    const repositories = createRepositories(database.db);
    const ids = (
      await queryRows<{ id: number }>(database.db, sql`select id from recommendations order by id`)
    ).map((row) => row.id);
    expect(ids).toContain(awkwardId);
    expect(ids.length).toBeGreaterThan(20);
    let withLineage = 0;
    let withAssessments = 0;
    for (const id of ids) {
      const response = await request(app.server).get(`/api/v1/recommendations/${id}`);
      expect(response.status, String(id)).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      const answer = await repositories.recommendations.findById(id);
      expect(response.text, String(id)).toBe(serialized(recommendationDetailSchema, answer));
      // The schema takes it, and its own output of it is the same text (no key it does not know).
      const parsed = recommendationDetailSchema.parse(JSON.parse(response.text));
      expect(serialized(recommendationDetailSchema, parsed)).toBe(response.text);
      if (parsed.lineage.earlier.length + parsed.lineage.later.length > 0) withLineage++;
      if (parsed.assessments.length > 0) withAssessments++;
    }
    // The seed has lineage and assessments: the comparison covered the nested arrays.
    expect(withLineage).toBeGreaterThan(0);
    expect(withAssessments).toBeGreaterThan(0);
  }, 180_000);

  it('writes every list page without a search as the serializer would, and by its schema', async () => {
    const repositories = createRepositories(database.db);
    const queries = [
      '',
      'priority=true',
      'country=KZ',
      'country=KZ&priority=true',
      'country=KZ,AM&sort=year',
      'status=not_implemented,partially_implemented',
      'topic=media',
      'topic=media,election-administration&sort=status&order=desc',
      'sort=yearsOpen',
      'sort=number&order=desc&pageSize=7&page=2',
      'yearFrom=2010&yearTo=2016',
      'unaddressed=true&sort=status',
      'unaddressed=false',
      'basis=inferred',
      'confidence=high,medium',
      'page=999',
      'priority=false&pageSize=100',
    ];
    let items = 0;
    for (const query of queries) {
      // Twice: the second answer takes the total kept from the first.
      for (const round of [1, 2]) {
        const path = `/api/v1/recommendations?${query}`;
        const response = await request(app.server).get(path);
        expect(response.status, path).toBe(200);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        const parsedQuery = recommendationListQuerySchema.parse(
          Object.fromEntries(new URLSearchParams(query)),
        );
        const answer = await repositories.recommendations.list(parsedQuery);
        expect(response.text, `${path} #${round}`).toBe(
          serialized(recommendationPageSchema, answer),
        );
        const parsed = recommendationPageSchema.parse(JSON.parse(response.text));
        expect(serialized(recommendationPageSchema, parsed)).toBe(response.text);
        items += parsed.items.length;
      }
    }
    expect(items).toBeGreaterThan(100);
  }, 180_000);

  it('counts a list afresh once the data changed, wherever the change was made', async () => {
    const path = `/api/v1/recommendations?priority=true&pageSize=1`;
    const before = (await request(app.server).get(path)).body.total as number;
    expect((await request(app.server).get(path)).body.total).toBe(before);
    const election = await insertElection(database.db);
    const report = await insertReport(database.db, { electionId: election.id });
    // Written past the API (as psql or another instance would): the change notification tells.
    await insertRecommendation(database.db, { reportId: report.id, priority: true });
    let after = before;
    for (let tries = 0; tries < 100 && after === before; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = (await request(app.server).get(path)).body.total as number;
    }
    expect(after).toBe(before + 1);
  });

  it('counts a search afresh once the data changed, its pages the same kept or counted', async () => {
    const word = `zanzibarite${Date.now().toString(36)}`;
    const election = await insertElection(database.db);
    const report = await insertReport(database.db, { electionId: election.id });
    const add = (n: number) =>
      insertRecommendation(database.db, {
        reportId: report.id,
        number: String(n),
        position: n,
        text: `The ${word} rules should be ${'clear '.repeat(n)}and published.`,
      });
    for (let n = 1; n <= 3; n++) await add(n);
    const path = (page: number) => `/api/v1/recommendations?q=${word}&pageSize=2&page=${page}`;
    const waitForTotal = async (expected: number) => {
      let total = -1;
      for (let tries = 0; tries < 100 && total !== expected; tries++) {
        total = (await request(app.server).get(path(1))).body.total as number;
        if (total !== expected) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return total;
    };
    expect(await waitForTotal(3)).toBe(3);
    // Counted with the first page, kept for the next ones and the same search again.
    const first = await request(app.server).get(path(1));
    const second = await request(app.server).get(path(2));
    const beyond = await request(app.server).get(path(3));
    expect(first.body).toMatchObject({ total: 3, items: [{}, {}] });
    expect(second.body).toMatchObject({ total: 3, items: [{}] });
    expect(beyond.body).toMatchObject({ total: 3, items: [] });
    const repositories = createRepositories(database.db);
    for (const [page, response] of [first, second, beyond].entries()) {
      const query = recommendationListQuerySchema.parse({ q: word, pageSize: '2', page: page + 1 });
      expect(response.text).toBe(
        serialized(recommendationPageSchema, await repositories.recommendations.list(query)),
      );
    }
    // Written past the API: the change notification tells, and the search is counted again.
    await add(4);
    expect(await waitForTotal(4)).toBe(4);
    expect((await request(app.server).get(path(2))).body).toMatchObject({
      total: 4,
      items: [{}, {}],
    });
  });

  it('keeps awkward text verbatim', async () => {
    const response = await request(app.server).get(`/api/v1/recommendations/${awkwardId}`);
    expect(response.body.heading).toBe(AWKWARD);
    expect(response.body.thirdPartyEvidence[0].quote).toBe(AWKWARD);
    expect(response.body.report.title).toBe(`Report ${AWKWARD}`);
  });

  it('answers an unknown id with the not-found problem', async () => {
    const response = await request(app.server).get('/api/v1/recommendations/2147483647');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
