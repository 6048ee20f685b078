import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '@tracker/db';
import type { Database, DatabaseHandle } from '@tracker/db';
import { TOPICS } from '@tracker/shared';
import type { RecommendationListQuery } from '@tracker/shared';
import { createRepositories } from '../../../server/src/repositories/index.js';
import { createTestDatabase } from '../../helpers/database.js';
import type { TestDatabase } from '../../helpers/database.js';

/**
 * The data set will grow a hundredfold and more (every OSCE participating State, decades of
 * reports). This test builds such a data set with generate_series, 50 countries and 20,000
 * recommendations, and checks that the queries the API runs for its main list, its search and its
 * export reach recommendations through an index, never by reading the whole table.
 */

const onPostgres = Boolean(process.env.DATABASE_URL);

const COUNTRIES = 50;
const ELECTIONS_PER_COUNTRY = 12;
const RECOMMENDATIONS = 20_000;

/** Words for synthetic recommendation texts; every 97th text is about defamation. */
const WORDS = [
  'commission',
  'register',
  'candidate',
  'campaign',
  'media',
  'observer',
  'complaint',
  'ballot',
  'tabulation',
  'finance',
  'women',
  'minority',
  'disability',
  'assembly',
  'expression',
  'party',
  'threshold',
  'district',
  'boundary',
  'deadline',
  'appeal',
  'court',
  'transparency',
  'protocol',
];

