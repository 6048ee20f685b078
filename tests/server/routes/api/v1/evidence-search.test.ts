import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows, schema } from '@tracker/db';
import { recommendationPageSchema, reportPageSchema } from '@tracker/shared';
import type { App } from '@tracker/server';
import { buildTestApp } from '../../../../helpers/app.js';
import { getJson, query } from '../../../../helpers/api-v1.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import {
  assessByNewReports,
  insertAssessment,
  insertElection,
  insertRecommendation,
  insertReport,
} from '../../../../helpers/fixtures.js';

/**
 * Search in assessment quotes and notes and in third-party evidence, and the assessment filters
 * (assessing report, basis, confidence), on a small fixture of one country with made-up words that
 * occur nowhere else.
 */
describe('evidence search and assessment filters', () => {
  let database: TestDatabase;
  let app: App;
  let country: string;
  const ids = { textual: 0, quoted: 0, noted: 0, evidenced: 0, unassessed: 0 };
  const reports = { issuing: '', follow: '', civil: '' };

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    const { db } = database;
    const election = await insertElection(db);
    const later = await insertElection(db);
    const issuing = await insertReport(db, { electionId: election.id, publishedOn: '2015-03-01' });
    const follow = await insertReport(db, { electionId: later.id, publishedOn: '2019-06-01' });
    const civil = await insertReport(db, {
      electionId: later.id,
      kind: 'third_party',
      publisher: 'A civil-society coalition',
      title: 'Shadow report',
      publishedOn: '2019-07-01',
    });
    reports.issuing = issuing.slug;
    reports.follow = String(follow.id);
    reports.civil = civil.slug;
    const [place] = await db
      .select({ code: schema.countries.code })
      .from(schema.countries)
      .where(eq(schema.countries.id, election.countryId));
    country = place!.code;

    const rec = (position: number, text: string) =>
      insertRecommendation(db, { reportId: issuing.id, number: String(position), position, text });
    const textual = await rec(1, 'Parliament should regulate the quokkification of ballots.');
    const quoted = await rec(2, 'The election administration should be independent.');
    const noted = await rec(3, 'Candidate registration should be inclusive.');
    const evidenced = await rec(4, 'Media should be free to report.');
    const unassessed = await rec(5, 'Observers should have full access.');
    Object.assign(ids, {
      textual: textual.id,
      quoted: quoted.id,
      noted: noted.id,
      evidenced: evidenced.id,
      unassessed: unassessed.id,
    });
    await insertAssessment(db, {
      recommendationId: quoted.id,
      assessingReportId: follow.id,
      status: 'partially_implemented',
      quote: 'Defamation was decriminalised and the zorblatt commission was reformed.',
    });
    await insertAssessment(db, {
      recommendationId: noted.id,
      assessingReportId: follow.id,
      status: 'not_implemented',
      basis: 'inferred',
      confidence: 'low',
      quote: 'Registration rules were not changed.',
      note: 'Mapped by the editor because the frumious requirements remain.',
    });
    await insertAssessment(db, {
      recommendationId: evidenced.id,
      assessingReportId: civil.id,
      status: 'not_implemented',
      basis: 'inferred',
      confidence: 'high',
      quote: 'Journalists reported a snarkhunt against independent outlets.',
      note: 'Civil-society finding.',
    });
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const list = (params: Record<string, string | string[]>) =>
    getJson(app, `/api/v1/recommendations?${query(params)}`, recommendationPageSchema);

  it('finds a recommendation by a word only its assessment quotes, and says so', async () => {
    const page = await list({ q: 'zorblatt' });
    expect(page.items.map((item) => item.id)).toEqual([ids.quoted]);
    const [item] = page.items;
    expect(item!.matchedIn).toEqual(['assessment_quote']);
    expect(item!.evidenceSnippet?.place).toBe('assessment_quote');
    expect(item!.evidenceSnippet?.report.id).toBe(Number(reports.follow));
    const matched = item!.evidenceSnippet!.segments.filter((segment) => segment.match);
    expect(matched.map((segment) => segment.text)).toEqual(['zorblatt']);
    expect(page.total).toBe(1);
  });

  it('stems words of the quote like the text ("decriminalised" finds it)', async () => {
    const page = await list({ q: 'decriminalised', country });
    expect(page.items.map((item) => item.id)).toEqual([ids.quoted]);
  });

  it('finds by an assessment note, and by a third-party evidence passage', async () => {
    const noted = await list({ q: 'frumious' });
    expect(noted.items.map((item) => item.id)).toEqual([ids.noted]);
    expect(noted.items[0]!.matchedIn).toEqual(['assessment_note']);
    expect(noted.items[0]!.evidenceSnippet?.place).toBe('assessment_note');

    const evidenced = await list({ q: 'snarkhunt' });
    expect(evidenced.items.map((item) => item.id)).toEqual([ids.evidenced]);
    expect(evidenced.items[0]!.matchedIn).toEqual(['evidence']);
    expect(evidenced.items[0]!.evidenceSnippet?.report.thirdParty).toBe(true);
  });

  it('still finds by the text, saying it matched there', async () => {
    const page = await list({ q: 'quokkification', sort: 'number' });
    expect(page.items.map((item) => item.id)).toEqual([ids.textual]);
    expect(page.items[0]!.matchedIn).toEqual(['text']);
    expect(page.items[0]!.evidenceSnippet).toBeNull();
  });

  /** A recommendation in a country of its own, assessed by one new report per quote, in order. */
  async function assessedRecommendation(quotes: string[]) {
    const { db } = database;
    const election = await insertElection(db);
    const issuing = await insertReport(db, { electionId: election.id, publishedOn: '2016-01-01' });
    const recommendation = await insertRecommendation(db, {
      reportId: issuing.id,
      text: 'Courts should be accessible.',
    });
    await assessByNewReports(db, {
      recommendationId: recommendation.id,
      electionId: election.id,
      quotes,
    });
    const [place] = await db
      .select({ code: schema.countries.code })
      .from(schema.countries)
      .where(eq(schema.countries.id, election.countryId));
    return { id: recommendation.id, country: place!.code };
  }

  it('finds words together only where one assessment says them all, in both forms of the search', async () => {
    const split = await assessedRecommendation([
      'The blorfing rules changed.',
      'A wuzzle was seen.',
    ]);
    const together = await assessedRecommendation(['The blorfing wuzzle remained.']);
    const both = await assessedRecommendation(['The blorfing wuzzle remained.', 'Blorfing only.']);
    const found = async (q: string) => {
      // All the matches (the index search), then each recommendation's own country (row by row).
      const everywhere = (await list({ q, sort: 'number' })).items.map((item) => item.id);
      const byCountry = [];
      for (const { id, country: code } of [split, together, both]) {
        const page = await list({ q, country: code });
        byCountry.push(...page.items.map((item) => item.id).filter((found) => found === id));
      }
      expect(byCountry.sort()).toEqual([...everywhere].sort());
      return everywhere.sort();
    };
    expect(await found('blorfing wuzzle')).toEqual([together.id, both.id].sort());
    expect(await found('blorfing -wuzzle')).toEqual([split.id, both.id].sort());
    expect(await found('wuzzle -blorfing')).toEqual([split.id]);
    expect(await found('wuzzle or glorp')).toEqual([split.id, together.id, both.id].sort());
  });

  it('finds words said in one of more than 255 assessments, which it looks for one by one', async () => {
    const filler = Array.from({ length: 255 }, (_, i) => `Assessment ${i + 1}: nothing changed.`);
    const many = await assessedRecommendation([...filler, 'The glimmerfax thrumble stayed.']);
    const spread = await assessedRecommendation([...filler, 'A glimmerfax.', 'A thrumble.']);
    const [stored] = await queryRows<{ unstored: number }>(
      database.db,
      sql`select count(*)::int as unstored from recommendations
        where id in (${many.id}::int, ${spread.id}::int) and evidence_vector is null`,
    );
    expect(stored!.unstored).toBe(2);
    const page = await list({ q: 'glimmerfax thrumble' });
    expect(page.items.map((item) => item.id)).toEqual([many.id]);
    expect(page.items[0]!.matchedIn).toEqual(['assessment_quote']);
    const inCountry = await list({ q: 'glimmerfax thrumble', country: many.country });
    expect(inCountry.items.map((item) => item.id)).toEqual([many.id]);
    const spreadCountry = await list({ q: 'glimmerfax thrumble', country: spread.country });
    expect(spreadCountry.total).toBe(0);
    expect((await list({ q: 'glimmerfax' })).total).toBe(2);
  });

  it('leaves matchedIn out without a search', async () => {
    const page = await list({ country, report: reports.issuing });
    expect(page.total).toBe(5);
    for (const item of page.items) expect(item.matchedIn).toBeUndefined();
  });

  it('filters by the assessing report, by id or slug', async () => {
    const byFollow = await list({ country, assessedBy: reports.follow });
    expect(byFollow.items.map((item) => item.id).sort()).toEqual([ids.quoted, ids.noted].sort());
    const byCivil = await list({ assessedBy: reports.civil });
    expect(byCivil.items.map((item) => item.id)).toEqual([ids.evidenced]);
    const both = await list({ country, assessedBy: [reports.follow, reports.civil] });
    expect(both.total).toBe(3);
  });

  it('filters by basis and confidence, met by one and the same assessment', async () => {
    const explicit = await list({ country, basis: 'explicit' });
    expect(explicit.items.map((item) => item.id)).toEqual([ids.quoted]);
    const inferred = await list({ country, basis: 'inferred' });
    expect(inferred.items.map((item) => item.id).sort()).toEqual([ids.noted, ids.evidenced].sort());
    const low = await list({ country, confidence: 'low' });
    expect(low.items.map((item) => item.id)).toEqual([ids.noted]);
    const highOrLow = await list({ country, confidence: 'high,low' });
    expect(highOrLow.total).toBe(2);
    // The civil-society report's assessment is the high one; the follow-up's is low.
    const none = await list({ country, assessedBy: reports.follow, confidence: 'high' });
    expect(none.total).toBe(0);
  });

  it('refuses unknown basis and confidence values with a 400 problem', async () => {
    for (const params of ['basis=guessed', 'confidence=certain']) {
      const response = await request(app.server).get(`/api/v1/recommendations?${params}`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('pages the reports list filtered by country, year and kind', async () => {
    const all = await getJson(app, `/api/v1/reports?${query({ country })}`, reportPageSchema);
    expect(all.total).toBe(1);
    const firstPage = await getJson(
      app,
      `/api/v1/reports?${query({ pageSize: 1 })}`,
      reportPageSchema,
    );
    expect(firstPage.items).toHaveLength(1);
    expect(firstPage.totalPages).toBe(firstPage.total);
    const secondPage = await getJson(
      app,
      `/api/v1/reports?${query({ pageSize: 1, page: 2 })}`,
      reportPageSchema,
    );
    expect(secondPage.items[0]!.id).not.toBe(firstPage.items[0]!.id);

    const in2019 = await getJson(
      app,
      `/api/v1/reports?${query({ year: '2019', kind: 'third_party' })}`,
      reportPageSchema,
    );
    expect(in2019.items.map((report) => report.slug)).toContain(reports.civil);
    for (const report of in2019.items) {
      expect(report.publishedOn.slice(0, 4)).toBe('2019');
      expect(report.kind).toBe('third_party');
    }
    const response = await request(app.server).get('/api/v1/reports?year=99');
    expect(response.status).toBe(400);
  });
});
