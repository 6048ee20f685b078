import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { PROBLEM_TYPES } from '@tracker/shared';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import type { TestDatabase } from '../../../../helpers/database.js';

describe('readable history and revert', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;
  let admin: SignedIn;

  const recommendation = async (slug: string, number: string) => {
    const [row] = await database.db
      .select({
        id: schema.recommendations.id,
        reportId: schema.recommendations.reportId,
        title: schema.reports.title,
      })
      .from(schema.recommendations)
      .innerJoin(schema.reports, eq(schema.reports.id, schema.recommendations.reportId))
      .where(and(eq(schema.reports.slug, slug), eq(schema.recommendations.number, number)));
    return row!;
  };
  const historyPage = async (entityType: string, entityId: number) => {
    const response = await request(app.server).get(
      `/api/v1/changes?entityType=${entityType}&entityId=${entityId}`,
    );
    expect(response.status).toBe(200);
    return response.body as {
      items: {
        id: number;
        action: string;
        reason: string | null;
        before: unknown;
        after: unknown;
      }[];
      references: Record<string, Record<string, string>>;
    };
  };

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
    admin = await signInAs(app, database.db, 'admin');
  });

  it('names the topic, report and recommendation an id-valued field refers to', async () => {
    const target = await recommendation('kz-2019-final', '13');
    await asUser(editor, request(app.server).patch(`/api/v1/recommendations/${target.id}`))
      .send({ topic: 'media', version: 1, reason: 'Topic corrected' })
      .expect(200);
    const page = await historyPage('recommendation', target.id);
    const update = page.items.find((item) => item.action === 'update')!;
    const { before, after } = update as unknown as {
      before: { topicId: number | null };
      after: { topicId: number };
    };
    expect(page.references.topic![String(after.topicId)]).toBe('Media');
    if (before.topicId !== null) {
      expect(page.references.topic![String(before.topicId)]).toEqual(expect.any(String));
    }
    const create = page.items.find((item) => item.action === 'create')!;
    expect((create.after as { reportId: number }).reportId).toBe(target.reportId);
    expect(page.references.report![String(target.reportId)]).toBe(target.title);

    // An assessment names its recommendation by number and report, and its assessing report.
    const assessments = (
      await request(app.server).get('/api/v1/changes?entityType=assessment&pageSize=5').expect(200)
    ).body as typeof page;
    const values = (assessments.items[0]!.after ?? assessments.items[0]!.before) as {
      recommendationId: number;
      assessingReportId: number;
    };
    expect(assessments.references.recommendation![String(values.recommendationId)]).toMatch(
      /^No\. .+ \(.+\)$/,
    );
    expect(assessments.references.report![String(values.assessingReportId)]).toEqual(
      expect.any(String),
    );
  });

  it('reverts an update with a new versioned change and its own history entry', async () => {
    const target = await recommendation('kz-2019-final', '14');
    const original = (
      await request(app.server).get(`/api/v1/recommendations/${target.id}`).expect(200)
    ).body as { heading: string | null };
    await asUser(editor, request(app.server).patch(`/api/v1/recommendations/${target.id}`))
      .send({ heading: 'A heading to undo', version: 1 })
      .expect(200);
    const edit = (await historyPage('recommendation', target.id)).items[0]!;

    const reverted = await asUser(
      admin,
      request(app.server).post(`/api/v1/changes/${edit.id}/revert`),
    )
      .send({ reason: 'Entered by mistake' })
      .expect(201);
    expect(reverted.body.change).toMatchObject({
      entityType: 'recommendation',
      entityId: target.id,
      action: 'update',
      reason: `Revert of change #${edit.id}: Entered by mistake`,
      user: { id: admin.user.id },
      after: { heading: original.heading, version: 3 },
    });
    const now = (await request(app.server).get(`/api/v1/recommendations/${target.id}`).expect(200))
      .body as { heading: string | null };
    expect(now.heading).toBe(original.heading);
    const page = await historyPage('recommendation', target.id);
    expect(page.items[0]!.id).toBe(reverted.body.change.id);
    expect(page.items[1]!.id).toBe(edit.id);
  });

  it('refuses to revert a change the record has moved on from (409), writing nothing', async () => {
    const target = await recommendation('kz-2019-final', '15');
    await asUser(editor, request(app.server).patch(`/api/v1/recommendations/${target.id}`))
      .send({ heading: 'First edit', version: 1 })
      .expect(200);
    const first = (await historyPage('recommendation', target.id)).items[0]!;
    await asUser(editor, request(app.server).patch(`/api/v1/recommendations/${target.id}`))
      .send({ heading: 'Second edit', version: 2 })
      .expect(200);
    const refused = await asUser(
      editor,
      request(app.server).post(`/api/v1/changes/${first.id}/revert`),
    ).send({});
    const problem = expectProblem(refused, 409, PROBLEM_TYPES.editConflict);
    expect(problem.current).toMatchObject({ heading: 'Second edit', version: 3 });
    const page = await historyPage('recommendation', target.id);
    expect(page.items.filter((item) => item.action === 'update')).toHaveLength(2);
  });

  it('reverting a creation deletes the record, for admins only; a deletion is not revertible', async () => {
    // A pair of an earlier and a later ODIHR recommendation not yet linked.
    const earlier = await recommendation('kz-2004-final', '1');
    const linked = await database.db
      .select({ later: schema.recommendationLinks.laterRecommendationId })
      .from(schema.recommendationLinks)
      .where(eq(schema.recommendationLinks.earlierRecommendationId, earlier.id));
    const candidates = await database.db
      .select({ id: schema.recommendations.id })
      .from(schema.recommendations)
      .innerJoin(schema.reports, eq(schema.reports.id, schema.recommendations.reportId))
      .where(eq(schema.reports.slug, 'kz-2019-final'));
    const later = candidates.find((row) => !linked.some((link) => link.later === row.id))!;
    const link = await asUser(editor, request(app.server).post('/api/v1/recommendation-links'))
      .send({
        laterRecommendationId: later.id,
        earlierRecommendationId: earlier.id,
        kind: 'repeats',
        confidence: 'medium',
        note: 'The later recommendation repeats the earlier one.',
      })
      .expect(201);
    const created = (await historyPage('recommendation_link', link.body.id)).items[0]!;
    expectProblem(
      await asUser(editor, request(app.server).post(`/api/v1/changes/${created.id}/revert`)).send(
        {},
      ),
      403,
    );
    const deleted = await asUser(
      admin,
      request(app.server).post(`/api/v1/changes/${created.id}/revert`),
    ).send({});
    expect(deleted.status).toBe(201);
    expect(deleted.body.change).toMatchObject({ action: 'delete', entityId: link.body.id });
    expectProblem(
      await asUser(
        admin,
        request(app.server).post(`/api/v1/changes/${deleted.body.change.id}/revert`),
      ).send({}),
      409,
      PROBLEM_TYPES.conflict,
    );
  });

  it('asks an anonymous caller to sign in, and names a missing change', async () => {
    expectProblem(await request(app.server).post('/api/v1/changes/1/revert').send({}), 401);
    expectProblem(
      await asUser(editor, request(app.server).post('/api/v1/changes/999999999/revert')).send({}),
      404,
    );
  });
});
