import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_STATUSES,
  PROBLEM_TYPES,
  recommendationDetailSchema,
  recommendationPageSchema,
  UNADDRESSED_STATUSES,
} from '@tracker/shared';
import type { RecommendationPage, RecommendationSummary } from '@tracker/shared';
import type { App } from '@tracker/server';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import { getJson, query } from '../../../../helpers/api-v1.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import {
  insertAssessment,
  insertRecommendation,
  insertReport,
} from '../../../../helpers/fixtures.js';
import {
  ancestorsOf,
  assessmentsOf,
  dataset,
  descendantsOf,
  expectedOpenSince,
  expectedStatus,
  findRecommendation,
  isThirdParty,
  isUnaddressed,
  keyOf,
  printedOrder,
  recommendations,
  seedReport,
  today,
  yearsBetween,
} from '../../../../helpers/seed-expectations.js';

const keys = (page: RecommendationPage) => page.items.map(keyOf);
/** The words a search reads besides the text and heading: its assessments' quotes and notes. */
const evidenceOf = (r: (typeof recommendations)[number]) =>
  assessmentsOf(r)
    .map((a) => `${a.quote} ${a.note ?? ''}`)
    .join(' ');
const sortedKeys = (items: { report: string; number: string }[]) => items.map(keyOf).sort();

