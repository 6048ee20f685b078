import { and, eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { PROBLEM_TYPES } from '@tracker/shared';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import {
  historyOf,
  recommendationIdOf,
  reportIdOf,
  storedRecommendation,
} from '../../../../helpers/fixtures.js';

describe('the editing API', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;
  let admin: SignedIn;

  const reportId = (slug: string) => reportIdOf(database.db, slug);
  const recommendationId = (slug: string, number: string) =>
    recommendationIdOf(database.db, slug, number);

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
    admin = await signInAs(app, database.db, 'admin');
  });

  it('updates a recommendation with a reason, bumping its version and writing its history', async () => {
    const id = await recommendationId('kz-2019-final', '13');
    const response = await asUser(
      editor,
      request(app.server).patch(`/api/v1/recommendations/${id}`),
    )
      .send({ topic: 'results', version: 1, reason: 'Topic corrected after review' })
      .expect(200);
    expect(response.body).toMatchObject({ id, topic: 'results', version: 2 });
    const history = await historyOf(database.db, 'recommendation', id);
    const update = history.at(-1)!;
    expect(update).toMatchObject({
      action: 'update',
      userId: editor.user.id,
      reason: 'Topic corrected after review',
    });
    expect(update.after).toMatchObject({ version: 2 });
    expect(Object.keys(update.after as object)).toContain('topicId');
  });

  it('refuses an update based on a stale version with 409 and the current record, writing nothing', async () => {
    const id = await recommendationId('kz-2019-final', '14');
    await asUser(editor, request(app.server).patch(`/api/v1/recommendations/${id}`))
      .send({ heading: 'Election Administration (edited)', version: 1 })
      .expect(200);
    const stale = await asUser(
      admin,
      request(app.server).patch(`/api/v1/recommendations/${id}`),
    ).send({
      heading: 'Something else',
      version: 1,
    });
    const problem = expectProblem(stale, 409, PROBLEM_TYPES.editConflict);
    expect(problem.current).toMatchObject({
      id,
      version: 2,
      heading: 'Election Administration (edited)',
    });
    expect(
      (await historyOf(database.db, 'recommendation', id)).filter((h) => h.action === 'update'),
    ).toHaveLength(1);
  });

  it('takes the version from If-Match, and requires one (428)', async () => {
    const id = await recommendationId('kz-2019-final', '15');
    await asUser(editor, request(app.server).patch(`/api/v1/recommendations/${id}`))
      .set('if-match', '"1"')
      .send({ priority: true })
      .expect(200);
    const missing = await asUser(
      editor,
      request(app.server).patch(`/api/v1/recommendations/${id}`),
    ).send({
      priority: false,
    });
    expectProblem(missing, 428, PROBLEM_TYPES.preconditionRequired);
  });

  it('records an assessment whose status becomes the current status, with its history', async () => {
    const id = await recommendationId('kz-2019-final', '31');
    const [report] = await database.db
      .insert(schema.reports)
      .values({
        slug: 'kz-2024-final-test',
        electionId: (await database.db.select().from(schema.elections))[0]!.id,
        publisher: 'ODIHR',
        kind: 'final_report',
        title: 'A later final report',
        publishedOn: '2024-06-01',
      })
      .returning();
    const response = await asUser(editor, request(app.server).post('/api/v1/assessments'))
      .send({
        recommendationId: id,
        assessingReportId: report!.id,
        status: 'fully_implemented',
        quote: 'The final result protocol now includes the number of spoiled ballots.',
        location: 'Section X, paragraph 4',
        reason: 'New mission report',
      })
      .expect(201);
    expect(response.body).toMatchObject({ recommendationId: id, recordedBy: editor.user.id });
    const recommendation = await storedRecommendation(database.db, id);
    expect(recommendation.currentStatus).toBe('fully_implemented');
    expect(await historyOf(database.db, 'assessment', response.body.id)).toHaveLength(1);
  });

  it('refuses an assessment by a report that is not later than the recommendation', async () => {
    const response = await asUser(editor, request(app.server).post('/api/v1/assessments')).send({
      recommendationId: await recommendationId('kz-2019-final', '30'),
      assessingReportId: await reportId('kz-2004-final'),
      status: 'not_implemented',
      quote: 'Whatever',
    });
    const problem = expectProblem(response, 400, PROBLEM_TYPES.validation);
    expect(problem.errors?.[0]?.path).toBe('body.assessingReportId');
  });

  it('refuses an inferred assessment without confidence and note', async () => {
    const response = await asUser(editor, request(app.server).post('/api/v1/assessments')).send({
      recommendationId: await recommendationId('kz-2019-final', '29'),
      assessingReportId: await reportId('kz-2023-psfc'),
      status: 'not_implemented',
      quote: 'Observers were restricted.',
      basis: 'inferred',
    });
    expectProblem(response, 400, PROBLEM_TYPES.validation);
  });

  it('refuses a duplicate recommendation number in a report (409)', async () => {
    const response = await asUser(editor, request(app.server).post('/api/v1/recommendations')).send(
      {
        reportId: await reportId('kz-2019-final'),
        number: '7',
        text: 'A duplicate.',
      },
    );
    expectProblem(response, 409, PROBLEM_TYPES.conflict);
  });

  it('creates a recommendation at the end of its report, and a lineage link to it', async () => {
    const created = await asUser(editor, request(app.server).post('/api/v1/recommendations'))
      .send({
        reportId: await reportId('kz-2019-final'),
        number: '32',
        text: 'A recommendation added by an editor.',
        topic: 'media',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      position: 32,
      topic: 'media',
      currentStatus: 'not_assessed',
    });
    const link = await asUser(editor, request(app.server).post('/api/v1/recommendation-links'))
      .send({
        laterRecommendationId: created.body.id,
        earlierRecommendationId: await recommendationId('kz-2004-final', '21'),
        kind: 'continues',
        confidence: 'high',
        note: 'Both on media independence.',
      })
      .expect(201);
    expect(link.body.createdBy).toBe(editor.user.id);
    const backwards = await asUser(
      editor,
      request(app.server).post('/api/v1/recommendation-links'),
    ).send({
      laterRecommendationId: await recommendationId('kz-2004-final', '22'),
      earlierRecommendationId: created.body.id,
      kind: 'continues',
      confidence: 'high',
      note: 'Backwards on purpose.',
    });
    expectProblem(backwards, 400, PROBLEM_TYPES.validation);
  });

  it('lets only admins delete, keeps the history, and refuses deleting a referenced record', async () => {
    const id = await recommendationId('kz-2019-final', '27');
    expectProblem(
      await asUser(editor, request(app.server).delete(`/api/v1/recommendations/${id}`)),
      403,
      PROBLEM_TYPES.forbidden,
    );
    // Recommendation 1 of 2019 is assessed by later reports: deleting it would orphan them.
    const referenced = await recommendationId('kz-2019-final', '1');
    expectProblem(
      await asUser(admin, request(app.server).delete(`/api/v1/recommendations/${referenced}`)),
      409,
      PROBLEM_TYPES.conflict,
    );
    await asUser(
      admin,
      request(app.server).delete(`/api/v1/recommendations/${id}?reason=duplicate`),
    ).expect(204);
    const history = await historyOf(database.db, 'recommendation', id);
    expect(history.at(-1)).toMatchObject({ action: 'delete', reason: 'duplicate', after: null });
    expect(history.at(-1)?.before).toMatchObject({ number: '27' });
  });

  it('answers 404 for an unknown id and 400 for an unknown field', async () => {
    expectProblem(
      await asUser(editor, request(app.server).patch('/api/v1/reports/999999')).send({
        title: 'x',
        version: 1,
      }),
      404,
    );
    const unknownField = await asUser(editor, request(app.server).post('/api/v1/reports')).send({
      slug: 'x-1',
      electionId: 1,
      publisher: 'ODIHR',
      kind: 'final_report',
      title: 'T',
      publishedOn: '2024-01-01',
      colour: 'red',
    });
    expectProblem(unknownField, 400, PROBLEM_TYPES.validation);
  });

  it('rolls back a write whose history entry fails: nothing half-written', async () => {
    const id = await recommendationId('kz-2019-final', '26');
    const before = await storedRecommendation(database.db, id);
    // A reason too long for the API is refused before anything is written…
    const response = await asUser(
      editor,
      request(app.server).patch(`/api/v1/recommendations/${id}`),
    ).send({
      heading: 'Changed',
      version: before!.version,
      reason: 'x'.repeat(1001),
    });
    expectProblem(response, 400);
    const after = await storedRecommendation(database.db, id);
    expect(after?.heading).toBe(before?.heading);
    expect(after?.version).toBe(before?.version);
    const [count] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.historyEntries)
      .where(
        and(eq(schema.historyEntries.entityId, id), eq(schema.historyEntries.action, 'update')),
      );
    expect(count?.n).toBe(0);
  });
});
