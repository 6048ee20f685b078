import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { queryRows, schema, SEED_SOURCES_DIR } from '@tracker/db';
import type { App } from '@tracker/server';
import {
  importCreatedSchema,
  importParseResultSchema,
  MAX_REPORT_TEXT_LENGTH,
  PROBLEM_TYPES,
  reportRecordSchema,
} from '@tracker/shared';
import type { ImportRequest, ParsedRecommendation } from '@tracker/shared';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { dataset, recommendations, seedReport } from '../../../../helpers/seed-expectations.js';

const report2019 = seedReport('kz-2019-final');
const election2019 = dataset.manifest.elections.find((e) => e.key === report2019.election)!;
const text2019 = readFileSync(join(SEED_SOURCES_DIR, report2019.sourceFile!), 'utf8');
const seed2019 = recommendations.filter((item) => item.report === 'kz-2019-final');

/** Rows of every table an import writes, and history entries: a refused import changes none. */
async function counts(db: TestDatabase['db']) {
  const [row] = await queryRows<
    Record<
      'countries' | 'elections' | 'reports' | 'recommendations' | 'sources' | 'history',
      number
    >
  >(
    db,
    sql`select (select count(*)::int from countries) as countries,
      (select count(*)::int from elections) as elections,
      (select count(*)::int from reports) as reports,
      (select count(*)::int from recommendations) as recommendations,
      (select count(*)::int from report_sources) as sources,
      (select count(*)::int from history_entries) as history`,
  );
  return row!;
}

