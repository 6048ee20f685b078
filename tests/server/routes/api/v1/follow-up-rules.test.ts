import { and, eq, inArray } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import {
  assessmentRecordSchema,
  followUpSuggestionListSchema,
  PROBLEM_TYPES,
} from '@tracker/shared';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import { importSeedReportAgain } from '../../../../helpers/imports.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { recommendationIdOf } from '../../../../helpers/fixtures.js';
import { seedReport } from '../../../../helpers/seed-expectations.js';

const STATEMENT_2023 = seedReport('kz-2023-psfc');
const UNADDRESSED =
  'Previous ODIHR priority recommendations relating to fundamental freedoms of peaceful assembly, expression, and media, remain unaddressed.';

describe('follow-up rules: candidates, several recommendations per sentence, basis, quotes', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;
  let imported: number;

  const recommendationId = (slug: string, number: string) =>
    recommendationIdOf(database.db, slug, number);

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
    // The 2023 statement imported again as a new report: none of its sentences is recorded yet.
    imported = await importSeedReportAgain(
      app,
      database.db,
      editor,
      'kz-2023-psfc',
      'kz-2023-psfc-rules',
    );
  });

  it('offers only ODIHR recommendations as candidates, never third-party ones', async () => {
    // The seed has third-party recommendations before 2023 (the 2021 civil-society briefing).
    const thirdParty = await database.db
      .select({ id: schema.recommendations.id })
      .from(schema.recommendations)
      .innerJoin(schema.reports, eq(schema.reports.id, schema.recommendations.reportId))
      .where(eq(schema.reports.kind, 'third_party'));
    expect(thirdParty.length).toBeGreaterThan(0);
    const response = await asUser(
      editor,
      request(app.server).get(`/api/v1/reports/${imported}/follow-up-suggestions`),
    ).expect(200);
    const list = followUpSuggestionListSchema.parse(response.body);
    const candidates = list.items.flatMap((item) => item.candidates);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((candidate) => !candidate.report.thirdParty)).toBe(true);
    const thirdPartyIds = new Set(thirdParty.map((row) => row.id));
    expect(candidates.some((candidate) => thirdPartyIds.has(candidate.id))).toBe(false);
    // Pre-selected only at or above the measured threshold.
    for (const candidate of candidates) {
      expect(candidate.preselected).toBe(candidate.score >= 0.3);
    }
    // The right recommendation of a seed assessment of this sentence is among its top 3.
    const unaddressed = list.items.find((item) => item.sentence === UNADDRESSED)!;
    const right = await recommendationId('kz-2019-final', '6');
    expect(unaddressed.candidates.map((candidate) => candidate.id)).toContain(right);
  });

  it('records one sentence against several recommendations in one step, with history', async () => {
    const ids = [
      await recommendationId('kz-2019-final', '1'),
      await recommendationId('kz-2019-final', '6'),
      await recommendationId('kz-2019-final', '8'),
    ];
    const response = await asUser(editor, request(app.server).post('/api/v1/assessments/batch'))
      .send({
        recommendationIds: ids,
        assessingReportId: imported,
        status: 'not_implemented',
        quote: UNADDRESSED,
        sourceLineStart: 71,
        sourceLineEnd: 71,
        basis: 'inferred',
        confidence: 'medium',
        note: 'The statement names the freedoms these priority recommendations concern.',
      })
      .expect(201);
    const items = response.body.items.map((item: unknown) => assessmentRecordSchema.parse(item));
    expect(items.map((item: { recommendationId: number }) => item.recommendationId)).toEqual(ids);
    const history = await database.db
      .select()
      .from(schema.historyEntries)
      .where(
        and(
          eq(schema.historyEntries.entityType, 'assessment'),
          inArray(
            schema.historyEntries.entityId,
            items.map((item: { id: number }) => item.id),
          ),
        ),
      );
    expect(history).toHaveLength(3);
    expect(history.every((entry) => entry.action === 'create')).toBe(true);
  });

  it('writes none of them when one fails (all or none)', async () => {
    const fresh = await recommendationId('kz-2019-final', '12');
    const alreadyAssessed = await recommendationId('kz-2019-final', '1');
    const response = await asUser(
      editor,
      request(app.server).post('/api/v1/assessments/batch'),
    ).send({
      recommendationIds: [fresh, alreadyAssessed],
      assessingReportId: imported,
      status: 'not_implemented',
      quote: UNADDRESSED,
      sourceLineStart: 71,
      sourceLineEnd: 71,
    });
    expectProblem(response, 409);
    const rows = await database.db
      .select()
      .from(schema.assessments)
      .where(
        and(
          eq(schema.assessments.recommendationId, fresh),
          eq(schema.assessments.assessingReportId, imported),
        ),
      );
    expect(rows).toHaveLength(0);
  });

  it('refuses an inferred assessment without a confidence and a note (400 naming them)', async () => {
    const base = {
      recommendationId: await recommendationId('kz-2019-final', '12'),
      assessingReportId: imported,
      status: 'partially_implemented',
      quote: UNADDRESSED,
      basis: 'inferred',
    };
    for (const path of ['/api/v1/assessments', '/api/v1/assessments/batch']) {
      const body =
        path === '/api/v1/assessments'
          ? base
          : { ...base, recommendationId: undefined, recommendationIds: [base.recommendationId] };
      const problem = expectProblem(
        await asUser(editor, request(app.server).post(path)).send(body),
        400,
        PROBLEM_TYPES.validation,
      );
      const paths = problem.errors?.map((error) => error.path);
      expect(paths).toEqual(expect.arrayContaining(['body.confidence', 'body.note']));
      const onlyNote = expectProblem(
        await asUser(editor, request(app.server).post(path)).send({ ...body, confidence: 'low' }),
        400,
      );
      expect(onlyNote.errors?.map((error) => error.path)).toEqual(['body.note']);
    }
  });

  it('refuses a quote not found in the report’s text at its lines, naming the field', async () => {
    const base = {
      recommendationId: await recommendationId('kz-2019-final', '12'),
      assessingReportId: imported,
      status: 'partially_implemented',
    };
    const invented = expectProblem(
      await asUser(editor, request(app.server).post('/api/v1/assessments')).send({
        ...base,
        quote: 'Campaign donation caps were abolished in full.',
      }),
      400,
      PROBLEM_TYPES.validation,
    );
    expect(invented.errors?.map((error) => error.path)).toEqual(['body.quote']);
    const wrongLines = expectProblem(
      await asUser(editor, request(app.server).post('/api/v1/assessments')).send({
        ...base,
        quote: UNADDRESSED,
        sourceLineStart: 10,
        sourceLineEnd: 12,
      }),
      400,
    );
    expect(wrongLines.errors?.[0]).toMatchObject({ path: 'body.quote' });
    expect(wrongLines.errors?.[0]?.message).toContain('10-12');
    // Line breaks and spacing aside, the same quote at its lines is accepted.
    await asUser(editor, request(app.server).post('/api/v1/assessments'))
      .send({
        ...base,
        quote: UNADDRESSED.replace('fundamental freedoms', 'fundamental\n   freedoms'),
        sourceLineStart: 71,
        sourceLineEnd: 71,
      })
      .expect(201);
  });

  it('accepts any quote when the report has no stored text', async () => {
    const [election] = await database.db
      .select({ id: schema.elections.id })
      .from(schema.elections)
      .innerJoin(schema.reports, eq(schema.reports.electionId, schema.elections.id))
      .where(eq(schema.reports.slug, 'kz-2023-psfc'));
    const created = await asUser(editor, request(app.server).post('/api/v1/reports')).send({
      slug: 'kz-2023-psfc-no-text',
      electionId: election!.id,
      publisher: STATEMENT_2023.publisher,
      kind: STATEMENT_2023.kind,
      title: STATEMENT_2023.title,
      publishedOn: STATEMENT_2023.publishedOn,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await asUser(editor, request(app.server).post('/api/v1/assessments'))
      .send({
        recommendationId: await recommendationId('kz-2019-final', '12'),
        assessingReportId: created.body.id,
        status: 'partially_implemented',
        quote: 'A sentence we cannot check.',
        sourceLineStart: 3,
        sourceLineEnd: 3,
      })
      .expect(201);
  });
});