describe('GET /api/v1/recommendations on the seeded data set', () => {
  let app: App;
  /** Every recommendation as the API lists it, by `report#number`. */
  let all: Map<string, RecommendationSummary>;

  const list = (params: Parameters<typeof query>[0] = {}) =>
    getJson(app, `/api/v1/recommendations?${query(params)}`, recommendationPageSchema);

  useTestApp('seeded', async (opened) => {
    ({ app } = opened);
    const page = await list({ pageSize: 100 });
    all = new Map(page.items.map((item) => [keyOf(item), item]));
  });

  it('lists every recommendation of the seed in printed order by default', async () => {
    const page = await list({ pageSize: 100 });
    expect(page.total).toBe(recommendations.length);
    expect(page.total).toBe(75);
    expect(keys(page)).toEqual(printedOrder.map(keyOf));
  });

  it('pages with a total count and hard bounds on the page size', async () => {
    const first = await list();
    expect(first).toMatchObject({ page: 1, pageSize: 25, total: 75, totalPages: 3 });
    expect(first.items).toHaveLength(25);
    const pages = [first, await list({ page: 2 }), await list({ page: 3 })];
    expect(pages.flatMap(keys)).toEqual(printedOrder.map(keyOf));
    const last = await list({ page: 8, pageSize: 10 });
    expect(last.items.map(keyOf)).toEqual(printedOrder.slice(70).map(keyOf));
    const beyond = await list({ page: 4 });
    expect(beyond).toMatchObject({ items: [], page: 4, total: 75, totalPages: 3 });
    expect((await list({ pageSize: 1 })).totalPages).toBe(75);
    for (const pageSize of [0, 101, 1000]) {
      const response = await request(app.server).get(
        `/api/v1/recommendations?pageSize=${pageSize}`,
      );
      const problem = expectProblem(response, 400, PROBLEM_TYPES.validation);
      expect(problem.errors?.map((error) => error.path)).toEqual(['querystring.pageSize']);
    }
  });

  it('finds the 11 priority recommendations of 2019 with their current statuses', async () => {
    const page = await list({ report: 'kz-2019-final', priority: true });
    const expected = recommendations.filter((r) => r.report === 'kz-2019-final' && r.priority);
    expect(expected).toHaveLength(11);
    expect(page.total).toBe(11);
    expect(keys(page)).toEqual(expected.map(keyOf));
    for (const item of page.items) {
      expect(item.currentStatus, keyOf(item)).toBe(expectedStatus(findRecommendation(keyOf(item))));
      expect(item.priority).toBe(true);
    }
  });

  it('gives every recommendation the status of the latest ODIHR report, never a third party', async () => {
    for (const item of recommendations) {
      const listed = all.get(keyOf(item))!;
      expect(listed.currentStatus, keyOf(item)).toBe(expectedStatus(item));
      const official = assessmentsOf(item).filter((a) => !isThirdParty(a.assessingReport));
      expect(listed.latestAssessment?.report.slug ?? null).toBe(
        official.at(-1)?.assessingReport ?? null,
      );
    }
    // The seed holds recommendations whose only judgement is third-party: they stay not_assessed.
    const thirdPartyOnly = recommendations.filter(
      (item) =>
        assessmentsOf(item).every((a) => isThirdParty(a.assessingReport)) &&
        assessmentsOf(item).length > 0,
    );
    for (const item of thirdPartyOnly)
      expect(all.get(keyOf(item))!.currentStatus).toBe('not_assessed');
  });

  it('filters by country (ISO code, any case), election and report (id or slug)', async () => {
    expect((await list({ country: 'KZ' })).total).toBe(75);
    expect((await list({ country: 'kz' })).total).toBe(75);
    expect((await list({ country: 'FR' })).total).toBe(0);
    expect((await list({ country: ['FR', 'KZ'] })).total).toBe(75);

    const of2019 = recommendations.filter((r) => r.report === 'kz-2019-final');
    const report2019 = all.get('kz-2019-final#1')!.report;
    const bySlug = await list({ report: 'kz-2019-final', pageSize: 100 });
    const byId = await list({ report: String(report2019.id), pageSize: 100 });
    expect(bySlug.total).toBe(of2019.length);
    expect(keys(byId)).toEqual(keys(bySlug));

    const cited = await list({ report: 'kz-2015-final,kz-2016-final' });
    const citedRepeated = await list({ report: ['kz-2015-final', 'kz-2016-final'] });
    const expectedCited = recommendations.filter(
      (r) => r.report === 'kz-2015-final' || r.report === 'kz-2016-final',
    );
    expect(cited.total).toBe(expectedCited.length);
    expect(cited.total).toBe(14);
    expect(keys(citedRepeated)).toEqual(keys(cited));

    const detail = await getJson(
      app,
      `/api/v1/recommendations/${all.get('kz-2019-final#1')!.id}`,
      recommendationDetailSchema,
    );
    const byElection = await list({ election: detail.election.id, pageSize: 100 });
    expect(keys(byElection)).toEqual(of2019.map(keyOf));
  });

  it('filters by the year range of the issuing report', async () => {
    const inYears = (from: number, to: number) =>
      recommendations.filter((r) => {
        const year = Number(seedReport(r.report).publishedOn.slice(0, 4));
        return year >= from && year <= to;
      });
    expect((await list({ yearFrom: 2015, yearTo: 2016 })).total).toBe(inYears(2015, 2016).length);
    expect((await list({ yearFrom: 2019 })).total).toBe(inYears(2019, 9999).length);
    expect((await list({ yearTo: 2004 })).total).toBe(inYears(0, 2004).length);
    expect((await list({ yearFrom: 2005, yearTo: 2014 })).total).toBe(0);
  });

  it('filters by topic, one or several', async () => {
    const onTopic = (...slugs: string[]) =>
      recommendations.filter((r) => r.topic !== null && slugs.includes(r.topic));
    const media = await list({ topic: 'media', pageSize: 100 });
    expect(media.total).toBe(onTopic('media').length);
    expect(media.items.every((item) => item.topic?.slug === 'media')).toBe(true);
    const two = await list({ topic: ['media', 'results'], pageSize: 100 });
    expect(sortedKeys(two.items.map((i) => ({ report: i.report.slug, number: i.number })))).toEqual(
      sortedKeys(onTopic('media', 'results')),
    );
  });

  it('filters by current status, one or several, and by unaddressed', async () => {
    for (const status of CURRENT_STATUSES) {
      const page = await list({ status, pageSize: 100 });
      expect(page.total, status).toBe(
        recommendations.filter((r) => expectedStatus(r) === status).length,
      );
    }
    const several = await list({
      status: 'partially_implemented,mostly_implemented',
      pageSize: 100,
    });
    const severalRepeated = await list({
      status: ['partially_implemented', 'mostly_implemented'],
      pageSize: 100,
    });
    expect(several.total).toBe(
      recommendations.filter((r) =>
        ['partially_implemented', 'mostly_implemented'].includes(expectedStatus(r)),
      ).length,
    );
    expect(keys(severalRepeated)).toEqual(keys(several));

    const unaddressed = await list({ unaddressed: true, pageSize: 100 });
    expect(unaddressed.total).toBe(recommendations.filter(isUnaddressed).length);
    const addressed = await list({ unaddressed: false, pageSize: 100 });
    // Civil-society recommendations are never ODIHR's unaddressed ones, nor addressed either.
    expect(addressed.total).toBe(
      recommendations.filter(
        (r) => !(UNADDRESSED_STATUSES as readonly string[]).includes(expectedStatus(r)),
      ).length,
    );
    expect(addressed.total).toBeGreaterThan(0);

    const priorityUnaddressed = await list({ priority: true, unaddressed: true });
    expect(priorityUnaddressed.total).toBe(
      recommendations.filter((r) => r.priority && isUnaddressed(r)).length,
    );
    expect((await list({ priority: false })).total).toBe(
      recommendations.filter((r) => !r.priority).length,
    );
  });

  it('searches the text: "defamation" finds the 2004 and 2019 recommendations on it', async () => {
    const inText = recommendations.filter((r) => /defamation/i.test(r.text ?? ''));
    expect(new Set(inText.map((r) => r.report))).toEqual(
      new Set(['kz-2004-final', 'kz-2019-final']),
    );
    // The search also reads assessment quotes and notes (third-party evidence included).
    const expected = recommendations.filter(
      (r) => /defamation/i.test(r.text ?? '') || /defamation/i.test(evidenceOf(r)),
    );
    const page = await list({ q: 'defamation', pageSize: 100 });
    expect(
      sortedKeys(page.items.map((i) => ({ report: i.report.slug, number: i.number }))),
    ).toEqual(sortedKeys(expected));
    const textMatches = page.items.filter((item) => item.matchedIn?.includes('text'));
    expect(
      sortedKeys(textMatches.map((i) => ({ report: i.report.slug, number: i.number }))),
    ).toEqual(sortedKeys(inText));
    for (const item of page.items.filter((i) => !i.matchedIn?.includes('text'))) {
      const evidence = item.evidenceSnippet!.segments.filter((segment) => segment.match);
      for (const segment of evidence) expect(segment.text).toMatch(/^defamation$/i);
      expect(evidence.length).toBeGreaterThan(0);
    }
    for (const item of page.items) {
      expect(item.relevance).toBeGreaterThanOrEqual(0);
    }
    for (const item of textMatches) {
      expect(item.relevance).toBeGreaterThan(0);
      const snippet = item.snippet!;
      const matches = snippet.filter((segment) => segment.match);
      expect(matches.length).toBeGreaterThan(0);
      for (const segment of matches) expect(segment.text).toMatch(/^defamation$/i);
      const text = snippet.map((segment) => segment.text).join('');
      // Plain text: no markup, and none of the control characters that mark matches internally.
      expect(text).not.toMatch(/[<>]/);
      expect([...text].filter((char) => char.charCodeAt(0) < 0x20 && char !== '\n')).toEqual([]);
      for (const part of text.split(' … ')) expect(item.text).toContain(part);
    }
    // The total counts every match, whichever page is asked for, past the last one included.
    expect(page.total).toBe(expected.length);
    const second = await list({ q: 'defamation', pageSize: 1, page: 2 });
    expect(second).toMatchObject({ total: expected.length, totalPages: expected.length });
    expect(second.items).toHaveLength(1);
    const past = await list({ q: 'defamation', page: 9 });
    expect(past).toMatchObject({ items: [], total: expected.length });
    const unsearched = await list({ pageSize: 1 });
    expect(unsearched.items[0]!.snippet).toBeNull();
    expect(unsearched.items[0]!.relevance).toBeNull();
  });

  it('searches with stemming, phrases and other filters', async () => {
    // English stemming: "observers" finds "observer", "observation"... as the text search does.
    const plural = await list({ q: 'commissions', pageSize: 100 });
    expect(plural.total).toBe(
      recommendations.filter((r) =>
        /\bcommission/i.test(`${r.text ?? ''} ${r.heading ?? ''} ${evidenceOf(r)}`),
      ).length,
    );
    // Matches in the text rank first; matches only in assessment quotes or notes follow them.
    const inText = (page: RecommendationPage) =>
      keys({ ...page, items: page.items.filter((item) => item.matchedIn?.includes('text')) });
    const phrase = await list({ q: '"criminal defamation"' });
    expect(inText(phrase)).toEqual(
      recommendations.filter((r) => /criminal defamation/i.test(r.text ?? '')).map(keyOf),
    );
    expect(keys(phrase).slice(0, inText(phrase).length)).toEqual(inText(phrase));
    expect(keys(phrase).slice(inText(phrase).length).sort()).toEqual(
      recommendations
        .filter(
          (r) =>
            !/criminal defamation/i.test(r.text ?? '') &&
            /criminal defamation/i.test(evidenceOf(r)),
        )
        .map(keyOf)
        .sort(),
    );
    const in2019 = await list({ q: 'defamation', yearFrom: 2019 });
    expect(inText(in2019)).toEqual(['kz-2019-final#8']);
    const excluded = await list({ q: 'defamation -criminal' });
    expect(inText(excluded)).toEqual(
      recommendations
        .filter((r) => /defamation/i.test(r.text ?? '') && !/criminal/i.test(r.text ?? ''))
        .map(keyOf),
    );
    expect((await list({ q: 'the' })).total).toBe(0);
  });

  it('sorts by year, status, years open and relevance, either way', async () => {
    const byYear = await list({ sort: 'year', pageSize: 100 });
    const years = byYear.items.map((item) => item.report.publishedOn);
    expect(years).toEqual([...years].sort().reverse());
    const byYearAsc = await list({ sort: 'year', order: 'asc', pageSize: 100 });
    expect(keys(byYearAsc)).toEqual(printedOrder.map(keyOf));

    const byStatus = await list({ sort: 'status', pageSize: 100 });
    const ranks = byStatus.items.map((item) => CURRENT_STATUSES.indexOf(item.currentStatus));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const byStatusDesc = await list({ sort: 'status', order: 'desc', pageSize: 100 });
    const ranksDesc = byStatusDesc.items.map((item) =>
      CURRENT_STATUSES.indexOf(item.currentStatus),
    );
    expect(ranksDesc).toEqual([...ranksDesc].sort((a, b) => b - a));

    const byAge = await list({ sort: 'yearsOpen', pageSize: 100 });
    const ages = byAge.items.map((item) => item.yearsOpen);
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
    expect(ages[0]).toBeGreaterThan(ages.at(-1)!);
    const youngest = await list({ sort: 'yearsOpen', order: 'asc', pageSize: 5 });
    expect(youngest.items[0]!.yearsOpen).toBe(Math.min(...ages));

    const numberDesc = await list({ sort: 'number', order: 'desc', pageSize: 100 });
    expect(keys(numberDesc)).toEqual(printedOrder.map(keyOf).reverse());

    const relevance = await list({ q: 'defamation', sort: 'relevance', order: 'asc' });
    const scores = relevance.items.map((item) => item.relevance!);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('dates each recommendation from the earliest report in its lineage, with precision', async () => {
    for (const item of recommendations) {
      const listed = all.get(keyOf(item))!;
      const since = expectedOpenSince(item);
      expect(listed.openSince, keyOf(item)).toBe(since.date);
      expect(listed.openSincePrecision, keyOf(item)).toBe(since.precision);
      expect(listed.closedOn).toBeNull();
      expect(listed.yearsOpen, keyOf(item)).toBe(yearsBetween(since.date, today()));
    }
    // 2019's "inclusive representation on commissions" repeats a 2004 recommendation.
    expect(all.get('kz-2019-final#2')!.openSince).toBe(seedReport('kz-2004-final').publishedOn);
    // A recommendation of the 2015 report, known only from a citation, shows its year only.
    const cited = all.get('kz-2015-final#11')!;
    expect(cited).toMatchObject({ openSincePrecision: 'year', textEntered: false, text: null });
    expect(cited.report.publishedOnPrecision).toBe('year');
  });

  it('marks recommendations known only by number as text not entered', async () => {
    const withoutText = [...all.values()].filter((item) => !item.textEntered);
    expect(withoutText.map((item) => keyOf(item)).sort()).toEqual(
      recommendations
        .filter((r) => r.text === null)
        .map(keyOf)
        .sort(),
    );
    expect(withoutText).toHaveLength(14);
    expect(withoutText.every((item) => item.text === null)).toBe(true);
  });
});

describe('GET /api/v1/recommendations/:id on the seeded data set', () => {
  let app: App;
  let ids: Map<string, number>;

  const detail = (key: string) =>
    getJson(app, `/api/v1/recommendations/${ids.get(key)}`, recommendationDetailSchema);

  useTestApp('seeded', async (opened) => {
    ({ app } = opened);
    const page = await getJson(
      app,
      '/api/v1/recommendations?pageSize=100',
      recommendationPageSchema,
    );
    ids = new Map(page.items.map((item) => [keyOf(item), item.id]));
  });

  it('answers the recommendation, its source and its status timeline with quotes', async () => {
    for (const key of ['kz-2019-final#2', 'kz-2016-final#12', 'kz-2004-final#13']) {
      const item = findRecommendation(key);
      const body = await detail(key);
      expect(body).toMatchObject({
        number: item.number,
        priority: item.priority,
        heading: item.heading,
        text: item.text,
        location: item.location,
        currentStatus: expectedStatus(item),
      });
      expect(body.report.slug).toBe(item.report);
      expect(body.report.publishedOn).toBe(seedReport(item.report).publishedOn);
      expect(body.sourceLines).toEqual(
        item.lineStart === null ? null : { start: item.lineStart, end: item.lineEnd },
      );
      const official = assessmentsOf(item).filter((a) => !isThirdParty(a.assessingReport));
      expect(
        body.assessments.map((a) => [
          a.assessingReport.slug,
          a.status,
          a.quote,
          a.location,
          a.basis,
        ]),
      ).toEqual(official.map((a) => [a.assessingReport, a.status, a.quote, a.location, a.basis]));
      expect(body.latestAssessment?.id ?? null).toBe(body.assessments.at(-1)?.id ?? null);
    }
  });

  it('shows third-party evidence beside the timeline, never in it', async () => {
    const withEvidence = recommendations.filter((item) =>
      assessmentsOf(item).some((a) => isThirdParty(a.assessingReport)),
    );
    expect(withEvidence.length).toBeGreaterThan(0);
    for (const item of withEvidence.slice(0, 4)) {
      const body = await detail(keyOf(item));
      const thirdParty = assessmentsOf(item).filter((a) => isThirdParty(a.assessingReport));
      expect(
        body.thirdPartyEvidence.map((a) => [a.assessingReport.slug, a.status, a.quote]),
      ).toEqual(thirdParty.map((a) => [a.assessingReport, a.status, a.quote]));
      expect(body.thirdPartyEvidence.every((a) => a.assessingReport.thirdParty)).toBe(true);
      expect(body.assessments.some((a) => a.assessingReport.thirdParty)).toBe(false);
      const inferred = body.thirdPartyEvidence.find((a) => a.basis === 'inferred');
      if (inferred) expect(inferred.note).not.toBeNull();
    }
  });

  it('gives the lineage in both directions', async () => {
    for (const key of [
      'kz-2019-final#2',
      'kz-2019-final#26',
      'kz-2004-final#13',
      'kz-2004-final#4',
    ]) {
      const item = findRecommendation(key);
      const body = await detail(key);
      expect(body.lineage.earlier.map((link) => keyOf(link.recommendation)).sort(), key).toEqual(
        ancestorsOf(item).sort(),
      );
      expect(body.lineage.later.map((link) => keyOf(link.recommendation)).sort(), key).toEqual(
        descendantsOf(item).sort(),
      );
      for (const link of [...body.lineage.earlier, ...body.lineage.later]) {
        expect(link.depth).toBe(1);
        expect(link.via).toBe(body.id);
        const seedLink = dataset.links.find(
          (l) =>
            (keyOf(l.later) === key && keyOf(l.earlier) === keyOf(link.recommendation)) ||
            (keyOf(l.earlier) === key && keyOf(l.later) === keyOf(link.recommendation)),
        )!;
        expect(link).toMatchObject({
          kind: seedLink.kind,
          confidence: seedLink.confidence,
          note: seedLink.note,
        });
      }
    }
    const repeated = await detail('kz-2019-final#2');
    const of2004 = repeated.lineage.earlier.find(
      (link) => keyOf(link.recommendation) === 'kz-2004-final#2',
    );
    expect(of2004?.kind).toBe('repeats');
    expect(of2004?.recommendation.text).toBe(findRecommendation('kz-2004-final#2').text);
  });

  it('answers 404 for an unknown id and 400 for a malformed one, as problems', async () => {
    const missing = await request(app.server).get('/api/v1/recommendations/999999');
    expect(expectProblem(missing, 404, PROBLEM_TYPES.notFound).detail).toContain('999999');
    for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
      const response = await request(app.server).get(`/api/v1/recommendations/${id}`);
      const problem = expectProblem(response, 400, PROBLEM_TYPES.validation);
      expect(problem.errors?.[0]?.path).toBe('params.id');
    }
    const extra = await request(app.server).get(
      `/api/v1/recommendations/${ids.get('kz-2019-final#1')}?x=1`,
    );
    expectProblem(extra, 400, PROBLEM_TYPES.validation);
  });
});

describe('years open and lineage after later judgements', () => {
  let database: TestDatabase;
  let app: App;
  let ids: Map<string, number>;
  let electionId: number;

  const detail = (key: string) =>
    getJson(app, `/api/v1/recommendations/${ids.get(key)}`, recommendationDetailSchema);

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    const page = await getJson(
      app,
      '/api/v1/recommendations?pageSize=100',
      recommendationPageSchema,
    );
    ids = new Map(page.items.map((item) => [keyOf(item), item.id]));
    const probe = await detail('kz-2019-final#2');
    electionId = probe.election.id;
  });

  /** Records a judgement of `key` by a new report (of the probe's election) with `fields`. */
  async function assessedInNewReport(
    key: string,
    status: Parameters<typeof insertAssessment>[1]['status'],
    fields: Omit<Parameters<typeof insertReport>[1], 'electionId'>,
  ) {
    const report = await insertReport(database.db, { electionId, ...fields });
    await insertAssessment(database.db, {
      recommendationId: ids.get(key)!,
      assessingReportId: report.id,
      status,
    });
  }

  it('closes a recommendation on the ODIHR report that found it fully implemented', async () => {
    const key = 'kz-2019-final#2';
    await assessedInNewReport(key, 'fully_implemented', {
      kind: 'final_report',
      publishedOn: '2024-06-01',
      publishedOnPrecision: 'month',
    });
    // A later third-party report saying otherwise does not reopen it.
    await assessedInNewReport(key, 'not_implemented', {
      kind: 'third_party',
      publisher: 'NGO',
      publishedOn: '2025-01-01',
    });
    const body = await detail(key);
    const since = expectedOpenSince(findRecommendation(key));
    expect(body).toMatchObject({
      currentStatus: 'fully_implemented',
      closedOn: '2024-06-01',
      closedOnPrecision: 'month',
      openSince: since.date,
      yearsOpen: yearsBetween(since.date, '2024-06-01'),
    });
    expect(body.thirdPartyEvidence.map((a) => a.status)).toEqual(['not_implemented']);

    const closed = await getJson(
      app,
      '/api/v1/recommendations?status=fully_implemented',
      recommendationPageSchema,
    );
    expect(closed.items.map((item) => item.id)).toEqual([ids.get(key)]);
    expect(closed.items[0]!.closedOn).toBe('2024-06-01');
  });

  it('reopens it when a later ODIHR report finds it only partially implemented', async () => {
    const key = 'kz-2019-final#2';
    await assessedInNewReport(key, 'partially_implemented', {
      kind: 'needs_assessment',
      publishedOn: '2025-03-01',
    });
    const body = await detail(key);
    expect(body).toMatchObject({ currentStatus: 'partially_implemented', closedOn: null });
    expect(body.yearsOpen).toBe(yearsBetween(body.openSince, today()));
    expect(body.assessments.map((a) => a.status).slice(-2)).toEqual([
      'fully_implemented',
      'partially_implemented',
    ]);
  });

  it('follows lineage transitively and survives a cycle of links', async () => {
    const report = await insertReport(database.db, { electionId, publishedOn: '2024-01-15' });
    const latest = await insertRecommendation(database.db, {
      reportId: report.id,
      number: '1',
      text: 'Election commissions should include all parties.',
    });
    const { schema } = await import('@tracker/db');
    await database.db.insert(schema.recommendationLinks).values([
      {
        laterRecommendationId: latest.id,
        earlierRecommendationId: ids.get('kz-2019-final#2')!,
        kind: 'repeats',
      },
      // A mistaken link back, making a cycle: it must not loop.
      {
        laterRecommendationId: ids.get('kz-2004-final#2')!,
        earlierRecommendationId: latest.id,
        kind: 'continues',
      },
    ]);
    const body = await getJson(
      app,
      `/api/v1/recommendations/${latest.id}`,
      recommendationDetailSchema,
    );
    const depths = new Map(
      body.lineage.earlier.map((link) => [keyOf(link.recommendation), link.depth]),
    );
    expect(depths.get('kz-2019-final#2')).toBe(1);
    expect(depths.get('kz-2004-final#2')).toBe(2);
    expect(depths.get('kz-2004-final#10')).toBe(2);
    expect(body.openSince).toBe(seedReport('kz-2004-final').publishedOn);
    const viaLink = body.lineage.earlier.find(
      (link) => keyOf(link.recommendation) === 'kz-2004-final#2',
    );
    expect(viaLink?.via).toBe(ids.get('kz-2019-final#2'));
    const cyclic = await detail('kz-2004-final#2');
    expect(cyclic.lineage.earlier.map((link) => link.recommendation.id)).toContain(latest.id);
  });
});