describe('importing a report through the API', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;
  let parsed: ParsedRecommendation[] = [];

  /** The import body an editor sends after reviewing the parsed 2019 report unchanged. */
  const body2019 = (): ImportRequest => {
    const { key: _key, ...election } = election2019;
    const { election: _election, ...report } = report2019;
    return {
      election: { ...election, countryCode: 'KZ', countryName: 'Kazakhstan' },
      report,
      sourceText: text2019,
      // The editor picks each row's topic (the importer cannot): as in the seed data.
      recommendations: parsed.map(({ section: _section, ...row }) => ({
        ...row,
        topic: seed2019.find((r) => r.number === row.number)?.topic ?? null,
      })),
      reason: 'Imported from the 2019 final report',
    };
  };

  useTestApp('migrated', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
  });

  it('refuses anonymous parsing and importing (401)', async () => {
    expectProblem(
      await request(app.server).post('/api/v1/imports/parse').send({ text: 'x' }),
      401,
      PROBLEM_TYPES.unauthorized,
    );
    const valid = {
      election: { id: 1 },
      report: { ...body2019().report, slug: 'kz-anonymous' },
      sourceText: 'x',
      recommendations: [],
    };
    expectProblem(await request(app.server).post('/api/v1/imports').send(valid), 401);
  });

  it('parses the 2019 final report into the 31 recommendations of the seed', async () => {
    const response = await asUser(editor, request(app.server).post('/api/v1/imports/parse'))
      .send({ text: text2019 })
      .expect(200);
    const result = importParseResultSchema.parse(response.body);
    expect(result.format).toBe('odihr-final-report-priority-split');
    parsed = result.recommendations;
    expect(parsed).toHaveLength(31);
    expect(
      parsed.map((r) => [r.number, r.priority, r.text, r.sourceLineStart, r.sourceLineEnd]),
    ).toEqual(seed2019.map((r) => [r.number, r.priority, r.text, r.lineStart, r.lineEnd]));
  });

  it('reports what it cannot read instead of guessing', async () => {
    const response = await asUser(editor, request(app.server).post('/api/v1/imports/parse'))
      .send({ text: 'A text without any recommendations section.\n' })
      .expect(200);
    expect(response.body.format).toBe('none');
    expect(response.body.recommendations).toEqual([]);
    expect(response.body.problems.length).toBeGreaterThan(0);
  });

  it('refuses an empty text, naming the field', async () => {
    const problem = expectProblem(
      await asUser(editor, request(app.server).post('/api/v1/imports/parse')).send({ text: '' }),
      400,
      PROBLEM_TYPES.validation,
    );
    expect(problem.errors?.map((e) => e.path)).toContain('body.text');
  });

  it('refuses a text over the size limit as a 400 naming the field, not a 500', async () => {
    const problem = expectProblem(
      await asUser(editor, request(app.server).post('/api/v1/imports/parse')).send({
        text: 'a'.repeat(MAX_REPORT_TEXT_LENGTH + 1),
      }),
      400,
    );
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.text']);
  });

  describe('bad imports change nothing', () => {
    it('duplicate numbers: 400 naming the row', async () => {
      const before = await counts(database.db);
      const body = body2019();
      body.recommendations[3]!.number = body.recommendations[0]!.number;
      const problem = expectProblem(
        await asUser(editor, request(app.server).post('/api/v1/imports')).send(body),
        400,
        PROBLEM_TYPES.validation,
      );
      expect(problem.errors?.map((e) => e.path)).toContain('body.recommendations.3.number');
      expect(await counts(database.db)).toEqual(before);
    });

    it('a line range that ends before it starts: 400 naming the row', async () => {
      const body = body2019();
      body.recommendations[5] = {
        ...body.recommendations[5]!,
        sourceLineStart: 9,
        sourceLineEnd: 3,
      };
      const problem = expectProblem(
        await asUser(editor, request(app.server).post('/api/v1/imports')).send(body),
        400,
      );
      expect(problem.errors?.map((e) => e.path)).toContain('body.recommendations.5.sourceLineEnd');
    });

    it('a new country without its name: 400 naming the field', async () => {
      const body = body2019();
      body.election = { ...body.election, countryName: undefined } as ImportRequest['election'];
      const problem = expectProblem(
        await asUser(editor, request(app.server).post('/api/v1/imports')).send(body),
        400,
      );
      expect(problem.errors?.map((e) => e.path)).toEqual(['body.election.countryName']);
    });

    it('a rule the database checks after the country was written: all rolled back', async () => {
      const before = await counts(database.db);
      const body = body2019();
      // The second round before the first: refused by the elections table, after the country insert.
      body.election = {
        ...body.election,
        secondRoundOn: '2019-01-01',
      } as ImportRequest['election'];
      expectProblem(
        await asUser(editor, request(app.server).post('/api/v1/imports')).send(body),
        400,
      );
      expect(await counts(database.db)).toEqual(before);
      expect(before.countries).toBe(0);
    });
  });

  it('saves the reviewed report in one step: the recommendations equal the seed’s', async () => {
    const before = await counts(database.db);
    const response = await asUser(editor, request(app.server).post('/api/v1/imports'))
      .send(body2019())
      .expect(201);
    const created = importCreatedSchema.parse(response.body);
    expect(created).toMatchObject({
      report: { slug: 'kz-2019-final' },
      election: { created: true },
      countryCreated: true,
    });
    expect(created.recommendations.map((r) => r.number)).toEqual(seed2019.map((r) => r.number));

    const rows = await database.db
      .select()
      .from(schema.recommendations)
      .where(eq(schema.recommendations.reportId, created.report.id))
      .orderBy(asc(schema.recommendations.position));
    expect(
      rows.map((r) => [
        r.number,
        r.position,
        r.priority,
        r.text,
        r.sourceLineStart,
        r.sourceLineEnd,
      ]),
    ).toEqual(
      seed2019.map((r) => [r.number, r.position, r.priority, r.text, r.lineStart, r.lineEnd]),
    );
    // The database had no topic taxonomy (it was never seeded): the import wrote it.
    const listed = await request(app.server)
      .get(`/api/v1/recommendations?report=kz-2019-final&pageSize=100`)
      .expect(200);
    expect(
      listed.body.items.map((item: { number: string; topic: { slug: string } | null }) => [
        item.number,
        item.topic?.slug ?? null,
      ]),
    ).toEqual(seed2019.map((r) => [r.number, r.topic]));
    const [source] = await database.db
      .select()
      .from(schema.reportSources)
      .where(eq(schema.reportSources.reportId, created.report.id));
    expect(source).toMatchObject({ text: text2019, createdBy: editor.user.id });

    // One history entry per created record: country, election, report, its source text, 31
    // recommendations.
    const after = await counts(database.db);
    expect(after.history - before.history).toBe(1 + 1 + 1 + 1 + 31);
    const history = await database.db
      .select()
      .from(schema.historyEntries)
      .where(eq(schema.historyEntries.userId, editor.user.id));
    expect(new Set(history.map((entry) => entry.reason))).toEqual(
      new Set(['Imported from the 2019 final report']),
    );

    // The public API shows the imported report.
    const detail = await request(app.server).get('/api/v1/reports/kz-2019-final').expect(200);
    expect(detail.body.recommendations).toHaveLength(31);
    expect(detail.body.country).toEqual({ code: 'KZ', name: 'Kazakhstan' });

    // The editing API reads it back with its version.
    const record = await asUser(
      editor,
      request(app.server).get(`/api/v1/reports/${created.report.id}/record`),
    ).expect(200);
    expect(reportRecordSchema.parse(record.body)).toMatchObject({
      slug: 'kz-2019-final',
      version: 1,
      sourceFile: report2019.sourceFile,
    });
  });

  it('refuses a report slug already in use with 409, writing nothing', async () => {
    const before = await counts(database.db);
    const [election] = await database.db.select().from(schema.elections);
    const body = { ...body2019(), election: { id: election!.id } };
    const problem = expectProblem(
      await asUser(editor, request(app.server).post('/api/v1/imports')).send(body),
      409,
      PROBLEM_TYPES.conflict,
    );
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.report.slug']);
    expect(await counts(database.db)).toEqual(before);
  });

  it('adds a report to an existing election, its country already known', async () => {
    const [election] = await database.db.select().from(schema.elections);
    const response = await asUser(editor, request(app.server).post('/api/v1/imports'))
      .send({
        election: { id: election!.id },
        report: { ...body2019().report, slug: 'kz-2019-final-copy' },
        sourceText: 'Recommendations\n\n1. A short text.\n',
        recommendations: [{ number: '1', text: 'A short text.' }],
        // A second final report for the election: saved on purpose.
        allowDuplicate: true,
      })
      .expect(201);
    expect(response.body).toMatchObject({
      election: { id: election!.id, created: false },
      countryCreated: false,
    });
    const unknown = await asUser(editor, request(app.server).post('/api/v1/imports')).send({
      election: { id: 999_999 },
      report: { ...body2019().report, slug: 'kz-2019-final-other' },
      sourceText: 'x',
      recommendations: [],
    });
    expect(expectProblem(unknown, 400).errors?.map((e) => e.path)).toEqual(['body.election.id']);
  });
});
