import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, schema, SEED_SOURCES_DIR } from '@tracker/db';
import type { App } from '@tracker/server';
import { importParseResultSchema, PROBLEM_TYPES, reportSourceSchema } from '@tracker/shared';
import type { ImportRequest } from '@tracker/shared';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { buildTestApp, expectProblem } from '../../../../helpers/app.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { dataset, seedReport } from '../../../../helpers/seed-expectations.js';

const NAM = seedReport('kz-2020-nam');
const namText = readFileSync(join(SEED_SOURCES_DIR, NAM.sourceFile!), 'utf8');

async function reportCount(db: TestDatabase['db']): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from reports`);
  return row!.n;
}

describe('report sources and duplicate imports', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;
  let namElectionId: number;

  const importBody = (overrides: Partial<ImportRequest> = {}): ImportRequest => {
    const { election: _election, ...report } = NAM;
    return {
      election: { id: namElectionId },
      report: { ...report, slug: 'kz-2020-nam-again' },
      sourceText: namText,
      recommendations: [],
      ...overrides,
    };
  };

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    app = await buildTestApp(database);
    editor = await signInAs(app, database.db, 'editor');
    const [row] = await database.db
      .select({ id: schema.reports.electionId })
      .from(schema.reports)
      .where(eq(schema.reports.slug, NAM.slug));
    namElectionId = row!.id;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  describe('GET /api/v1/reports/:id/source', () => {
    it('answers the stored text of a report by slug and by id, publicly', async () => {
      const bySlug = await request(app.server)
        .get(`/api/v1/reports/${NAM.slug}/source`)
        .expect(200);
      const source = reportSourceSchema.parse(bySlug.body);
      expect(source).toMatchObject({ slug: NAM.slug, title: NAM.title, sourceUrl: null });
      expect(source.text).toBe(namText);
      expect(source.lineCount).toBe(namText.split(/\r\n|\r|\n/).length);
      const byId = await request(app.server)
        .get(`/api/v1/reports/${source.reportId}/source`)
        .expect(200);
      expect(byId.body).toEqual(bySlug.body);
    });

    it('every seed recommendation’s lines are lines of its report’s source', async () => {
      for (const report of dataset.manifest.reports.filter((r) => r.sourceFile)) {
        const source = reportSourceSchema.parse(
          (await request(app.server).get(`/api/v1/reports/${report.slug}/source`).expect(200)).body,
        );
        const lines = source.text.split(/\r\n|\r|\n/);
        for (const item of dataset.recommendations.filter((r) => r.report === report.slug)) {
          if (item.lineStart === null || item.lineEnd === null || item.text === null) continue;
          expect(item.lineEnd).toBeLessThanOrEqual(source.lineCount);
          // The recommendation's first words are on its first line.
          const firstWords = item.text.split(' ').slice(0, 3).join(' ');
          expect(lines.slice(item.lineStart - 1, item.lineEnd).join(' ')).toContain(
            firstWords.replace(/[“”"]/g, '').slice(0, 10),
          );
        }
      }
    });

    it('404 for an unknown report or one without a stored text; 400 for a bad key', async () => {
      expectProblem(
        await request(app.server).get('/api/v1/reports/no-such-report/source'),
        404,
        PROBLEM_TYPES.notFound,
      );
      // Known only from a citation: no text.
      expectProblem(await request(app.server).get('/api/v1/reports/kz-2015-final/source'), 404);
      expectProblem(await request(app.server).get('/api/v1/reports/Not%20A%20Slug/source'), 400);
    });
  });

  describe('the parse route proposes the cover page’s metadata', () => {
    it('for the needs assessment: country, election, kind, publication, title', async () => {
      const response = await asUser(editor, request(app.server).post('/api/v1/imports/parse'))
        .send({ text: namText })
        .expect(200);
      const result = importParseResultSchema.parse(response.body);
      expect(result.proposedMetadata).toMatchObject({
        country: { value: { code: 'KZ', name: 'Kazakhstan' } },
        electionKind: { value: 'parliamentary' },
        heldOn: { value: '2021-01-10' },
        reportKind: { value: 'needs_assessment' },
        publishedOn: { value: NAM.publishedOn },
        publishedIn: { value: 'Warsaw' },
        title: { value: NAM.title },
      });
    });
  });

  describe('duplicates', () => {
    it('refuses a text already stored, naming the report, and writes nothing', async () => {
      const before = await reportCount(database.db);
      // Other line endings and trailing spaces: the same text.
      const problem = expectProblem(
        await asUser(editor, request(app.server).post('/api/v1/imports')).send(
          importBody({
            election: { id: namElectionId },
            report: { ...importBody().report, kind: 'interim' },
            sourceText: namText.replace(/\n/g, '  \r\n'),
          }),
        ),
        409,
        PROBLEM_TYPES.conflict,
      );
      expect(problem.detail).toContain(NAM.title);
      expect(problem.detail).toContain(NAM.slug);
      expect(problem.errors?.map((e) => e.path)).toEqual(['body.sourceText']);
      expect(problem.current).toEqual({ slug: NAM.slug, title: NAM.title });
      expect(await reportCount(database.db)).toBe(before);
    });

    it('refuses a second report of the same kind for the same election', async () => {
      const before = await reportCount(database.db);
      const problem = expectProblem(
        await asUser(editor, request(app.server).post('/api/v1/imports')).send(
          importBody({ sourceText: 'Another needs assessment of the same election.\n' }),
        ),
        409,
        PROBLEM_TYPES.conflict,
      );
      expect(problem.detail).toContain(`“${NAM.title}” (${NAM.slug})`);
      expect(problem.errors?.map((e) => e.path)).toEqual(['body.report.kind']);
      expect(await reportCount(database.db)).toBe(before);
    });

    it('saves a report of another kind for the election, with another text', async () => {
      await asUser(editor, request(app.server).post('/api/v1/imports'))
        .send(
          importBody({
            report: { ...importBody().report, kind: 'interim', slug: 'kz-2021-interim' },
            sourceText: 'An interim report.\n',
          }),
        )
        .expect(201);
    });

    it('saves the duplicate when the editor says so, storing the hash', async () => {
      const response = await asUser(editor, request(app.server).post('/api/v1/imports'))
        .send(importBody({ allowDuplicate: true }))
        .expect(201);
      const rows = await database.db
        .select({ textHash: schema.reportSources.textHash })
        .from(schema.reportSources)
        .innerJoin(schema.reports, eq(schema.reports.id, schema.reportSources.reportId))
        .where(eq(schema.reports.slug, response.body.report.slug));
      expect(rows[0]?.textHash).toMatch(/^[0-9a-f]{64}$/);
      // The seed's copy of the text has the same hash.
      const [seeded] = await database.db
        .select({ textHash: schema.reportSources.textHash })
        .from(schema.reportSources)
        .innerJoin(schema.reports, eq(schema.reports.id, schema.reportSources.reportId))
        .where(eq(schema.reports.slug, NAM.slug));
      expect(seeded?.textHash).toBe(rows[0]?.textHash);
    });
  });
});