async function buildLargeDataset(db: Database) {
  await db.execute(sql`
    insert into topics (slug, name, position)
    select t.slug, t.name, t.position
    from jsonb_to_recordset(${JSON.stringify(TOPICS.map((topic, i) => ({ ...topic, position: i + 1 })))}::jsonb)
      as t(slug text, name text, position int)`);
  await db.execute(sql`
    insert into countries (code, name)
    select chr(65 + i / 26) || chr(65 + i % 26), 'Country ' || i
    from generate_series(0, ${COUNTRIES - 1}) i`);
  await db.execute(sql`
    insert into elections (country_id, kind, held_on)
    select c.id, (array['parliamentary', 'presidential', 'local'])[1 + j % 3]::election_kind,
      date '1994-03-01' + j * 700 + c.id
    from countries c cross join generate_series(0, ${ELECTIONS_PER_COUNTRY - 1}) j`);
  // Per election: a final report, a needs assessment of the next one, and now and then a
  // third-party briefing.
  await db.execute(sql`
    insert into reports (slug, election_id, publisher, kind, title, published_on)
    select 'e' || e.id || '-' || replace(k.kind, '_', '-'), e.id,
      case when k.kind = 'third_party' then 'NGO' else 'ODIHR' end, k.kind::report_kind,
      'Report ' || e.id || ' ' || k.kind, e.held_on + k.delay
    from elections e
    cross join (values ('final_report', 90), ('needs_assessment', 500), ('third_party', 30)) k(kind, delay)
    where k.kind <> 'third_party' or e.id % 4 = 0`);
  await db.execute(sql`
    with finals as (
      select rp.id, row_number() over (order by rp.id) - 1 as n, count(*) over () as total
      from reports rp where rp.kind = 'final_report'
    )
    insert into recommendations (report_id, number, position, priority, heading, topic_id, text)
    select f.id, (i / f.total + 1)::text, i / f.total + 1, i % 7 = 0, 'Section ' || (i % 9),
      1 + i % 17,
      case when i % 97 = 0
        then 'Criminal defamation provisions should be repealed in favour of civil remedies.'
        else 'The ' || w.words[1 + i % 24] || ' and the ' || w.words[1 + (i / 24) % 24]
          || ' rules should be amended to ensure ' || w.words[1 + (i / 576) % 24] || ' safeguards.'
      end
    from generate_series(0, ${RECOMMENDATIONS - 1}) i
    join finals f on f.n = i % f.total
    cross join (select string_to_array(${WORDS.join(' ')}, ' ') as words) w`);
  // Most recommendations are assessed by the needs assessment of their own election, some also by
  // a third-party briefing. The current-status trigger is tested elsewhere; here it is paused and
  // its work done in one statement, which is much faster than row by row.
  await db.execute(sql`alter table assessments disable trigger assessments_current_status`);
  await db.execute(sql`
    insert into assessments (recommendation_id, assessing_report_id, status, quote, basis)
    select r.id, na.id,
      (array['fully_implemented', 'partially_implemented', 'not_implemented', 'mostly_implemented'])[1 + r.id % 4]::implementation_status,
      'The recommendation was considered.', 'explicit'
    from recommendations r
    join reports rp on rp.id = r.report_id
    join reports na on na.election_id = rp.election_id and na.kind = 'needs_assessment'
    where r.id % 5 <> 0`);
  await db.execute(sql`
    insert into assessments (recommendation_id, assessing_report_id, status, quote, basis, confidence, note)
    select r.id, tp.id, 'not_implemented', 'Observers reported the problem persists.', 'inferred', 'low', 'Synthetic.'
    from recommendations r
    join reports rp on rp.id = r.report_id
    join reports tp on tp.election_id = rp.election_id and tp.kind = 'third_party'`);
  await db.execute(sql`alter table assessments enable trigger assessments_current_status`);
  await db.execute(sql`
    update recommendations r set current_status = a.status
    from assessments a join reports arp on arp.id = a.assessing_report_id
    where a.recommendation_id = r.id and arp.kind <> 'third_party'`);
  // Lineage: a recommendation continues the one at the same place in the country's previous final
  // report. The links' trigger is tested elsewhere (derived-columns); its open-since walk through
  // every chain of this data set took most of this file's time, so it is paused as above and its
  // work done in one statement, then the kept lineage filled whole.
  await db.execute(
    sql`alter table recommendation_links disable trigger recommendation_links_lineage_insert`,
  );
  await db.execute(sql`
    insert into recommendation_links (later_recommendation_id, earlier_recommendation_id, kind, confidence, note)
    select later.id, earlier.id, 'continues', 'medium', 'Synthetic lineage.'
    from recommendations later
    join reports lrp on lrp.id = later.report_id
    join elections le on le.id = lrp.election_id
    join elections ee on ee.country_id = le.country_id and ee.held_on < le.held_on
      and not exists (select 1 from elections x where x.country_id = le.country_id
        and x.held_on < le.held_on and x.held_on > ee.held_on)
    join reports erp on erp.election_id = ee.id and erp.kind = 'final_report'
    join recommendations earlier on earlier.report_id = erp.id and earlier.position = later.position
    where later.id % 3 <> 0`);
  await db.execute(
    sql`alter table recommendation_links enable trigger recommendation_links_lineage_insert`,
  );
  // What the trigger would have set: open since the earliest of its own report and the reports of
  // the recommendations it continues, directly or not (ties to the lower report id).
  await db.execute(sql`
    with recursive ancestors(id, ancestor_id) as (
      select later_recommendation_id, earlier_recommendation_id from recommendation_links
      union
      select a.id, l.earlier_recommendation_id
      from ancestors a join recommendation_links l on l.later_recommendation_id = a.ancestor_id
    ), origin as (
      select distinct on (a.id) a.id, rp.published_on, rp.published_on_precision
      from ancestors a
      join recommendations o on o.id = a.ancestor_id
      join reports rp on rp.id = o.report_id
      order by a.id, rp.published_on, rp.id
    )
    update recommendations r
    set open_since = origin.published_on, open_since_precision = origin.published_on_precision
    from origin
    where r.id = origin.id and origin.published_on < r.open_since`);
  await db.execute(sql`select fill_recommendation_lineage()`);
  // The history: a creation entry per recommendation and assessment, as the seed writes them.
  await db.execute(sql`
    insert into history_entries (entity_type, entity_id, action, reason, after)
    select 'recommendation'::history_entity, r.id, 'create'::history_action, 'Synthetic', jsonb_build_object('id', r.id)
    from recommendations r
    union all
    select 'assessment'::history_entity, a.id, 'create'::history_action, 'Synthetic', jsonb_build_object('id', a.id)
    from assessments a`);
  await db.execute(sql`vacuum analyze`);
}

/**
 * A database that records the statements a repository runs, in transactions too, so the test
 * can EXPLAIN them. (SET statements are run but not recorded: they have no plan.)
 */
const dialect = new PgDialect();

function recording(db: Database): { db: Database; statements: SQL[] } {
  const statements: SQL[] = [];
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        if (property === 'execute') {
          return (query: SQL) => {
            const text = dialect.sqlToQuery(query).sql.trim();
            if (!/^set /i.test(text)) statements.push(query);
            return (object as unknown as Database).execute(query);
          };
        }
        if (property === 'transaction') {
          return (work: (tx: Database) => Promise<unknown>) =>
            (object as unknown as Database).transaction((tx) => work(wrap(tx as Database)));
        }
        return Reflect.get(object, property, receiver) as unknown;
      },
    });
  return { db: wrap(db), statements };
}

