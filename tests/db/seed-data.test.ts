import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadDataset, queryRows, schema, seedIfEmpty, sourcePath } from '@tracker/db';
import { normalizeForQuote } from '@tracker/server';
import { createTestDatabase, useTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

const dataset = loadDataset();

/** Assessments `a`, the recommendation `r` each judges, its `issuing` and its `assessing` report. */
const ASSESSMENTS_WITH_REPORTS = sql`from assessments a
  join recommendations r on r.id = a.recommendation_id
  join reports issuing on issuing.id = r.report_id
  join reports assessing on assessing.id = a.assessing_report_id`;

/** The normalized text of lines `start`..`end` (1-based) of a seed source file. */
function sourceExcerpt(file: string, start: number, end: number): string {
  const lines = readFileSync(sourcePath(file), 'utf8').split(/\r?\n/);
  return normalizeForQuote(lines.slice(start - 1, end).join('\n'));
}

describe('the seeded Kazakhstan data set', () => {
  let database: TestDatabase;

  useTestDatabase('seeded', (opened) => {
    database = opened;
  });

  it('holds the recommendations of each report', async () => {
    const rows = await queryRows<{ slug: string; total: number; priority: number; texts: number }>(
      database.db,
      sql`select rp.slug, count(r.id)::int as total,
                 count(*) filter (where r.priority)::int as priority,
                 count(r.text)::int as texts
          from reports rp left join recommendations r on r.report_id = rp.id
          group by rp.slug order by rp.slug`,
    );
    expect(rows).toEqual([
      { slug: 'kz-2004-final', total: 24, priority: 0, texts: 24 },
      // Known only by number from footnote 106 of the 2019 final report: text not entered.
      { slug: 'kz-2015-final', total: 7, priority: 0, texts: 0 },
      { slug: 'kz-2016-final', total: 7, priority: 0, texts: 0 },
      { slug: 'kz-2019-final', total: 31, priority: 11, texts: 31 },
      { slug: 'kz-2020-nam', total: 0, priority: 0, texts: 0 },
      { slug: 'kz-2021-iphr-briefing', total: 6, priority: 0, texts: 6 },
      { slug: 'kz-2023-psfc', total: 0, priority: 0, texts: 0 },
    ]);
  });

  it('marks the briefing as a civil-society source, not ODIHR', async () => {
    const [briefing] = await database.db
      .select()
      .from(schema.reports)
      .where(eq(schema.reports.slug, 'kz-2021-iphr-briefing'));
    expect(briefing?.kind).toBe('third_party');
    expect(briefing?.publisher).toMatch(/IPHR/);
    expect(briefing?.publisher).not.toMatch(/ODIHR/);
    // It prints no date: only the year is recorded, and the note says why.
    expect(briefing?.publishedOnPrecision).toBe('year');
    expect(briefing?.note).toMatch(/no date/);
  });

  it('has every assessment judge a recommendation of an earlier report', async () => {
    const rows = await queryRows<{ id: number }>(
      database.db,
      sql`select a.id ${ASSESSMENTS_WITH_REPORTS}
          where assessing.published_on <= issuing.published_on`,
    );
    expect(rows).toEqual([]);
    const [count] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from assessments`,
    );
    expect(count?.count).toBe(dataset.assessments.length);
  });

  it('has every quote occur in its source file at the lines it names', () => {
    const files = new Map(
      dataset.manifest.reports.map((report) => [report.slug, report.sourceFile]),
    );
    for (const assessment of dataset.assessments) {
      const file = files.get(assessment.assessingReport);
      expect(file, assessment.assessingReport).toBeTruthy();
      const excerpt = sourceExcerpt(file!, assessment.lineStart, assessment.lineEnd);
      expect(excerpt, `${assessment.assessingReport} line ${assessment.lineStart}`).toContain(
        normalizeForQuote(assessment.quote),
      );
    }
  });

  it('has every recommendation text made of its source lines, less interrupting footnotes', () => {
    const files = new Map(
      dataset.manifest.reports.map((report) => [report.slug, report.sourceFile]),
    );
    const withText = dataset.recommendations.filter((item) => item.text !== null);
    expect(withText).toHaveLength(61);
    for (const item of withText) {
      const lines = readFileSync(sourcePath(files.get(item.report)!), 'utf8')
        .split(/\r?\n/)
        .slice(item.lineStart! - 1, item.lineEnd!)
        .map(normalizeForQuote)
        .filter(Boolean);
      // Consume the source lines that continue the text; the others must be footnotes.
      let rest = `${item.number}. ${item.text}`;
      for (const line of lines) {
        if (rest.startsWith(line)) rest = rest.slice(line.length).trimStart();
        else expect(line, `${item.report} ${item.number}: a skipped line`).toMatch(/^\d+ /);
      }
      expect(rest, `${item.report} ${item.number}`).toBe('');
    }
  });

  it('marks every inferred assessment with a confidence and a note', async () => {
    const inferred = await database.db
      .select()
      .from(schema.assessments)
      .where(eq(schema.assessments.basis, 'inferred'));
    expect(inferred.length).toBeGreaterThan(0);
    for (const assessment of inferred) {
      expect(assessment.confidence).not.toBeNull();
      expect(assessment.note?.length).toBeGreaterThan(20);
    }
  });

  it('answers: which 2019 priority recommendations the 2023 statement says remain unaddressed', async () => {
    const rows = await queryRows<{ number: string }>(
      database.db,
      sql`select r.number ${ASSESSMENTS_WITH_REPORTS}
          where issuing.slug = 'kz-2019-final' and r.priority
            and assessing.slug = 'kz-2023-psfc' and a.status = 'not_implemented'
          order by r.position`,
    );
    // Assembly, expression and media (1, 6, 8); suffrage of prisoners and persons with
    // disabilities (3); the right to stand (5); publication of disaggregated results (10).
    expect(rows.map((row) => row.number)).toEqual(['1', '3', '5', '6', '8', '10']);
  });

  it('answers: which 2004 recommendations the 2019 report repeats', async () => {
    const rows = await queryRows<{ later: string; earlier: string }>(
      database.db,
      sql`select later.number as later, earlier.number as earlier
          from recommendation_links l
          join recommendations later on later.id = l.later_recommendation_id
          join recommendations earlier on earlier.id = l.earlier_recommendation_id
          join reports lr on lr.id = later.report_id
          join reports er on er.id = earlier.report_id
          where lr.slug = 'kz-2019-final' and er.slug = 'kz-2004-final' and l.kind = 'repeats'
          order by later.position`,
    );
    // Party representation on commissions; criminal defamation; results by polling station.
    expect(rows).toEqual([
      { later: '2', earlier: '2' },
      { later: '8', earlier: '23' },
      { later: '10', earlier: '6' },
    ]);
  });

  it('gives the 2019 priority recommendations their status from the latest ODIHR report', async () => {
    const rows = await queryRows<{ number: string; current: string; latest: string }>(
      database.db,
      sql`select r.number, r.current_status as current,
                 (select a.status from assessments a join reports rp on rp.id = a.assessing_report_id
                  where a.recommendation_id = r.id and rp.kind <> 'third_party'
                  order by rp.published_on desc limit 1) as latest
          from recommendations r join reports rp on rp.id = r.report_id
          where rp.slug = 'kz-2019-final' and r.priority order by r.position`,
    );
    expect(rows).toHaveLength(11);
    for (const row of rows) expect(row.current).toBe(row.latest ?? 'not_assessed');
  });

  it('never lets third-party evidence set the official status', async () => {
    // 2019 recommendation 28 (policing of assemblies) is judged only by the IPHR/KIBHR briefing.
    const [row] = await database.db
      .select({ status: schema.recommendations.currentStatus })
      .from(schema.recommendations)
      .innerJoin(schema.reports, eq(schema.reports.id, schema.recommendations.reportId))
      .where(
        and(eq(schema.reports.slug, 'kz-2019-final'), eq(schema.recommendations.number, '28')),
      );
    expect(row?.status).toBe('not_assessed');
    const evidence = dataset.assessments.filter(
      (item) =>
        item.recommendation.report === 'kz-2019-final' && item.recommendation.number === '28',
    );
    expect(evidence.map((item) => item.assessingReport)).toEqual(['kz-2021-iphr-briefing']);
  });

  it('records a history entry for every seeded record', async () => {
    const [counts] = await queryRows<{ history: number; records: number }>(
      database.db,
      sql`select (select count(*)::int from history_entries where action = 'create') as history,
                 (select count(*)::int from countries) + (select count(*)::int from elections)
               + (select count(*)::int from reports) + (select count(*)::int from recommendations)
               + (select count(*)::int from assessments)
               + (select count(*)::int from recommendation_links) as records`,
    );
    expect(counts?.history).toBe(counts?.records);
  });

  it('is loaded once: seeding again changes nothing', async () => {
    const before = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from recommendations`,
    );
    expect(await seedIfEmpty(database.db)).toEqual({ seeded: false });
    const after = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from recommendations`,
    );
    expect(after).toEqual(before);
  });
});

describe('seeding an empty database', () => {
  it('loads everything in one transaction, or nothing', async () => {
    const database = await createTestDatabase('migrated');
    try {
      const broken = loadDataset();
      // A link to a recommendation that is not there fails at the very end of the load.
      broken.links = [...broken.links, { ...broken.links[0]!, later: broken.links[0]!.earlier }];
      await expect(seedIfEmpty(database.db, broken)).rejects.toThrow();
      const [count] = await queryRows<{ count: number }>(
        database.db,
        sql`select (select count(*) from recommendations) + (select count(*) from topics) as count`,
      );
      expect(Number(count?.count)).toBe(0);

      const result = await seedIfEmpty(database.db);
      expect(result).toEqual({
        seeded: true,
        topics: 17,
        elections: 6,
        reports: 7,
        recommendations: 75,
        assessments: dataset.assessments.length,
        links: dataset.links.length,
      });
    } finally {
      await database.destroy();
    }
  });
});
