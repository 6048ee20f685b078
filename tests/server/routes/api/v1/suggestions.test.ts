import { eq } from 'drizzle-orm';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import {
  followUpSuggestionListSchema,
  lineageSuggestionListSchema,
  PROBLEM_TYPES,
  recommendationRecordSchema,
} from '@tracker/shared';
import type { FollowUpSuggestionList } from '@tracker/shared';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import { importSeedReportAgain } from '../../../../helpers/imports.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { recommendationIdOf, reportIdOf } from '../../../../helpers/fixtures.js';
import { dataset, seedReport } from '../../../../helpers/seed-expectations.js';

const STATEMENT_2023 = seedReport('kz-2023-psfc');
const UNADDRESSED =
  'Previous ODIHR priority recommendations relating to fundamental freedoms of peaceful assembly, expression, and media, remain unaddressed.';

describe('suggestions for the editor', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;

  const reportId = (slug: string) => reportIdOf(database.db, slug);
  const recommendationId = (slug: string, number: string) =>
    recommendationIdOf(database.db, slug, number);
  const followUps = async (id: number): Promise<FollowUpSuggestionList> =>
    followUpSuggestionListSchema.parse(
      (
        await asUser(editor, request(app.server).get(`/api/v1/reports/${id}/follow-up-suggestions`))
          .expect(200)
          .expect('cache-control', 'no-store')
      ).body,
    );

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
  });

  describe('lineage suggestions', () => {
    it('rank the earlier recommendation of each seed “repeats” link among the top 3', async () => {
      const repeats = dataset.links.filter(
        (link) => link.kind === 'repeats' && link.later.report === 'kz-2019-final',
      );
      expect(repeats.map((link) => [link.later.number, link.earlier.number])).toEqual(
        expect.arrayContaining([
          ['2', '2'],
          ['8', '23'],
          ['10', '6'],
        ]),
      );
      for (const link of repeats) {
        const id = await recommendationId(link.later.report, link.later.number);
        const response = await asUser(
          editor,
          request(app.server).get(`/api/v1/recommendations/${id}/lineage-suggestions`),
        ).expect(200);
        const list = lineageSuggestionListSchema.parse(response.body);
        const earlierId = await recommendationId(link.earlier.report, link.earlier.number);
        const top3 = list.items.slice(0, 3).map((item) => item.id);
        expect(top3, `${link.later.number} <- ${link.earlier.number}`).toContain(earlierId);
        expect(list.items.find((item) => item.id === earlierId)!.linked).toBe('repeats');
        // Only earlier reports of the same country, never the recommendation itself, best first.
        expect(list.items.every((item) => item.report.publishedOn < '2019-10-04')).toBe(true);
        expect(list.items.map((item) => item.id)).not.toContain(id);
        const scores = list.items.map((item) => item.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        expect(list.items.length).toBeLessThanOrEqual(10);
      }
    });

    it('are for editors only, and a 404 for an unknown recommendation', async () => {
      const id = await recommendationId('kz-2019-final', '2');
      expectProblem(
        await request(app.server).get(`/api/v1/recommendations/${id}/lineage-suggestions`),
        401,
        PROBLEM_TYPES.unauthorized,
      );
      expectProblem(
        await asUser(
          editor,
          request(app.server).get('/api/v1/recommendations/999999/lineage-suggestions'),
        ),
        404,
        PROBLEM_TYPES.notFound,
      );
    });

    it('has nothing to suggest for the earliest report', async () => {
      const id = await recommendationId('kz-2004-final', '2');
      const response = await asUser(
        editor,
        request(app.server).get(`/api/v1/recommendations/${id}/lineage-suggestions`),
      ).expect(200);
      expect(response.body).toEqual({ recommendationId: id, items: [] });
    });
  });

  describe('follow-up suggestions', () => {
    let imported: number;

    beforeAll(async () => {
      // The 2023 statement imported again as a new report: none of its sentences is recorded yet.
      imported = await importSeedReportAgain(
        app,
        database.db,
        editor,
        'kz-2023-psfc',
        'kz-2023-psfc-again',
      );
    });

    it('include the sentences seed assessments quote, with earlier candidates', async () => {
      const list = await followUps(imported);
      expect(list.sourceText).toBe(true);
      const unaddressed = list.items.find((item) => item.sentence === UNADDRESSED);
      expect(unaddressed).toMatchObject({
        sourceLines: { start: 71, end: 71 },
        suggestedStatus: 'not_implemented',
        cue: 'remain unaddressed',
      });
      expect(unaddressed!.candidates.length).toBeGreaterThan(0);
      expect(unaddressed!.candidates.length).toBeLessThanOrEqual(3);
      for (const candidate of list.items.flatMap((item) => item.candidates)) {
        expect(candidate.report.publishedOn < STATEMENT_2023.publishedOn).toBe(true);
      }
      // The seed's explicit assessments by the 2023 statement quote these sentences too.
      const quoted = dataset.assessments.filter(
        (a) => a.assessingReport === 'kz-2023-psfc' && a.basis === 'explicit',
      );
      for (const assessment of quoted) {
        expect(list.items.map((item) => item.sentence)).toContain(assessment.quote);
      }
    });

    it('leave out what the seeded statement already recorded', async () => {
      const seeded = await followUps(await reportId('kz-2023-psfc'));
      expect(seeded.sourceText).toBe(true);
      const sentences = seeded.items.map((item) => item.sentence);
      expect(sentences).not.toContain(UNADDRESSED);
      // An unrecorded statement of the same text is still suggested.
      expect(sentences.some((s) => s.startsWith('Legal amendments addressed several prior'))).toBe(
        true,
      );
    });

    it('disappear once turned into an assessment', async () => {
      const before = await followUps(imported);
      const suggestion = before.items.find((item) => item.sentence === UNADDRESSED)!;
      await asUser(editor, request(app.server).post('/api/v1/assessments'))
        .send({
          recommendationId: suggestion.candidates[0]!.id,
          assessingReportId: imported,
          status: suggestion.suggestedStatus,
          quote: suggestion.sentence,
          sourceLineStart: suggestion.sourceLines.start,
          sourceLineEnd: suggestion.sourceLines.end,
          basis: 'inferred',
          confidence: 'medium',
          note: 'General statement on priority recommendations; mapped from the suggestion.',
        })
        .expect(201);
      const after = await followUps(imported);
      expect(after.items.map((item) => item.id)).not.toContain(suggestion.id);
      expect(after.items).toHaveLength(before.items.length - 1);
    });

    it('disappear once dismissed; unknown ones are a 404', async () => {
      const before = await followUps(imported);
      const suggestion = before.items[0]!;
      const path = `/api/v1/reports/${imported}/follow-up-suggestions/${suggestion.id}/dismissal`;
      expectProblem(await request(app.server).post(path), 401);
      await asUser(editor, request(app.server).post(path)).expect(204);
      const after = await followUps(imported);
      expect(after.items.map((item) => item.id)).not.toContain(suggestion.id);
      expect(after.items).toHaveLength(before.items.length - 1);
      const [dismissal] = await database.db
        .select()
        .from(schema.followUpDismissals)
        .where(eq(schema.followUpDismissals.suggestionId, suggestion.id));
      expect(dismissal).toMatchObject({
        reportId: imported,
        sentence: suggestion.sentence,
        dismissedBy: editor.user.id,
      });
      // Dismissed already: no longer a suggestion.
      expectProblem(
        await asUser(editor, request(app.server).post(path)),
        404,
        PROBLEM_TYPES.notFound,
      );
      expectProblem(
        await asUser(
          editor,
          request(app.server).post(
            `/api/v1/reports/${imported}/follow-up-suggestions/1-1-000000000000/dismissal`,
          ),
        ),
        404,
      );
      expectProblem(
        await asUser(
          editor,
          request(app.server).post(
            `/api/v1/reports/${imported}/follow-up-suggestions/NOT%20AN%20ID/dismissal`,
          ),
        ),
        400,
      );
    });

    it('are empty for a report without stored text, and a 404 for no report', async () => {
      const list = await followUps(await reportId('kz-2015-final'));
      expect(list).toEqual({
        reportId: await reportId('kz-2015-final'),
        sourceText: false,
        items: [],
      });
      expectProblem(
        await asUser(
          editor,
          request(app.server).get('/api/v1/reports/999999/follow-up-suggestions'),
        ),
        404,
      );
      expectProblem(
        await request(app.server).get(`/api/v1/reports/${imported}/follow-up-suggestions`),
        401,
      );
    });
  });

  describe('records for editing', () => {
    it('answer the record with its version, for editors only', async () => {
      const id = await recommendationId('kz-2019-final', '2');
      const response = await asUser(
        editor,
        request(app.server).get(`/api/v1/recommendations/${id}/record`),
      )
        .expect(200)
        .expect('cache-control', 'no-store');
      expect(recommendationRecordSchema.parse(response.body)).toMatchObject({
        id,
        number: '2',
        version: 1,
      });
      expectProblem(await request(app.server).get(`/api/v1/recommendations/${id}/record`), 401);
      for (const path of [
        'elections',
        'reports',
        'recommendations',
        'assessments',
        'recommendation-links',
      ]) {
        expectProblem(
          await asUser(editor, request(app.server).get(`/api/v1/${path}/999999/record`)),
          404,
          PROBLEM_TYPES.notFound,
        );
      }
      const [link] = await database.db.select().from(schema.recommendationLinks).limit(1);
      const linkRecord = await asUser(
        editor,
        request(app.server).get(`/api/v1/recommendation-links/${link!.id}/record`),
      ).expect(200);
      expect(linkRecord.body).toMatchObject({ id: link!.id, version: link!.version });
    });
  });
});
