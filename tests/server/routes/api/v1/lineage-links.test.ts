import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { App } from '@tracker/server';
import { lineagePreviewSchema, lineageSuggestionListSchema, PROBLEM_TYPES } from '@tracker/shared';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { recommendationIdOf, storedRecommendation } from '../../../../helpers/fixtures.js';

describe('lineage by search, links justified, and their public effect previewed', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;

  const recommendationId = (slug: string, number: string) =>
    recommendationIdOf(database.db, slug, number);
  const openSince = async (id: number) => (await storedRecommendation(database.db, id)).openSince;
  const search = async (id: number, q: string) =>
    lineageSuggestionListSchema.parse(
      (
        await asUser(
          editor,
          request(app.server).get(`/api/v1/recommendations/${id}/lineage-suggestions`).query({ q }),
        ).expect(200)
      ).body,
    ).items;

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
  });

  it('finds any earlier recommendation by report year and number, or by words', async () => {
    const later = await recommendationId('kz-2019-final', '12');
    const byNumber = await search(later, '2004 23');
    expect(byNumber.map((item) => item.id)).toEqual([
      await recommendationId('kz-2004-final', '23'),
    ]);
    const numberOnly = await search(later, 'No. 5');
    expect(numberOnly.length).toBeGreaterThan(0);
    expect(numberOnly.every((item) => item.number === '5')).toBe(true);
    const byWords = await search(later, 'defamation');
    expect(byWords.length).toBeGreaterThan(0);
    expect(byWords.every((item) => item.excerpt?.toLowerCase().includes('defam') ?? false)).toBe(
      true,
    );
    const byReport = await search(later, 'kz-2004-final');
    expect(byReport.every((item) => item.report.slug === 'kz-2004-final')).toBe(true);
    // Only earlier ODIHR reports of the same country.
    expect(byReport.every((item) => !item.report.thirdParty)).toBe(true);
    expect(await search(later, 'zzzznothing')).toEqual([]);
    expectProblem(
      await asUser(
        editor,
        request(app.server)
          .get(`/api/v1/recommendations/${later}/lineage-suggestions`)
          .query({ q: 'x'.repeat(201) }),
      ),
      400,
      PROBLEM_TYPES.validation,
    );
  });

  it('refuses a link without a confidence and a reason, naming the fields', async () => {
    const body = {
      laterRecommendationId: await recommendationId('kz-2019-final', '12'),
      earlierRecommendationId: await recommendationId('kz-2004-final', '2'),
      kind: 'continues',
    };
    const problem = expectProblem(
      await asUser(editor, request(app.server).post('/api/v1/recommendation-links')).send(body),
      400,
      PROBLEM_TYPES.validation,
    );
    expect(problem.errors?.map((error) => error.path)).toEqual(['body.confidence', 'body.note']);
    const noKind = expectProblem(
      await asUser(editor, request(app.server).post('/api/v1/recommendation-links')).send({
        ...body,
        kind: undefined,
        confidence: 'low',
        note: 'Same subject.',
      }),
      400,
    );
    expect(noKind.errors?.map((error) => error.path)).toContain('body.kind');
  });

  it('previews the public “open since” a link would give, without writing', async () => {
    const later = await recommendationId('kz-2019-final', '12');
    const earlier = await recommendationId('kz-2004-final', '2');
    const before = await openSince(later);
    expect(before).toBe('2019-10-04');
    const response = await asUser(
      editor,
      request(app.server)
        .get(`/api/v1/recommendations/${later}/lineage-preview`)
        .query({ earlierId: earlier }),
    ).expect(200);
    expect(lineagePreviewSchema.parse(response.body)).toEqual({
      recommendationId: later,
      earlierId: earlier,
      current: { date: '2019-10-04', precision: 'day' },
      withLink: { date: '2004-12-15', precision: 'day' },
      changes: true,
    });
    expect(await openSince(later)).toBe(before);
    // Saved, the link gives what the preview said.
    await asUser(editor, request(app.server).post('/api/v1/recommendation-links'))
      .send({
        laterRecommendationId: later,
        earlierRecommendationId: earlier,
        kind: 'continues',
        confidence: 'medium',
        note: 'Both on registering political parties.',
      })
      .expect(201);
    expect(await openSince(later)).toBe('2004-12-15');
    expectProblem(
      await asUser(
        editor,
        request(app.server)
          .get(`/api/v1/recommendations/${later}/lineage-preview`)
          .query({ earlierId: 999999 }),
      ),
      404,
      PROBLEM_TYPES.notFound,
    );
    expectProblem(
      await request(app.server)
        .get(`/api/v1/recommendations/${later}/lineage-preview`)
        .query({ earlierId: earlier }),
      401,
    );
  });
});