async function plan(db: Database, statement: SQL): Promise<string> {
  const rows = await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain ${statement}`);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/** The plans of every statement a repository call runs. */
async function plansOf(
  database: Database,
  call: (repositories: ReturnType<typeof createRepositories>) => Promise<unknown>,
): Promise<string[]> {
  const { db, statements } = recording(database);
  await call(createRepositories(db));
  expect(statements.length).toBeGreaterThan(0);
  return Promise.all(statements.map((statement) => plan(database, statement)));
}

const READS_RECOMMENDATIONS_BY_INDEX =
  /(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) recommendations_/;

function expectIndexedReads(plans: string[]) {
  for (const text of plans) {
    expect(text, text).not.toMatch(/Seq Scan on recommendations\b/);
  }
  expect(plans.join('\n')).toMatch(READS_RECOMMENDATIONS_BY_INDEX);
}

function listQuery(query: Partial<RecommendationListQuery>): RecommendationListQuery {
  return { page: 1, pageSize: 25, ...query };
}

describe('query plans on a data set a hundred times larger than the seed', () => {
  let database: TestDatabase;
  let countryCode: string;

  beforeAll(async () => {
    database = await createTestDatabase('migrated');
    await buildLargeDataset(database.db);
    const [country] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from countries order by id offset 7 limit 1`,
    );
    countryCode = country!.code;
  }, 120_000);
  afterAll(async () => {
    await database.destroy();
  });

  it('holds the synthetic data set it claims to', async () => {
    const [counts] = await queryRows<{
      recommendations: number;
      assessments: number;
      links: number;
    }>(
      database.db,
      sql`select (select count(*)::int from recommendations) as recommendations,
            (select count(*)::int from assessments) as assessments,
            (select count(*)::int from recommendation_links) as links`,
    );
    expect(counts!.recommendations).toBe(RECOMMENDATIONS);
    expect(counts!.assessments).toBeGreaterThan(RECOMMENDATIONS);
    expect(counts!.links).toBeGreaterThan(5_000);
  });

  it('filters the main list by country, priority and status through indexes', async () => {
    const plans = await plansOf(database.db, (repositories) =>
      repositories.recommendations.list(
        listQuery({ country: [countryCode], priority: true, unaddressed: true }),
      ),
    );
    expectIndexedReads(plans);
  });

  it('sorts a filtered list by years open through indexes', async () => {
    const plans = await plansOf(database.db, (repositories) =>
      repositories.recommendations.list(
        listQuery({ country: [countryCode], topic: ['media'], sort: 'yearsOpen' }),
      ),
    );
    expectIndexedReads(plans);
  });

  for (const q of ['defamation', 'freedom expression']) {
    it(`answers a full-text search from the GIN index (${q})`, async () => {
      const plans = await plansOf(database.db, (repositories) =>
        repositories.recommendations.list(listQuery({ q })),
      );
      expectIndexedReads(plans);
      const text = plans.join('\n');
      expect(text).toMatch(/Bitmap Index Scan on recommendation_search_words_idx/);
      // The matches are read from the search's narrow copy of the recommendations, not from
      // their full rows. The search also finds a recommendation by its assessments' quotes and
      // notes: by the words stored on the recommendation, in the same scan. The assessments are read only for the
      // recommendations with more of them than they store words of (evidence_vector null), found
      // once through their partial index and compared by id; never hashed whole.
      expect(text).toMatch(/BitmapOr/);
      expect(text).toMatch(/Bitmap Index Scan on recommendation_search_evidence_idx/);
      expect(text).toMatch(/recommendation_search_evidence_unstored_idx/);
      expect(text).toMatch(
        /Bitmap Index Scan on recommendation_search_pkey[^\n]*\n\s*Index Cond: \(id = ANY \((\$\d+|\(InitPlan \d+\)\.col\d+)\)\)/,
      );
      expect(text).not.toMatch(/hashed SubPlan/);
      // Every part of the condition is answered by an index: the scan of the matches checks a row
      // only where an index asks it to (Recheck Cond), never the whole condition again (Filter).
      const lines = text.split('\n');
      const scan = lines.findIndex((line) =>
        /Bitmap Heap Scan on recommendation_search xr\b/.test(line),
      );
      expect(scan).toBeGreaterThan(-1);
      const ownLines = lines.slice(
        scan + 1,
        scan + lines.slice(scan + 1).findIndex((line) => line.includes('->')) + 1,
      );
      expect(ownLines.join('\n')).toMatch(/Recheck Cond/);
      expect(ownLines.join('\n')).not.toMatch(/Filter:/);
    });
  }

  it("searches within a topic by the topic's matches only, not every match of the region", async () => {
    const plans = await plansOf(database.db, (repositories) =>
      repositories.recommendations.list(listQuery({ q: 'defamation', topic: ['media'] })),
    );
    expectIndexedReads(plans);
    const text = plans.join('\n');
    expect(text).toMatch(/BitmapAnd/);
    expect(text).toMatch(/Bitmap Index Scan on recommendation_search_topic_idx/);
    expect(text).toMatch(/Bitmap Index Scan on recommendation_search_words_idx/);
  });

  it('answers a phrase search from both GIN indexes, the assessments read by theirs', async () => {
    const plans = await plansOf(database.db, (repositories) =>
      repositories.recommendations.list(listQuery({ q: '"freedom of expression"' })),
    );
    expectIndexedReads(plans);
    const text = plans.join('\n');
    expect(text).toMatch(/Bitmap Index Scan on recommendation_search_words_idx/);
    expect(text).toMatch(/Bitmap Index Scan on assessments_search_idx/);
    expect(text).not.toMatch(/recommendation_search_evidence_idx/);
  });

  it("searches within one country by that country's rows, not by every match", async () => {
    const plans = await plansOf(database.db, (repositories) =>
      repositories.recommendations.list(listQuery({ q: 'defamation', country: [countryCode] })),
    );
    expectIndexedReads(plans);
    const text = plans.join('\n');
    expect(text).toMatch(
      /(Index (Only )?Scan|Bitmap Index Scan) (using|on) recommendations_country_\w*printed_order_idx/,
    );
    // Never the matches of the whole region read first, from the search's copy.
    expect(text).not.toMatch(/recommendation_search/);
    expect(text).not.toMatch(/assessments_search_idx/);
  });

  it('sorts a list by status in index order, without sorting every match', async () => {
    const plans = await plansOf(database.db, (repositories) =>
      repositories.recommendations.list(
        listQuery({ yearFrom: 2005, yearTo: 2009, sort: 'status' }),
      ),
    );
    expectIndexedReads(plans);
    const text = plans.join('\n');
    expect(text).toMatch(/Index (Only )?Scan using recommendations_status_printed_order_idx/);
    expect(text).not.toMatch(/Sort Key: r\.current_status/);
  });

  it.each([
    ['country', (code: string) => ({ country: [code] }), 'country_printed_order'],
    ['topic', () => ({ topic: ['media' as const] }), 'topic_printed_order'],
    [
      'country and topic',
      (code: string) => ({ country: [code], topic: ['media' as const] }),
      'country_topic_printed_order',
    ],
    [
      "country's priority recommendations",
      (code: string) => ({ country: [code], priority: true }),
      'country_priority_printed_order',
    ],
  ])(
    'pages the list of one %s in index order, without sorting every match',
    async (_, filter, index) => {
      for (const page of [1, 4]) {
        const plans = await plansOf(database.db, (repositories) =>
          repositories.recommendations.list(listQuery({ ...filter(countryCode), page })),
        );
        const text = plans.join('\n');
        expect(text, text).toMatch(
          new RegExp(`Index (Only )?Scan using recommendations_${index}_idx`),
        );
        expect(text, text).not.toMatch(/Sort Key: r\.report_published_on/);
      }
    },
  );

  it('finds a rare status through its index', async () => {
    const plans = await plansOf(database.db, (repositories) =>
      repositories.recommendations.list(listQuery({ status: ['no_longer_applicable'] })),
    );
    expectIndexedReads(plans);
  });

  it('exports in keyset batches read by index', async () => {
    const { db, statements } = recording(database.db);
    const batches = createRepositories(db).recommendations.exportBatches(
      { country: [countryCode] },
      'https://tracker.example.org',
      100,
    );
    let rows = 0;
    for await (const batch of batches.rows()) rows += batch.length;
    expect(rows).toBe(RECOMMENDATIONS / COUNTRIES);
    expect(statements.length).toBe(Math.floor(rows / 100) + 1);
    const plans = await Promise.all(statements.map((statement) => plan(database.db, statement)));
    expectIndexedReads(plans);
    // Each later batch starts in the index at the previous one's last row, rather than reading
    // the index from its start and filtering.
    for (const text of plans.slice(1)) {
      expect(text, text).toMatch(
        /Index Cond: .*ROW\(report_published_on, report_id, "?position"?, id\) >= ROW\(/,
      );
    }
  });

  it('exports a sort no index gives (years open) by sorting the ids once', async () => {
    const { db, statements } = recording(database.db);
    const batches = createRepositories(db).recommendations.exportBatches(
      { country: [countryCode], sort: 'yearsOpen', order: 'desc' },
      'https://tracker.example.org',
      100,
    );
    const ids: number[] = [];
    for await (const batch of batches.rows()) ids.push(...batch.map((row) => row.id));
    expect(ids).toHaveLength(RECOMMENDATIONS / COUNTRIES);
    expect(new Set(ids).size).toBe(ids.length);
    // One statement sorts the ids; then one per batch.
    expect(statements.length).toBe(1 + Math.ceil(ids.length / 100));
    const plans = await Promise.all(statements.map((statement) => plan(database.db, statement)));
    expect(plans[0], plans[0]).toMatch(/Aggregate[\s\S]*Index Cond: \(country_id = /);
    // Each batch reads its rows by id in the sorted order, not the country's matches again.
    for (const text of plans.slice(1)) {
      expect(text, text).toMatch(/Function Scan on unnest/);
      expect(text, text).toMatch(/Index Scan using recommendations_pkey/);
      expect(text, text).toMatch(/Sort Key: p\.n$/m);
      expect(text, text).not.toMatch(/country_id = \$/);
    }
  });

  it('reads one recommendation, its timeline and lineage by index', async () => {
    const [row] = await queryRows<{ id: number }>(
      database.db,
      sql`select l1.later_recommendation_id as id
          from recommendation_links l1
          join recommendation_links l2 on l2.later_recommendation_id = l1.earlier_recommendation_id
          order by l1.later_recommendation_id limit 1`,
    );
    const plans = await plansOf(database.db, (repositories) =>
      repositories.recommendations.findById(row!.id),
    );
    expectIndexedReads(plans);
    const detail = await createRepositories(database.db).recommendations.findById(row!.id);
    const depths = detail!.lineage.earlier.map((link) => link.depth);
    expect(depths[0]).toBe(1);
    expect(depths).toContain(2);
  });

  it('lists the assessments of one country, or made by one report, by index', async () => {
    for (const query of [{ country: [countryCode] }, { report: ['e10-needs-assessment'] }]) {
      const plans = await plansOf(database.db, (repositories) =>
        repositories.assessments.list({ page: 1, pageSize: 25, ...query }),
      );
      for (const text of plans)
        expect(text, text).not.toMatch(/Seq Scan on (assessments|recommendations)\b/);
      expect(plans.join('\n')).toMatch(/Index (Only )?Scan (Backward )?using assessments_/);
    }
  });

  it('reads the change history of one record by index', async () => {
    const plans = await plansOf(database.db, (repositories) =>
      repositories.changes.list({
        page: 1,
        pageSize: 25,
        entityType: 'recommendation',
        entityId: 7,
      }),
    );
    for (const text of plans) expect(text, text).not.toMatch(/Seq Scan on history_entries/);
  });

  it('counts statistics for one country by index', async () => {
    const plans = await plansOf(database.db, (repositories) =>
      repositories.statistics.statistics({ country: [countryCode] }),
    );
    expectIndexedReads(plans);
  });

  if (onPostgres) {
    /**
     * On PostgreSQL the list's statements are prepared by name (raw-query.ts: `shapedStatement`),
     * and once one has run five times PostgreSQL may keep a plan made without its values. On one
     * pooled connection, through pg_prepared_statements: the planning is saved where the values do
     * not change the plan, and values whose frequencies differ are never served a plan made for
     * others.
     */
    describe('prepared list statements', () => {
      let handle: DatabaseHandle;
      beforeAll(async () => {
        handle = await openDatabase({ url: database.url!, poolSize: 1 });
      });
      afterAll(async () => {
        await handle.close();
      });

      async function listed(queries: Partial<RecommendationListQuery>[]) {
        const recommendations = createRepositories(handle.db).recommendations;
        for (const query of queries) await recommendations.listJson(listQuery(query), undefined);
      }

      async function prepared(prefix: string) {
        const statements = await queryRows<{
          name: string;
          statement: string;
          genericPlans: number;
        }>(
          handle.db,
          sql`select name, statement, generic_plans::int as "genericPlans" from pg_prepared_statements`,
        );
        return statements.filter((statement) => statement.name.startsWith(prefix));
      }

      it("keeps one plan for every country's priority page instead of planning each", async () => {
        const codes = await queryRows<{ code: string }>(
          handle.db,
          sql`select code from countries order by id limit 10`,
        );
        await listed(codes.map(({ code }) => ({ country: [code], priority: true })));
        const pages = await prepared('recommendation_page');
        expect(pages).toHaveLength(1);
        expect(pages[0]!.genericPlans).toBeGreaterThan(0);
      });

      it("keeps one plan for a topic's or a status's first page, and plans later pages anew", async () => {
        const topics = TOPICS.slice(0, 8).map((topic) => topic.slug);
        await listed(topics.map((topic) => ({ topic: [topic] })));
        await listed(Array.from({ length: 8 }, () => ({ status: ['not_implemented' as const] })));
        await listed(topics.map((topic) => ({ topic: [topic], page: 3 })));
        const pages = await prepared('recommendation_page');
        const byTopic = pages.filter((page) => page.statement.includes('xt.slug'));
        const byStatus = pages.filter((page) => page.statement.includes(`'not_implemented'`));
        const firstPages = [...byTopic, ...byStatus].filter((page) =>
          /limit 25\b/.test(page.statement),
        );
        expect(firstPages).toHaveLength(2);
        for (const page of firstPages) expect(page.genericPlans).toBeGreaterThan(0);
        // Later pages keep their bounds as values: one statement for every offset.
        const laterPages = byTopic.filter((page) =>
          /limit \$\d+ offset \$\d+/.test(page.statement),
        );
        expect(laterPages).toHaveLength(1);
      });

      it('plans a rare status in a statement of its own, not with a common one', async () => {
        await listed([
          ...Array.from({ length: 8 }, () => ({ status: ['not_assessed' as const] })),
          { status: ['no_longer_applicable'] },
        ]);
        const pages = await prepared('recommendation_page');
        const rare = pages.find((page) => page.statement.includes(`'no_longer_applicable'`));
        const common = pages.find((page) => page.statement.includes(`'not_assessed'`));
        expect(rare).toBeDefined();
        expect(common).toBeDefined();
        expect(rare!.name).not.toBe(common!.name);
        expectIndexedReads([await plan(handle.db, sql`execute ${sql.identifier(rare!.name)}`)]);
      });

      it("reads a detail's lineage from the kept closure by index in the plan it keeps", async () => {
        const [row] = await queryRows<{ id: number }>(
          handle.db,
          sql`select later_recommendation_id as id from recommendation_links order by id limit 1`,
        );
        const recommendations = createRepositories(handle.db).recommendations;
        for (let i = 0; i < 6; i++) await recommendations.detailJson(row!.id);
        await handle.db.execute(sql`set plan_cache_mode = force_generic_plan`);
        try {
          const text = await plan(
            handle.db,
            sql`execute ${sql.identifier('recommendation_detail')}(${sql.raw(String(row!.id))})`,
          );
          expect(text).toMatch(/Index (Only )?Scan using recommendation_lineage_/);
          expect(text, text).not.toMatch(/Seq Scan on recommendation_(links|lineage)/);
        } finally {
          await handle.db.execute(sql`reset plan_cache_mode`);
        }
      });

      it('plans a range of years and a search for their values every time', async () => {
        await listed(
          Array.from({ length: 8 }, (_, i) => ({ yearFrom: 1995 + i, yearTo: 1999 + i })),
        );
        const recommendations = createRepositories(handle.db).recommendations;
        // A search without matches counts on its own (the count statement).
        for (let i = 0; i < 8; i++) {
          const page = await recommendations.list(listQuery({ q: 'xylophone' }));
          expect(page.total).toBe(0);
        }
        // A list by country alone is prepared on the same connection: the others were not.
        await listed([{ country: [countryCode] }]);
        const statements = await prepared('recommendation_');
        expect(statements.map(({ statement }) => statement).join('\n')).toMatch(/xc\.code in/);
        for (const { statement } of statements) {
          expect(statement).not.toMatch(/make_date|websearch_to_tsquery/);
        }
      });
    });
  }
});
