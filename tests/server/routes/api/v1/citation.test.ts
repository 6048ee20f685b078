import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '@tracker/server';
import { citationSchema } from '@tracker/shared';
import { citationText } from '@tracker/shared/domain';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import { buildTestApp, expectProblem, useTestApp } from '../../../../helpers/app.js';
import type { OpenedTestApp } from '../../../../helpers/app.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';

const SITE = 'https://tracker.example.org';

/** The targets of a Link header by relation. */
function links(header: string | undefined): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of (header ?? '').matchAll(/<([^>]*)>((?:;\s*[a-z]+="[^"]*")*)/g)) {
    const rel = /rel="([^"]*)"/.exec(match[2] ?? '')?.[1];
    if (rel) found[rel] = match[1]!;
  }
  return found;
}

/**
 * "Cite this" in the API: every public answer names its permalink (`rel="cite-as"`) and the latest
 * data release (`rel="describedby"`), kept answers included; `GET /api/v1/citation` cites a page or
 * an API address. Two instances on one database, as in answer-cache.test.ts: a release published
 * through one changes the header of an answer the other had kept.
 */
describe('citing the API’s answers and the site’s pages', () => {
  let database: TestDatabase;
  let first: App;
  let second: App;
  let recommendationId: number;

  const get = (app: App, url: string) => request(app.server).get(url).expect(200);
  const waitUntil = async (condition: () => boolean) => {
    for (let i = 0; i < 300 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(condition()).toBe(true);
  };

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    first = await buildTestApp(database, { publicUrl: SITE });
    second = await buildTestApp(database, { publicUrl: SITE });
    await waitUntil(() => first.answerCache.current() !== undefined);
    await waitUntil(() => second.answerCache.current() !== undefined);
    const list = await get(first, '/api/v1/recommendations?country=KZ&pageSize=1');
    recommendationId = list.body.items[0].id;
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.destroy();
  });

  it('names the permalink of a list (query sorted), a detail, an export and a feed', async () => {
    const list = await get(first, '/api/v1/recommendations?status=not_implemented&country=KZ');
    expect(list.headers.link).toBe(
      `<${SITE}/api/v1/recommendations?country=KZ&status=not_implemented>; rel="cite-as"`,
    );
    const detail = await get(first, `/api/v1/recommendations/${recommendationId}`);
    expect(links(detail.headers.link)).toEqual({
      'cite-as': `${SITE}/api/v1/recommendations/${recommendationId}`,
    });
    const csv = await get(first, '/api/v1/recommendations/export.csv?country=KZ');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(links(csv.headers.link)['cite-as']).toBe(
      `${SITE}/api/v1/recommendations/export.csv?country=KZ`,
    );
    const xlsx = await get(first, '/api/v1/assessments/export.xlsx');
    expect(links(xlsx.headers.link)['cite-as']).toBe(`${SITE}/api/v1/assessments/export.xlsx`);
    const feed = await get(first, '/api/v1/changes.atom?country=KZ');
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(links(feed.headers.link)['cite-as']).toBe(`${SITE}/api/v1/changes.atom?country=KZ`);
    const releases = await get(first, '/api/v1/releases');
    expect(links(releases.headers.link)['cite-as']).toBe(`${SITE}/api/v1/releases`);
    // Browsers' scripts on other origins may read it.
    expect(list.headers['access-control-expose-headers']).toMatch(/\bLink\b/);
  });

  it('puts no Link on problems, the health check or a 304 it does not send a body for', async () => {
    const missing = await request(first.server).get('/api/v1/recommendations/999999999');
    expectProblem(missing, 404);
    expect(missing.headers.link).toBeUndefined();
    const invalid = await request(first.server).get('/api/v1/recommendations?status=nonsense');
    expectProblem(invalid, 400);
    expect(invalid.headers.link).toBeUndefined();
    const health = await request(first.server).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.headers.link).toBeUndefined();
  });

  it('cites a page (query sorted, empty parameters and fragment dropped) without a release before the first is published', async () => {
    const answer = await get(
      first,
      `/api/v1/citation?url=${encodeURIComponent('/recommendations?status=not_implemented&q=&country=KZ#results')}`,
    );
    const citation = citationSchema.parse(answer.body);
    expect(citation.permalink).toBe(`${SITE}/recommendations?country=KZ&status=not_implemented`);
    expect(citation.release).toBeNull();
    expect(citation.citation.text).toBe(
      citationText({
        title: 'Browse and search recommendations',
        permalink: citation.permalink,
        release: null,
        accessed: new Date().toISOString(),
      }),
    );
    expect(citation.citation.text).toContain('(n.d.)');
    expect(citation.citation.bibtex).toMatch(/^@misc\{odihr-tracker-nd,/);
    expect(citation.citation.cff).not.toMatch(/^version:/m);
  });

  it('adds the release to every answer once one is published, kept answers of every instance included', async () => {
    const list = '/api/v1/recommendations?country=KZ&status=not_implemented';
    first.answerCache.invalidate();
    second.answerCache.invalidate();
    await get(first, list);
    await get(second, list);
    expect(first.answerCache.size.entries).toBe(1);
    expect(second.answerCache.size.entries).toBe(1);
    expect(links((await get(second, list)).headers.link).describedby).toBeUndefined();

    const admin = await signInAs(first, database.db, 'admin');
    const published = await asUser(admin, request(first.server).post('/api/v1/releases')).send({
      notes: 'For citing.',
    });
    expect(published.status).toBe(201);
    const archive = `${SITE}/api/v1/releases/${published.body.number}/archive.zip`;

    // The instance that published emptied its cache before answering; the other learns of it
    // from the database's change notification.
    expect(links((await get(first, list)).headers.link)).toEqual({
      'cite-as': `${SITE}${list}`,
      describedby: archive,
    });
    await waitUntil(() => second.answerCache.size.entries === 0);
    const fromSecond = await get(second, list);
    expect(links(fromSecond.headers.link).describedby).toBe(archive);
    expect(fromSecond.headers.link).toContain(
      `type="application/zip"; title="Data release ${published.body.number}"`,
    );
    // Kept again with the new header, and replayed with it.
    expect(second.answerCache.size.entries).toBe(1);
    expect((await get(second, list)).headers.link).toBe(fromSecond.headers.link);

    const zip = await get(first, `/api/v1/releases/${published.body.number}/archive.zip`);
    expect(links(zip.headers.link)['cite-as']).toBe(archive);

    const cited = citationSchema.parse(
      (
        await get(
          first,
          `/api/v1/citation?url=${encodeURIComponent(`${SITE}/reports/kz-2019-final`)}`,
        )
      ).body,
    );
    expect(cited.permalink).toBe(`${SITE}/reports/kz-2019-final`);
    expect(cited.release).toEqual({
      number: published.body.number,
      publishedAt: published.body.publishedAt,
      url: archive,
    });
    const year = published.body.publishedAt.slice(0, 4);
    expect(cited.citation.text).toMatch(
      new RegExp(
        `^ODIHR Recommendations Follow-up Tracker\\. \\(${year}\\)\\. Report kz-2019-final \\[Data set, release ${published.body.number.replace('.', '\\.')}\\]\\. Retrieved \\d{1,2} \\w+ \\d{4}, from ${SITE}/reports/kz-2019-final$`,
      ),
    );
    expect(cited.citation.bibtex).toContain(`version = {${published.body.number}}`);
    expect(cited.citation.cff).toContain(`repository-artifact: "${archive}"`);

    const api = citationSchema.parse(
      (
        await get(
          first,
          `/api/v1/citation?lang=ru&url=${encodeURIComponent('/api/v1/assessments?pageSize=10&country=KZ')}`,
        )
      ).body,
    );
    expect(api.permalink).toBe(`${SITE}/api/v1/assessments?country=KZ&pageSize=10`);
    expect(api.citation.text).toContain(`[Набор данных, выпуск ${published.body.number}]`);
    expect(api.citation.text).toContain('API answer /api/v1/assessments?country=KZ&pageSize=10');
  });

  it('refuses an address of another site, or one that is neither a public page nor the API', async () => {
    for (const url of [
      'https://example.com/recommendations',
      'http://tracker.example.org/recommendations',
      '//example.com/about',
      '/editor/import',
      '/admin/users',
      '/api/health',
      '/no-such-page',
    ]) {
      const refused = await request(first.server).get(
        `/api/v1/citation?url=${encodeURIComponent(url)}`,
      );
      const problem = expectProblem(refused, 400);
      expect(problem.errors?.[0]?.path, url).toBe('querystring.url');
    }
    expectProblem(await request(first.server).get('/api/v1/citation'), 400);
  });
});

/**
 * Without PUBLIC_URL the permalink names the address the request came to: a kept answer must
 * never be replayed to another address with the first one's links (a poisoned cache).
 */
describe('citing without a configured public address', () => {
  let opened: OpenedTestApp;
  useTestApp('seeded', (ready) => {
    opened = ready;
  });

  it('names the host asked for, each host from its own kept answer', async () => {
    const { app } = opened;
    for (let i = 0; i < 300 && app.answerCache.current() === undefined; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    app.answerCache.invalidate();
    const asked = (host: string) =>
      request(app.server).get('/api/v1/topics').set('host', host).expect(200);
    for (const round of [1, 2]) {
      for (const host of ['one.example.org', 'two.example.org:8080']) {
        const answer = await asked(host);
        expect(links(answer.headers.link)['cite-as'], `${host}, round ${round}`).toBe(
          `http://${host}/api/v1/topics`,
        );
      }
    }
    expect(app.answerCache.size.entries).toBe(2);
  });
});
