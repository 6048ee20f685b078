import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import {
  changePageSchema,
  PROBLEM_TYPES,
  proposalPageSchema,
  proposalSchema,
  recommendationDetailSchema,
} from '@tracker/shared';
import type { Proposal } from '@tracker/shared';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { insertReport, recommendationIdOf, reportIdOf } from '../../../../helpers/fixtures.js';

/** The proposal queue as `who` sees it (only the open proposals with `{ state: 'open' }`). */
async function proposalQueue(app: App, who: SignedIn, query: { state?: string } = {}) {
  const answer = await asUser(
    who,
    request(app.server).get('/api/v1/proposals').query(query),
  ).expect(200);
  return proposalPageSchema.parse(answer.body);
}

describe('review before publishing (REVIEW_REQUIRED on)', () => {
  let database: TestDatabase;
  let app: App;
  let editorA: SignedIn;
  let editorB: SignedIn;
  let admin: SignedIn;
  /** A report later than every seeded one, without stored text: any quote is accepted. */
  let laterReportId: number;

  useTestApp(
    'seeded',
    async (opened) => {
      ({ database, app } = opened);
      editorA = await signInAs(app, database.db, 'editor');
      editorB = await signInAs(app, database.db, 'editor');
      admin = await signInAs(app, database.db, 'admin');
    },
    { reviewRequired: true },
  );
  beforeAll(async () => {
    const electionId = (await database.db.select().from(schema.elections))[0]!.id;
    laterReportId = (await insertReport(database.db, { electionId, publishedOn: '2025-06-01' })).id;
  });

  const recommendationId = (number: string) =>
    recommendationIdOf(database.db, 'kz-2019-final', number);
  /** The public recommendation page's data, as anyone reads it. */
  const publicView = async (id: number) =>
    recommendationDetailSchema.parse(
      (await request(app.server).get(`/api/v1/recommendations/${id}`).expect(200)).body,
    );
  const publicHistory = async (entityType: string, entityId: number) =>
    changePageSchema.parse(
      (await request(app.server).get('/api/v1/changes').query({ entityType, entityId }).expect(200))
        .body,
    ).items;
  /** How many changes of assessments the public history lists. */
  const assessmentChanges = async () =>
    changePageSchema.parse(
      (
        await request(app.server)
          .get('/api/v1/changes')
          .query({ entityType: 'assessment' })
          .expect(200)
      ).body,
    ).total;
  /** How many entries the recommendation's Atom feed has. */
  const feedEntries = async (id: number) =>
    (
      await request(app.server)
        .get('/api/v1/changes.atom')
        .query({ recommendation: id })
        .expect(200)
    ).text.split('<entry>').length - 1;
  const assessmentBody = (recommendation: number, quote: string) => ({
    recommendationId: recommendation,
    assessingReportId: laterReportId,
    status: 'fully_implemented',
    quote,
    reason: 'New mission report',
  });
  /** Proposes as `who`: the answer must be 202 with the proposal and its address. */
  const propose = async (who: SignedIn, method: 'post' | 'patch', path: string, body: object) => {
    const response = await asUser(who, request(app.server)[method](path)).send(body).expect(202);
    const proposal = proposalSchema.parse(response.body);
    expect(response.headers.location).toBe(`/api/v1/proposals/${proposal.id}`);
    return proposal;
  };
  /** Proposes, as `who`, an ODIHR assessment of `recommendation` by the later report. */
  const proposeAssessment = (who: SignedIn, recommendation: number, quote: string) =>
    propose(who, 'post', '/api/v1/assessments', assessmentBody(recommendation, quote));
  const decide = (who: SignedIn, proposal: Proposal, decision: 'approve' | 'reject', body = {}) =>
    asUser(who, request(app.server).post(`/api/v1/proposals/${proposal.id}/${decision}`)).send(
      body,
    );

  it('keeps an editor’s assessment from the public until another editor approves it', async () => {
    const id = await recommendationId('31');
    const before = await publicView(id);
    expect(before.currentStatus).not.toBe('fully_implemented');
    const changesBefore = await assessmentChanges();
    const entriesBefore = await feedEntries(id);
    const proposal = await proposeAssessment(editorA, id, 'Spoiled ballots are now counted.');
    expect(proposal).toMatchObject({
      kind: 'create',
      entity: 'assessment',
      state: 'open',
      targetId: null,
      recommendationId: id,
      proposedBy: { id: editorA.user.id },
      decidedBy: null,
    });

    // Not public: the recommendation, its assessments, the history and the feed are as they were.
    const unchanged = await publicView(id);
    expect(unchanged.currentStatus).toBe(before.currentStatus);
    expect(unchanged.assessments).toEqual(before.assessments);
    expect(await assessmentChanges()).toBe(changesBefore);
    expect(await feedEntries(id)).toBe(entriesBefore);
    await request(app.server).get('/api/v1/proposals').expect(401);
    await request(app.server).get(`/api/v1/proposals/${proposal.id}`).expect(401);

    // The queue shows it to editors, with names for the records it refers to.
    const queue = await proposalQueue(app, editorB, { state: 'open' });
    expect(queue.reviewRequired).toBe(true);
    expect(queue.items.map((item) => item.id)).toContain(proposal.id);
    expect(queue.references.recommendation[String(id)]).toMatch(/^No\. 31 /);

    // The proposer cannot approve their own proposal.
    expectProblem(await decide(editorA, proposal, 'approve'), 403, PROBLEM_TYPES.forbidden);
    expect((await publicView(id)).currentStatus).toBe(before.currentStatus);

    const approved = proposalSchema.parse((await decide(editorB, proposal, 'approve')).body);
    expect(approved).toMatchObject({
      state: 'approved',
      decidedBy: { id: editorB.user.id },
      proposedBy: { id: editorA.user.id },
    });
    expect(approved.targetId).not.toBeNull();
    expect((await publicView(id)).currentStatus).toBe('fully_implemented');

    // The history names both: the approver made the change, the editor proposed it.
    const [entry] = await publicHistory('assessment', approved.targetId!);
    expect(entry).toMatchObject({
      action: 'create',
      user: { id: editorB.user.id },
      proposedBy: { id: editorA.user.id },
      reason: 'New mission report',
    });
    const feed = await request(app.server)
      .get('/api/v1/changes.atom')
      .query({ recommendation: id })
      .expect(200);
    expect(feed.text).toContain('by Test editor on the proposal of Test editor');
    expect(await feedEntries(id)).toBe(entriesBefore + 1);
    // Decided once only.
    expectProblem(await decide(admin, proposal, 'approve'), 409, PROBLEM_TYPES.conflict);
  });

  it('rejects a proposal with a reason, publishing nothing', async () => {
    const id = await recommendationId('30');
    const before = await publicView(id);
    const proposal = await proposeAssessment(editorA, id, 'Nothing changed.');
    expectProblem(await decide(editorB, proposal, 'reject'), 400, PROBLEM_TYPES.validation);
    expectProblem(
      await decide(editorB, proposal, 'reject', { reason: '   ' }),
      400,
      PROBLEM_TYPES.validation,
    );
    const rejected = proposalSchema.parse(
      (await decide(editorB, proposal, 'reject', { reason: 'The quote is not in the report.' }))
        .body,
    );
    expect(rejected).toMatchObject({
      state: 'rejected',
      reason: 'The quote is not in the report.',
      decidedBy: { id: editorB.user.id },
    });
    expect(await publicView(id)).toEqual(before);
    expectProblem(await decide(admin, proposal, 'approve'), 409, PROBLEM_TYPES.conflict);
    const open = await proposalQueue(app, admin, { state: 'open' });
    expect(open.items.map((item) => item.id)).not.toContain(proposal.id);
    const read = await asUser(editorA, request(app.server).get(`/api/v1/proposals/${proposal.id}`));
    expect(proposalSchema.parse(read.body).state).toBe('rejected');
  });

  it('refuses to approve an update whose record changed since (409 edit conflict)', async () => {
    const id = await recommendationId('29');
    // Admins publish directly.
    const created = await asUser(admin, request(app.server).post('/api/v1/assessments'))
      .send(assessmentBody(id, 'Partly done.'))
      .expect(201);
    const assessmentId = created.body.id as number;
    const proposal = await propose(editorA, 'patch', `/api/v1/assessments/${assessmentId}`, {
      status: 'partially_implemented',
      version: 1,
    });
    expect(proposal).toMatchObject({
      kind: 'update',
      targetId: assessmentId,
      baseVersion: 1,
      before: { status: 'fully_implemented' },
      payload: { status: 'partially_implemented' },
    });
    expect((await publicView(id)).currentStatus).toBe('fully_implemented');
    await asUser(admin, request(app.server).patch(`/api/v1/assessments/${assessmentId}`))
      .send({ note: 'Checked again.', version: 1 })
      .expect(200);
    const conflict = expectProblem(
      await decide(editorB, proposal, 'approve'),
      409,
      PROBLEM_TYPES.editConflict,
    );
    expect(conflict.current).toMatchObject({ id: assessmentId, version: 2 });
    const still = await asUser(
      editorB,
      request(app.server).get(`/api/v1/proposals/${proposal.id}`),
    );
    expect(proposalSchema.parse(still.body).state).toBe('open');
    expect((await publicView(id)).currentStatus).toBe('fully_implemented');
  });

  it('refuses a proposal the direct write would refuse, and keeps nothing of it', async () => {
    const response = await asUser(editorA, request(app.server).post('/api/v1/assessments')).send({
      ...assessmentBody(await recommendationId('28'), 'Too early.'),
      assessingReportId: await reportIdOf(database.db, 'kz-2004-final'),
    });
    const problem = expectProblem(response, 400, PROBLEM_TYPES.validation);
    expect(problem.errors?.[0]?.path).toBe('body.assessingReportId');
    const all = await proposalQueue(app, editorA);
    expect(all.items.every((item) => item.payload.quote !== 'Too early.')).toBe(true);
  });

  it('reviews lineage links and recommendation edits that move headline figures, not wording', async () => {
    const later = await recommendationId('27');
    const earlier = await recommendationIdOf(database.db, 'kz-2004-final', '3');
    const link = await propose(editorA, 'post', '/api/v1/recommendation-links', {
      laterRecommendationId: later,
      earlierRecommendationId: earlier,
      kind: 'continues',
      confidence: 'high',
      note: 'Same subject.',
    });
    expect(link).toMatchObject({ entity: 'recommendation_link', recommendationId: later });
    const earlierOf = async () =>
      (await publicView(later)).lineage.earlier.map((item) => item.recommendation.id);
    expect(await earlierOf()).not.toContain(earlier);
    const approved = proposalSchema.parse((await decide(admin, link, 'approve')).body);
    expect(approved.state).toBe('approved');
    expect(await earlierOf()).toContain(earlier);

    // Wording moves no headline figure: published at once.
    const target = await recommendationId('26');
    await asUser(editorA, request(app.server).patch(`/api/v1/recommendations/${target}`))
      .send({ heading: 'Reviewed at once? No: published at once.', version: 1 })
      .expect(200);
    // Priority does (the headline counts priority recommendations): a proposal.
    const prioritised = await propose(editorA, 'patch', `/api/v1/recommendations/${target}`, {
      priority: true,
      version: 2,
    });
    expect(prioritised).toMatchObject({ entity: 'recommendation', recommendationId: target });
    expect((await publicView(target)).priority).toBe(false);
    // So does the issuing report.
    const moved = await propose(editorA, 'patch', `/api/v1/recommendations/${target}`, {
      reportId: await reportIdOf(database.db, 'kz-2015-final'),
      number: '99',
      version: 2,
    });
    expect(moved).toMatchObject({ entity: 'recommendation', recommendationId: target });
    expect(moved.before).toMatchObject({ number: '26' });
  });

  it('keeps one proposal per recommendation for a batch of assessments', async () => {
    const ids = [await recommendationId('24'), await recommendationId('25')];
    const response = await asUser(editorA, request(app.server).post('/api/v1/assessments/batch'))
      .send({
        recommendationIds: ids,
        assessingReportId: laterReportId,
        status: 'no_longer_applicable',
        quote: 'Both were overtaken by the new code.',
      })
      .expect(202);
    const items = (response.body.items as unknown[]).map((item) => proposalSchema.parse(item));
    expect(items.map((item) => item.recommendationId)).toEqual(ids);
    for (const id of ids) {
      expect((await publicView(id)).currentStatus).not.toBe('no_longer_applicable');
    }
  });

  it('lets admins publish directly; an editor may not revert a reviewed change', async () => {
    const created = await asUser(admin, request(app.server).post('/api/v1/assessments'))
      .send(assessmentBody(await recommendationId('23'), 'Done.'))
      .expect(201);
    await asUser(admin, request(app.server).patch(`/api/v1/assessments/${created.body.id}`))
      .send({ status: 'mostly_implemented', version: 1 })
      .expect(200);
    const [update] = await publicHistory('assessment', created.body.id as number);
    expect(update?.action).toBe('update');
    const refused = expectProblem(
      await asUser(editorA, request(app.server).post(`/api/v1/changes/${update!.id}/revert`)).send(
        {},
      ),
      403,
    );
    expect(refused.detail).toMatch(/requires review/);
    await asUser(admin, request(app.server).post(`/api/v1/changes/${update!.id}/revert`))
      .send({})
      .expect(201);
  });
});

describe('review before publishing off (the default)', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
  });

  it('publishes an editor’s assessment at once and says review is off', async () => {
    const electionId = (await database.db.select().from(schema.elections))[0]!.id;
    const report = await insertReport(database.db, { electionId, publishedOn: '2025-06-01' });
    await asUser(editor, request(app.server).post('/api/v1/assessments'))
      .send({
        recommendationId: await recommendationIdOf(database.db, 'kz-2019-final', '31'),
        assessingReportId: report.id,
        status: 'fully_implemented',
        quote: 'Done.',
      })
      .expect(201);
    const page = await proposalQueue(app, editor);
    expect(page).toMatchObject({ reviewRequired: false, total: 0 });
  });
});
