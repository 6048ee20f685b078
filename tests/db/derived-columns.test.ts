import { eq, inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { exportDump, importDump, queryRows, schema } from '@tracker/db';
import type { Database } from '@tracker/db';
import {
  assessByNewReports,
  insertAssessment,
  insertElection,
  insertRecommendation,
  insertReport,
  storedRecommendation,
} from '../helpers/fixtures.js';
import { createTestDatabase, useTestDatabase } from '../helpers/database.js';
import { expectedLineage } from '../helpers/lineage.js';
import type { LinkEnds } from '../helpers/lineage.js';
import type { TestDatabase } from '../helpers/database.js';

/**
 * The columns migration 0006 stores on recommendations (latest assessment, open since, closed on),
 * the country 0014 copies there and the evidence words of 0015 (positioned by 0016) must always
 * equal what the look-ups the lists and the search made before computed from scratch. After each
 * kind of write, every recommendation's stored columns are compared with that reference, and the
 * search's copy of them (recommendation_search, 0018) with the recommendations themselves.
 */

interface Derived {
  id: number;
  currentStatus: string;
  latestAssessmentId: number | null;
  openSince: string | null;
  openSincePrecision: string | null;
  closedOn: string | null;
  closedOnPrecision: string | null;
  countryId: number | null;
  /**
   * evidence_vector as `lexeme:position` pairs (bytewise, then by position), space-separated; ''
   * for an empty one.
   */
  evidence: string | null;
}

const stored = sql`
  select r.id, r.current_status as "currentStatus", r.latest_assessment_id as "latestAssessmentId",
    r.open_since::text as "openSince", r.open_since_precision as "openSincePrecision",
    r.closed_on::text as "closedOn", r.closed_on_precision as "closedOnPrecision",
    r.country_id as "countryId",
    case when r.evidence_vector is null then null else coalesce((
      select string_agg(w.lexeme || ':' || p, ' ' order by w.lexeme collate "C", p)
      from unnest(r.evidence_vector) w, unnest(w.positions) p
    ), '') end as evidence
  from recommendations r order by r.id`;

/** The lateral look-ups the list, detail and export queries made before 0006, per recommendation. */
const reference = sql`
  select r.id, coalesce(latest.status, 'not_assessed') as "currentStatus",
    latest.id as "latestAssessmentId",
    (case when origin.published_on is not null and origin.published_on < rp.published_on
      then origin.published_on else rp.published_on end)::text as "openSince",
    case when origin.published_on is not null and origin.published_on < rp.published_on
      then origin.published_on_precision else rp.published_on_precision end as "openSincePrecision",
    closing.published_on::text as "closedOn",
    closing.published_on_precision as "closedOnPrecision",
    (select e.country_id from elections e where e.id = rp.election_id) as "countryId",
    (
      select case when count(distinct ea.id) > 255 then null else coalesce(string_agg(
        lexeme || ':' || ea.ordinal, ' ' order by lexeme collate "C", ea.ordinal
      ), '') end
      from (
        select row_number() over (order by ea.id) as ordinal, ea.*
        from assessments ea where ea.recommendation_id = r.id
      ) ea
      left join lateral unnest(tsvector_to_array(
        to_tsvector('english', ea.quote) || to_tsvector('english', coalesce(ea.note, ''))
      )) lexeme on true
    ) as evidence
  from recommendations r
  join reports rp on rp.id = r.report_id
  left join lateral (
    select la.id, la.status
    from assessments la
    join reports lrp on lrp.id = la.assessing_report_id
    where la.recommendation_id = r.id and lrp.kind <> 'third_party'
    order by lrp.published_on desc, lrp.id desc
    limit 1
  ) latest on true
  left join lateral (
    with recursive ancestors(id) as (
      select l.earlier_recommendation_id from recommendation_links l
      where l.later_recommendation_id = r.id
      union
      select l.earlier_recommendation_id from recommendation_links l
      join ancestors a on l.later_recommendation_id = a.id
    )
    select min(orp.published_on) as published_on,
      (array_agg(orp.published_on_precision order by orp.published_on, orp.id))[1]
        as published_on_precision
    from ancestors a
    join recommendations o on o.id = a.id
    join reports orp on orp.id = o.report_id
  ) origin on true
  left join lateral (
    select min(crp.published_on) as published_on,
      (array_agg(crp.published_on_precision order by crp.published_on, crp.id))[1]
        as published_on_precision
    from assessments ca
    join reports crp on crp.id = ca.assessing_report_id
    where latest.status = 'fully_implemented'
      and ca.recommendation_id = r.id
      and ca.status = 'fully_implemented'
      and crp.kind <> 'third_party'
      and not exists (
        select 1 from assessments na
        join reports nrp on nrp.id = na.assessing_report_id
        where na.recommendation_id = r.id
          and na.status <> 'fully_implemented'
          and nrp.kind <> 'third_party'
          and (nrp.published_on, nrp.id) > (crp.published_on, crp.id)
      )
  ) closing on true
  order by r.id`;

/**
 * The search's copy (recommendation_search, migration 0018) as it is stored, and as it must be:
 * the same columns of every recommendation, read from the recommendations themselves. Vectors as
 * text, which holds every lexeme, position and weight.
 */
const searchColumns = (table: 'recommendations' | 'recommendation_search') => sql`
  select s.id, s.report_id as "reportId", s.report_published_on::text as "reportPublishedOn",
    s.position, s.country_id as "countryId", s.topic_id as "topicId", s.priority,
    s.current_status as "currentStatus", s.open_since::text as "openSince",
    s.closed_on::text as "closedOn", s.search_vector::text as "searchVector",
    s.evidence_vector::text as "evidenceVector"
  from ${sql.raw(table)} s order by s.id`;

/** A row of recommendation_lineage (migration 0019, db/sql/lineage-closure.sql). */
interface LineageRow {
  recommendationId: number;
  towardEarlier: boolean;
  linkId: number;
  depth: number;
  via: number;
}

const storedLineage = sql`
  select recommendation_id as "recommendationId", toward_earlier as "towardEarlier",
    link_id as "linkId", depth, via
  from recommendation_lineage order by 1, 2, 3`;

/**
 * Every recommendation's lineage by the rule of `lineage_reach`, computed here from the links
 * alone (`expectedLineage`), in the stored order (false before true, as PostgreSQL sorts booleans).
 */
async function lineageFromScratch(db: Database): Promise<LineageRow[]> {
  const links = await queryRows<LinkEnds>(
    db,
    sql`select id, later_recommendation_id as later, earlier_recommendation_id as earlier
        from recommendation_links`,
  );
  const ids = [...new Set(links.flatMap((link) => [link.later, link.earlier]))].sort(
    (a, b) => a - b,
  );
  return ids.flatMap((recommendationId) =>
    (['later', 'earlier'] as const).flatMap((direction) =>
      expectedLineage(links, recommendationId, direction).map((link) => ({
        recommendationId,
        towardEarlier: direction === 'earlier',
        ...link,
      })),
    ),
  );
}

async function expectStoredAsComputed(db: Database) {
  expect(await queryRows<LineageRow>(db, storedLineage)).toEqual(await lineageFromScratch(db));
  const [actual, expected] = [
    await queryRows<Derived>(db, stored),
    await queryRows<Derived>(db, reference),
  ];
  expect(actual.length).toBeGreaterThan(0);
  expect(actual).toEqual(expected);
  expect(await queryRows(db, searchColumns('recommendation_search'))).toEqual(
    await queryRows(db, searchColumns('recommendations')),
  );
  return new Map(actual.map((row) => [row.id, row]));
}

/** Only PostgreSQL runs two transactions at once; PGlite serves one connection. */
const onPostgres = Boolean(process.env.DATABASE_URL);

describe('the derived columns stored on recommendations', () => {
  let database: TestDatabase;
  let db: Database;

  useTestDatabase('seeded', (opened) => {
    database = opened;
    db = database.db;
  });

  it('hold the computed values for every seeded recommendation', async () => {
    await expectStoredAsComputed(db);
    // The seed exercises them: assessed and lineage-dated recommendations.
    const [seeded] = await queryRows<{ assessed: number; lineageDated: number }>(
      db,
      sql`select count(*) filter (where latest_assessment_id is not null)::int as assessed,
            count(*) filter (where open_since < report_published_on)::int as "lineageDated"
          from recommendations`,
    );
    expect(seeded!.assessed).toBeGreaterThan(0);
    expect(seeded!.lineageDated).toBeGreaterThan(0);
    expect((await queryRows(db, storedLineage)).length).toBeGreaterThan(0);
  });

  it('follow every write to assessments, reports, lineage links and recommendations', async () => {
    const election = await insertElection(db);
    const report = (
      publishedOn: string,
      values: Partial<typeof schema.reports.$inferInsert> = {},
    ) => insertReport(db, { electionId: election.id, publishedOn, ...values });
    const r2005 = await report('2005-03-01');
    const r2008 = await report('2008-06-01', { publishedOnPrecision: 'month' });
    const needs2010 = await report('2010-01-01', { kind: 'needs_assessment' });
    const r2012 = await report('2012-09-01', { publishedOnPrecision: 'year' });
    const ngo2013 = await report('2013-01-01', { kind: 'third_party', publisher: 'NGO' });
    const r2015 = await report('2015-01-01');
    const recommendation = (reportId: number, number: string) =>
      insertRecommendation(db, { reportId, number, position: Number(number) });
    const a = await recommendation(r2005.id, '1');
    const b = await recommendation(r2008.id, '2');
    const c = await recommendation(r2012.id, '3');
    const d = await recommendation(r2015.id, '4');
    const x = await recommendation(r2008.id, '5');
    const y = await recommendation(r2012.id, '6');
    let rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)).toMatchObject({
      currentStatus: 'not_assessed',
      latestAssessmentId: null,
      openSince: '2008-06-01',
      openSincePrecision: 'month',
      closedOn: null,
    });

    // Assessments: official and third-party, added, changed, moved and deleted.
    const byNeeds = await insertAssessment(db, {
      recommendationId: b.id,
      assessingReportId: needs2010.id,
      status: 'fully_implemented',
    });
    const by2012 = await insertAssessment(db, {
      recommendationId: b.id,
      assessingReportId: r2012.id,
      status: 'not_implemented',
    });
    rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)).toMatchObject({ latestAssessmentId: by2012.id, closedOn: null });
    const byNgo = await insertAssessment(db, {
      recommendationId: b.id,
      assessingReportId: ngo2013.id,
      status: 'fully_implemented',
    });
    rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)).toMatchObject({ latestAssessmentId: by2012.id });
    const by2015 = await insertAssessment(db, {
      recommendationId: b.id,
      assessingReportId: r2015.id,
      status: 'fully_implemented',
    });
    rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)).toMatchObject({
      currentStatus: 'fully_implemented',
      latestAssessmentId: by2015.id,
      closedOn: '2015-01-01',
      closedOnPrecision: 'day',
    });
    const setStatus = (id: number, status: 'fully_implemented' | 'not_implemented') =>
      db.update(schema.assessments).set({ status }).where(eq(schema.assessments.id, id));
    await setStatus(by2012.id, 'fully_implemented');
    rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)).toMatchObject({ closedOn: '2010-01-01' });
    await db.delete(schema.assessments).where(eq(schema.assessments.id, byNeeds.id));
    rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)).toMatchObject({ closedOn: '2012-09-01', closedOnPrecision: 'year' });
    await db
      .update(schema.assessments)
      .set({ recommendationId: c.id })
      .where(eq(schema.assessments.id, by2015.id));
    await insertAssessment(db, {
      recommendationId: x.id,
      assessingReportId: r2015.id,
      status: 'partially_implemented',
    });
    await expectStoredAsComputed(db);
    // Deleting the latest assessment falls back to the one before.
    await db.delete(schema.assessments).where(eq(schema.assessments.id, by2015.id));
    rows = await expectStoredAsComputed(db);
    expect(rows.get(c.id)).toMatchObject({ latestAssessmentId: null, closedOn: null });
    expect(rows.get(b.id)).toMatchObject({ latestAssessmentId: by2012.id });
    expect(rows.get(c.id)).toMatchObject({ evidence: '' });

    // Evidence words: a third party's quote and an official note reworded, then the note removed.
    const reword = (id: number, values: { quote?: string; note?: string | null }) =>
      db.update(schema.assessments).set(values).where(eq(schema.assessments.id, id));
    await reword(byNgo.id, { quote: 'Observers reported that journalists were intimidated.' });
    await reword(by2012.id, { note: 'Seen again at the polling stations in 2012.' });
    rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)!.evidence).toContain('journalist');
    expect(rows.get(b.id)!.evidence).toContain('poll');
    await reword(by2012.id, { note: null });
    rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)!.evidence).not.toContain('poll');

    // Reports: a date, a precision and a kind change reorder and redate the judgements.
    const setReport = (id: number, values: Partial<typeof schema.reports.$inferInsert>) =>
      db.update(schema.reports).set(values).where(eq(schema.reports.id, id));
    await setReport(ngo2013.id, { kind: 'final_report' });
    rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)).toMatchObject({ latestAssessmentId: byNgo.id });
    await setStatus(byNgo.id, 'not_implemented');
    await setReport(r2012.id, { publishedOn: '2014-02-01' });
    rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)).toMatchObject({
      latestAssessmentId: by2012.id,
      closedOn: '2014-02-01',
    });
    await setReport(r2012.id, { publishedOnPrecision: 'month' });
    rows = await expectStoredAsComputed(db);
    expect(rows.get(b.id)).toMatchObject({ closedOnPrecision: 'month' });
    await setReport(ngo2013.id, { kind: 'third_party' });
    await expectStoredAsComputed(db);

    // Lineage: a chain of three links, then a cycle, then links deleted and changed.
    const link = async (later: number, earlier: number) =>
      (
        await db
          .insert(schema.recommendationLinks)
          .values({
            laterRecommendationId: later,
            earlierRecommendationId: earlier,
            kind: 'repeats',
          })
          .returning()
      )[0]!;
    const dc = await link(d.id, c.id);
    rows = await expectStoredAsComputed(db);
    expect(rows.get(d.id)).toMatchObject({ openSince: '2014-02-01', openSincePrecision: 'month' });
    const cb = await link(c.id, b.id);
    rows = await expectStoredAsComputed(db);
    expect(rows.get(d.id)).toMatchObject({ openSince: '2008-06-01', openSincePrecision: 'month' });
    const ba = await link(b.id, a.id);
    rows = await expectStoredAsComputed(db);
    // d's lineage back: c through d itself, then b through c, then a through b.
    expect(
      (await queryRows<LineageRow>(db, storedLineage)).filter(
        (row) => row.recommendationId === d.id && row.towardEarlier,
      ),
    ).toEqual([
      { recommendationId: d.id, towardEarlier: true, linkId: dc.id, depth: 1, via: d.id },
      { recommendationId: d.id, towardEarlier: true, linkId: cb.id, depth: 2, via: c.id },
      { recommendationId: d.id, towardEarlier: true, linkId: ba.id, depth: 3, via: b.id },
    ]);
    for (const id of [b.id, c.id, d.id]) {
      expect(rows.get(id)).toMatchObject({ openSince: '2005-03-01', openSincePrecision: 'day' });
    }
    const ad = await link(a.id, d.id);
    await expectStoredAsComputed(db);
    await setReport(r2005.id, { publishedOn: '2005-04-01', publishedOnPrecision: 'year' });
    rows = await expectStoredAsComputed(db);
    expect(rows.get(d.id)).toMatchObject({ openSince: '2005-04-01', openSincePrecision: 'year' });
    await db.delete(schema.recommendationLinks).where(eq(schema.recommendationLinks.id, cb.id));
    rows = await expectStoredAsComputed(db);
    expect(rows.get(c.id)).toMatchObject({ openSince: '2014-02-01' });
    expect(rows.get(b.id)).toMatchObject({ openSince: '2005-04-01' });
    await db.delete(schema.recommendationLinks).where(eq(schema.recommendationLinks.id, ad.id));
    rows = await expectStoredAsComputed(db);
    expect(rows.get(c.id)).toMatchObject({ openSince: '2014-02-01' });
    expect(rows.get(d.id)).toMatchObject({ openSince: '2014-02-01' });
    await db
      .update(schema.recommendationLinks)
      .set({ earlierRecommendationId: x.id })
      .where(eq(schema.recommendationLinks.id, dc.id));
    rows = await expectStoredAsComputed(db);
    expect(rows.get(d.id)).toMatchObject({ openSince: '2008-06-01' });
    await db
      .update(schema.recommendationLinks)
      .set({ note: 'Only the note changes.' })
      .where(eq(schema.recommendationLinks.id, dc.id));
    await expectStoredAsComputed(db);

    // Several links in one statement, and a recommendation moved to another report: it and
    // everything downstream of it are redated.
    await db.insert(schema.recommendationLinks).values([
      { laterRecommendationId: y.id, earlierRecommendationId: d.id, kind: 'continues' },
      { laterRecommendationId: c.id, earlierRecommendationId: y.id, kind: 'continues' },
    ]);
    await expectStoredAsComputed(db);
    await db
      .update(schema.recommendations)
      .set({ reportId: r2005.id })
      .where(eq(schema.recommendations.id, x.id));
    rows = await expectStoredAsComputed(db);
    for (const id of [x.id, d.id, y.id, c.id]) {
      expect(rows.get(id)).toMatchObject({ openSince: '2005-04-01', openSincePrecision: 'year' });
    }

    // The country: a report moved to another country's election, then that election moved.
    const abroad = await insertElection(db);
    await setReport(r2015.id, { electionId: abroad.id });
    rows = await expectStoredAsComputed(db);
    expect(rows.get(d.id)).toMatchObject({ countryId: abroad.countryId });
    await db
      .update(schema.elections)
      .set({ countryId: election.countryId })
      .where(eq(schema.elections.id, abroad.id));
    rows = await expectStoredAsComputed(db);
    expect(rows.get(d.id)).toMatchObject({ countryId: election.countryId });

    // Ties: the earliest reports' precision is taken from the one with the lowest id.
    const sameDayYear = await report('2001-05-05', { publishedOnPrecision: 'year' });
    const sameDayDay = await report('2001-05-05', { publishedOnPrecision: 'day' });
    const early1 = await recommendation(sameDayDay.id, '7');
    const early2 = await recommendation(sameDayYear.id, '8');
    await link(a.id, early1.id);
    await link(a.id, early2.id);
    rows = await expectStoredAsComputed(db);
    expect(rows.get(a.id)).toMatchObject({ openSince: '2001-05-05', openSincePrecision: 'year' });

    // Several links deleted in one statement; then a cycle left in place for the restore below.
    await db
      .delete(schema.recommendationLinks)
      .where(inArray(schema.recommendationLinks.laterRecommendationId, [a.id, c.id]));
    await expectStoredAsComputed(db);
    await link(x.id, y.id);
    await expectStoredAsComputed(db);

    // The recommendation's own columns the search copies: its words, topic, priority and place;
    // then one deleted, with its assessments, and its copy with it.
    const [topic] = await db.select().from(schema.topics).limit(1);
    await db
      .update(schema.recommendations)
      .set({ text: 'Defamation should be decriminalised.', heading: 'Media', topicId: topic!.id })
      .where(eq(schema.recommendations.id, x.id));
    await db
      .update(schema.recommendations)
      .set({ priority: true, position: 40, text: null })
      .where(eq(schema.recommendations.id, y.id));
    await expectStoredAsComputed(db);
    await db
      .delete(schema.recommendationLinks)
      .where(inArray(schema.recommendationLinks.laterRecommendationId, [y.id]));
    await db
      .delete(schema.recommendationLinks)
      .where(inArray(schema.recommendationLinks.earlierRecommendationId, [y.id]));
    await db.delete(schema.assessments).where(eq(schema.assessments.recommendationId, y.id));
    await db.delete(schema.recommendations).where(eq(schema.recommendations.id, y.id));
    await expectStoredAsComputed(db);
  });

  if (onPostgres) {
    /**
     * Two transactions on connections of their own: `first` writes, then `second` writes before
     * the first commits (waiting for its locks, where the triggers take any: up to 5 s); the first
     * commits, then the second.
     */
    async function atOnce(
      first: (client: pg.Client) => Promise<unknown>,
      second: (client: pg.Client) => Promise<unknown>,
    ) {
      const clients = [0, 1].map(() => new pg.Client({ connectionString: database.url! }));
      const [one, two] = clients as [pg.Client, pg.Client];
      await Promise.all(clients.map((client) => client.connect()));
      try {
        const pid = (await two.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!
          .pid;
        await one.query('begin');
        await two.query('begin');
        await first(one);
        const secondWrite = second(two);
        let waiting = false;
        for (let attempt = 0; attempt < 200 && !waiting; attempt++) {
          const [row] = await queryRows<{ waiting: boolean }>(
            db,
            sql`select coalesce(bool_or(wait_event_type = 'Lock'), false) as waiting
              from pg_stat_activity where pid = ${pid}`,
          );
          waiting = row!.waiting;
          if (!waiting) await new Promise((resolve) => setTimeout(resolve, 25));
        }
        await one.query('commit');
        await secondWrite;
        await two.query('commit');
      } finally {
        await Promise.all(clients.map((client) => client.end()));
      }
    }

    it("stay right when two transactions write one recommendation's assessments at once", async () => {
      const election = await insertElection(db);
      const report = (publishedOn: string) =>
        insertReport(db, { electionId: election.id, publishedOn });
      const [issuing, earlier, later] = [
        await report('2010-01-01'),
        await report('2012-01-01'),
        await report('2014-01-01'),
      ];
      const target = await insertRecommendation(db, { reportId: issuing.id, number: '1' });
      const assess = (reportId: number, status: string, quote: string) => (client: pg.Client) =>
        client.query(
          `insert into assessments (recommendation_id, assessing_report_id, status, basis, quote)
           values ($1, $2, $3, 'explicit', $4)`,
          [target.id, reportId, status, quote],
        );
      // The later report finds it implemented; the earlier one, written at the same time by
      // another editor, did not. Each transaction sees only its own assessment.
      await atOnce(
        assess(later.id, 'fully_implemented', 'The complaints procedure was reformed.'),
        assess(earlier.id, 'not_implemented', 'Journalists objected.'),
      );
      const rows = await expectStoredAsComputed(db);
      expect(rows.get(target.id)).toMatchObject({ currentStatus: 'fully_implemented' });
      expect(rows.get(target.id)!.evidence).toContain('complaint');
      expect(rows.get(target.id)!.evidence).toContain('journalist');
    });

    it('stay right when two transactions link the two ends of one chain at once', async () => {
      const election = await insertElection(db);
      const recommendation = async (publishedOn: string) =>
        insertRecommendation(db, {
          reportId: (await insertReport(db, { electionId: election.id, publishedOn })).id,
          number: '1',
        });
      const [first, middle, last] = [
        await recommendation('2003-01-01'),
        await recommendation('2007-01-01'),
        await recommendation('2011-01-01'),
      ];
      const link = (later: number, earlier: number) => (client: pg.Client) =>
        client.query(
          `insert into recommendation_links (later_recommendation_id, earlier_recommendation_id, kind)
           values ($1, $2, 'repeats')`,
          [later, earlier],
        );
      await atOnce(link(middle.id, first.id), link(last.id, middle.id));
      const rows = await expectStoredAsComputed(db);
      expect(rows.get(last.id)).toMatchObject({ openSince: '2003-01-01' });
    });

    it('copy the date and country of a report and an election changed while a recommendation is added to it', async () => {
      const election = await insertElection(db);
      const abroad = await insertElection(db);
      const report = await insertReport(db, { electionId: election.id, publishedOn: '2016-01-01' });
      const added: number[] = [];
      const addRecommendation = (number: string) => async (client: pg.Client) => {
        const { rows } = await client.query<{ id: number }>(
          `insert into recommendations (report_id, number, position, text)
           values ($1, $2, $3, 'The authorities should publish results by polling station.')
           returning id`,
          [report.id, number, Number(number)],
        );
        added.push(rows[0]!.id);
      };
      await atOnce(
        (client) =>
          client.query(`update reports set published_on = '2017-03-01' where id = $1`, [report.id]),
        addRecommendation('1'),
      );
      await atOnce(
        (client) =>
          client.query(`update elections set country_id = $1 where id = $2`, [
            abroad.countryId,
            election.id,
          ]),
        addRecommendation('2'),
      );
      const rows = await expectStoredAsComputed(db);
      for (const id of added) {
        expect(rows.get(id)).toMatchObject({ countryId: abroad.countryId });
        const stored = await storedRecommendation(db, id);
        expect(stored.reportPublishedOn).toBe('2017-03-01');
      }
    });
  }

  it('hold no evidence words past 255 assessments, more than a tsvector positions', async () => {
    const election = await insertElection(db);
    const issuing = await insertReport(db, { electionId: election.id, publishedOn: '2000-01-01' });
    const target = await insertRecommendation(db, { reportId: issuing.id, number: '1' });
    const assess = (count: number, firstOn: string) =>
      assessByNewReports(db, {
        recommendationId: target.id,
        electionId: election.id,
        quotes: Array.from({ length: count }, () => 'Complaints were ignored.'),
        firstOn,
      });
    const [firstAssessment] = await assess(255, '2001-01-01');
    let rows = await expectStoredAsComputed(db);
    expect(rows.get(target.id)!.evidence).toContain('complaint:255');
    await assess(1, '2002-01-01');
    rows = await expectStoredAsComputed(db);
    expect(rows.get(target.id)).toMatchObject({ evidence: null });
    await db.delete(schema.assessments).where(eq(schema.assessments.id, firstAssessment!));
    rows = await expectStoredAsComputed(db);
    expect(rows.get(target.id)!.evidence).toContain('complaint:255');
    // Left with 256, for the fill and the restore below to keep it null.
    await assess(1, '2002-01-02');
    expect((await expectStoredAsComputed(db)).get(target.id)).toMatchObject({ evidence: null });
  });

  it("stay in the recommendation's row, not moved out of it, up to a page's size", async () => {
    // The search reads both vectors of every match (migration 0017), from the search's copy
    // (0018): by default PostgreSQL moves a value out of a row of more than about 2 kB, and reads
    // it back through an index.
    const outOfLine = async () => {
      const toasts = await queryRows<{ relation: string }>(
        db,
        sql`select reltoastrelid::regclass::text as relation from pg_class
            where oid in ('recommendations'::regclass, 'recommendation_search'::regclass)`,
      );
      expect(toasts).toHaveLength(2);
      let values = 0;
      for (const toast of toasts) {
        const [counted] = await queryRows<{ values: number }>(
          db,
          sql`select count(distinct chunk_id)::int as values from ${sql.raw(toast.relation)}`,
        );
        values += counted!.values;
      }
      return values;
    };
    const before = await outOfLine();
    const election = await insertElection(db);
    const issuing = await insertReport(db, { electionId: election.id, publishedOn: '2000-01-01' });
    const words = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `word${(from + i).toString(36)}`).join(' ');
    const target = await insertRecommendation(db, {
      reportId: issuing.id,
      number: '1',
      text: `The law should be amended: ${words(0, 150)}.`,
    });
    await assessByNewReports(db, {
      recommendationId: target.id,
      electionId: election.id,
      quotes: Array.from({ length: 12 }, (_, i) => `Not addressed: ${words(1000 + i * 25, 25)}.`),
    });
    const [row] = await queryRows<{ size: number }>(
      db,
      sql`select pg_column_size(r.*)::int as size from recommendations r where r.id = ${target.id}`,
    );
    expect(row!.size).toBeGreaterThan(4000);
    expect(row!.size).toBeLessThan(8000);
    const [copy] = await queryRows<{ size: number }>(
      db,
      sql`select pg_column_size(s.*)::int as size from recommendation_search s
          where s.id = ${target.id}`,
    );
    expect(copy!.size).toBeGreaterThan(2500);
    expect(await outOfLine()).toBe(before);
  });

  it('are filled set-wise by the migration and bulk loads, by the same rules', async () => {
    const fill = async () =>
      (await queryRows<{ changed: number }>(db, sql`select fill_derived_columns() as changed`))[0]!
        .changed;
    expect(await fill()).toBe(0);
    const [{ total } = { total: 0 }] = await queryRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from recommendations`,
    );
    await db.execute(sql`update recommendations set latest_assessment_id = null, open_since = null,
      open_since_precision = null, closed_on = null, closed_on_precision = null,
      evidence_vector = 'stale:1'`);
    // Every row has an open_since: each is written again.
    expect(await fill()).toBe(total);
    await expectStoredAsComputed(db);
    // The search's copy, gone stale or missing where a bulk load dropped the triggers, is
    // written again by the same fill.
    await db.execute(
      sql`alter table recommendations disable trigger recommendations_copy_to_search`,
    );
    try {
      await db.execute(sql`update recommendations set priority = not priority where id % 3 = 0`);
      await db.execute(sql`delete from recommendation_search where id % 3 = 1`);
    } finally {
      await db.execute(
        sql`alter table recommendations enable trigger recommendations_copy_to_search`,
      );
    }
    expect(await queryRows(db, searchColumns('recommendation_search'))).not.toEqual(
      await queryRows(db, searchColumns('recommendations')),
    );
    // The lineage too, rewritten whole: rows missing, and rows wrong.
    await db.execute(sql`delete from recommendation_lineage where link_id % 2 = 0`);
    await db.execute(sql`update recommendation_lineage set depth = depth + 1, via = 0`);
    expect(await queryRows(db, storedLineage)).not.toEqual(await lineageFromScratch(db));
    expect(await fill()).toBe(0);
    await expectStoredAsComputed(db);
  });

  it('are recomputed by a restore, which does not carry them', async () => {
    let text = '';
    await exportDump(db, async (chunk) => {
      text += chunk;
    });
    for (const column of ['"open_since"', '"openSince"', '"latest_assessment_id"']) {
      expect(text).not.toContain(column);
    }
    const target = await createTestDatabase('migrated');
    try {
      await importDump(
        target.db,
        (async function* () {
          yield* text.split('\n');
        })(),
      );
      expect(await queryRows(target.db, stored)).toEqual(await queryRows(db, stored));
      await expectStoredAsComputed(target.db);
    } finally {
      await target.destroy();
    }
  });
});
