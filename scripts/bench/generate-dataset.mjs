#!/usr/bin/env node
// A deterministic synthetic data set at OSCE scale, bulk-loaded into its own PostgreSQL database.
//
//   node scripts/bench/generate-dataset.mjs [--scale 100] [--force]
//
// Scale n means n x 1,000 recommendations: 1x is one Kazakhstan-sized country, 10x six countries,
// 100x all 57 participating States with 100,000 recommendations and over 300,000 assessments.
// Each scale lives in database `tracker_bench_<n>x` on the server of BENCH_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres). Only databases named tracker_bench_* are ever
// dropped: a database whose comment shows it was loaded by this generator version, seed and the
// same migrations is reused as it is; any other is dropped and loaded again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrateDatabase, migrationsFolder, openDatabase } from '@tracker/db';
import { TOPICS } from '@tracker/shared';
import { OSCE_STATES } from './osce-countries.mjs';
import {
  INFERENCE_NOTES,
  LINK_NOTES,
  MISSION_KINDS,
  QUOTES,
  SUPPORTING,
  THIRD_PARTY_PUBLISHERS,
  TOPIC_MIX,
  TOPIC_PHRASES,
  capitalise,
  fill,
} from './odihr-phrases.mjs';
import { copyRows } from './pg-copy.mjs';
import { createRandom } from './prng.mjs';

/** Bump when the generated data changes: databases loaded by another version are reloaded. */
export const GENERATOR_VERSION = 1;
export const SEED = 20_041_919;
const FIRST_YEAR = 1995;
const YEARS = 30;
const LAST_PUBLICATION = Date.UTC(2025, 5, 30);
const RECOMMENDATIONS_PER_SCALE = 1000;
const MEAN_PER_FINAL_REPORT = 35;
const DAY = 86_400_000;

export const DEFAULT_SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function benchDatabaseName(scale) {
  return `tracker_bench_${scale}x`;
}

export function databaseUrl(name, serverUrl = DEFAULT_SERVER_URL) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// --- generation -----------------------------------------------------------------------------

const ELECTION_KIND_WEIGHTS = [
  ['parliamentary', 40],
  ['presidential', 24],
  ['local', 26],
  ['referendum', 10],
];
const STATUS_SCALE = [
  'not_implemented',
  'partially_implemented',
  'mostly_implemented',
  'fully_implemented',
];
const ASSESSING_PROBABILITY = {
  final_report: 0.78,
  needs_assessment: 0.5,
  interim: 0.3,
  preliminary_statement: 0.42,
};
const REPORT_KIND_TITLES = {
  needs_assessment: 'Needs Assessment Mission Report',
  interim: 'Interim Report',
  preliminary_statement: 'Statement of Preliminary Findings and Conclusions',
  final_report: 'Final Report',
};
const REPORT_KIND_SLUGS = {
  needs_assessment: 'nam',
  interim: 'interim',
  preliminary_statement: 'psfc',
  final_report: 'final',
  third_party: 'ngo',
};
const MONTHS =
  'January February March April May June July August September October November December'.split(
    ' ',
  );

const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const longDate = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
const yearOf = (ms) => new Date(ms).getUTCFullYear();

function electionTitle(election, country) {
  const kind = {
    parliamentary: 'Parliamentary Elections',
    presidential: 'Presidential Election',
    local: 'Local Elections',
    referendum: 'Referendum',
  }[election.kind];
  return `${country.formal}, ${election.early ? 'Early ' : ''}${kind}, ${longDate(election.heldOn)}`;
}

/** A recommendation's text in ODIHR style, 150 to 700 characters. */
function recommendationText(random, topicSlug) {
  const phrases = TOPIC_PHRASES[topicSlug];
  const target = 170 + Math.floor(random.next() ** 1.6 * 520);
  let text = capitalise(fill(random.pick(phrases.main), random));
  for (let attempt = 0; text.length < target && attempt < 6; attempt++) {
    const sentence = random.chance(0.3)
      ? capitalise(fill(random.pick(phrases.main), random))
      : random.pick(SUPPORTING);
    if (text.length + 1 + sentence.length <= 700 && !text.includes(sentence))
      text += ` ${sentence}`;
  }
  while (text.length < 150) text += ` ${random.pick(SUPPORTING.filter((s) => s.length < 80))}`;
  return text.length <= 700 ? text : `${text.slice(0, 696).replace(/\s+\S*$/, '')}.`;
}

function quoteText(random, status, topicSlug, year) {
  const subject = random.pick(TOPIC_PHRASES[topicSlug].subject);
  let quote = fill(random.pick(QUOTES[status]), random, { subject, year });
  if (random.chance(0.35)) {
    quote += ` ${fill(random.pick(TOPIC_PHRASES[topicSlug].main), random)}`.replace(
      / should be /,
      ' should still be ',
    );
  }
  return capitalise(quote).slice(0, 400);
}

/**
 * The whole data set as plain rows with their ids, in a fixed order. Every random choice comes
 * from one seeded stream, so the same scale always gives the same rows.
 */
export function generateDataset(scale) {
  const random = createRandom(SEED + scale);
  const target = Math.round(scale * RECOMMENDATIONS_PER_SCALE);
  const countryCount = Math.min(
    OSCE_STATES.length,
    Math.max(1, Math.ceil((OSCE_STATES.length * scale) / 100)),
  );
  const topics = TOPICS.map((topic, index) => ({ id: index + 1, ...topic, position: index + 1 }));
  const topicIds = new Map(topics.map((t) => [t.slug, t.id]));
  const topicWeights = Object.entries(TOPIC_MIX).map(([slug, [weight]]) => [slug, weight]);
  const topicOrder = new Map(TOPICS.map((t, i) => [t.slug, i]));

  const countries = [];
  const elections = [];
  const reports = [];
  const recommendations = [];
  const assessments = [];
  const links = [];

  for (let c = 0; c < countryCount; c++) {
    const [code, name, formal] = OSCE_STATES[c];
    const country = { id: c + 1, code, name, formal };
    countries.push(country);
    const budget = Math.floor(target / countryCount) + (c < target % countryCount ? 1 : 0);
    const electionCount = Math.max(1, Math.round(budget / MEAN_PER_FINAL_REPORT));

    // Elections spread over the thirty years, one per slot, in date order.
    const countryElections = [];
    const taken = new Set();
    for (let i = 0; i < electionCount; i++) {
      const yearFloat = ((i + 0.05 + random.next() * 0.9) * YEARS) / electionCount;
      const kind = random.weighted(ELECTION_KIND_WEIGHTS);
      let heldOn = Date.UTC(FIRST_YEAR, 0, 1) + Math.floor(yearFloat * 365.25) * DAY;
      while (taken.has(`${kind}${heldOn}`)) heldOn += DAY;
      taken.add(`${kind}${heldOn}`);
      const election = {
        id: elections.length + 1,
        countryId: country.id,
        kind,
        heldOn,
        secondRoundOn: kind === 'presidential' && random.chance(0.35) ? heldOn + 14 * DAY : null,
        early: kind !== 'local' && random.chance(0.15),
        note: random.chance(0.05) ? 'Synthetic: dates and mission type are generated.' : null,
        mission: random.pick(MISSION_KINDS),
        reports: [],
      };
      elections.push(election);
      countryElections.push(election);
    }

    // Reports of each election; the final report always, the others sometimes.
    for (const election of countryElections) {
      const lastRound = election.secondRoundOn ?? election.heldOn;
      const planned = [];
      if (random.chance(0.6))
        planned.push(['needs_assessment', election.heldOn - random.int(60, 100) * DAY]);
      if (random.chance(0.45)) planned.push(['interim', election.heldOn - random.int(8, 20) * DAY]);
      if (random.chance(0.85)) planned.push(['preliminary_statement', lastRound + DAY]);
      planned.push(['final_report', lastRound + random.int(50, 120) * DAY]);
      if (random.chance(0.08))
        planned.push(['third_party', election.heldOn + random.int(20, 200) * DAY]);
      const stamp = iso(election.heldOn).replaceAll('-', '');
      for (const [kind, at] of planned) {
        const publishedOn = Math.min(at, LAST_PUBLICATION);
        const thirdParty = kind === 'third_party';
        const publisher = thirdParty
          ? random.pick(THIRD_PARTY_PUBLISHERS)
          : kind === 'preliminary_statement'
            ? 'ODIHR and the OSCE Parliamentary Assembly (International Election Observation Mission)'
            : 'ODIHR';
        const report = {
          id: reports.length + 1,
          slug: `${code.toLowerCase()}-${stamp}-${election.kind}-${REPORT_KIND_SLUGS[kind]}`,
          electionId: election.id,
          election,
          publisher,
          kind,
          title: thirdParty
            ? `Briefing on the ${yearOf(election.heldOn)} ${election.kind} elections in ${name}`
            : `${electionTitle(election, country)}: ODIHR ${election.mission} ${REPORT_KIND_TITLES[kind]}`,
          publishedOn,
          precision: random.chance(0.97) ? 'day' : 'month',
          sourceUrl: thirdParty
            ? null
            : `https://www.osce.org/odihr/elections/${code.toLowerCase()}/${100_000 + reports.length * 7}`,
          recommendations: [],
        };
        reports.push(report);
        election.reports.push(report);
      }
    }

    // How many recommendations each issuing report gets, summing to the country's budget.
    const issuing = countryElections.flatMap((e) =>
      e.reports.filter((r) => r.kind === 'final_report' || r.kind === 'third_party'),
    );
    const raw = issuing.map((r) =>
      r.kind === 'final_report' ? random.int(20, 50) : random.int(2, 6),
    );
    const rawTotal = raw.reduce((a, b) => a + b, 0);
    let assigned = 0;
    const counts = raw.map((n, i) => {
      const share =
        i === raw.length - 1 ? budget - assigned : Math.max(1, Math.round((n * budget) / rawTotal));
      assigned += share;
      return share;
    });
    if (counts[counts.length - 1] < 1) {
      // Rounding overshot: take the excess back from the largest reports.
      let excess = 1 - counts[counts.length - 1];
      counts[counts.length - 1] = 1;
      for (let i = 0; excess > 0; i = (i + 1) % (counts.length - 1 || 1)) {
        if (counts[i] > 5) {
          counts[i]--;
          excess--;
        }
      }
    }

    // Recommendations, in printed order: priority ones first, then by report section.
    let previousFinal = [];
    issuing.forEach((report, index) => {
      const n = counts[index];
      const isFinal = report.kind === 'final_report';
      const priorityCount =
        isFinal && yearOf(report.publishedOn) >= 2008
          ? Math.min(Math.floor(n / 2), random.int(5, 12))
          : 0;
      const drafts = [];
      for (let i = 0; i < n; i++) {
        const topic = random.chance(0.01) ? null : random.weighted(topicWeights);
        drafts.push({ topic, priority: i < priorityCount });
      }
      const others = drafts
        .slice(priorityCount)
        .sort((a, b) => (topicOrder.get(a.topic) ?? 99) - (topicOrder.get(b.topic) ?? 99));
      const ordered = [...drafts.slice(0, priorityCount), ...others];
      const issued = [];
      let line = random.int(300, 900);
      ordered.forEach((draft, i) => {
        const position = i + 1;
        const textTopic = draft.topic ?? 'legal-framework';
        const heading =
          draft.priority || !isFinal
            ? null
            : draft.topic
              ? TOPIC_MIX[draft.topic][1]
              : 'Other Issues';
        // Lineage: about a third of a final report's recommendations take up one of the
        // previous final report's, on the same topic; "repeats" restates its text.
        let link = null;
        if (isFinal && previousFinal.length > 0 && random.chance(0.32)) {
          const sameTopic = previousFinal.filter((r) => r.topic === draft.topic);
          if (sameTopic.length > 0) {
            const earlier = random.pick(sameTopic);
            link = { earlier, kind: random.chance(0.55) ? 'repeats' : 'continues' };
          }
        }
        const textEntered = !random.chance(0.003);
        let text = null;
        if (textEntered) {
          text =
            link?.kind === 'repeats' && link.earlier.text
              ? link.earlier.text
              : recommendationText(random, textTopic);
        }
        const lines = text === null ? 0 : 1 + Math.floor(text.length / 450);
        const recommendation = {
          id: recommendations.length + 1,
          reportId: report.id,
          report,
          number: String(position),
          position,
          priority: draft.priority,
          heading,
          topic: draft.topic,
          topicId: draft.topic ? topicIds.get(draft.topic) : null,
          text,
          lineStart: text === null ? null : line,
          lineEnd: text === null ? null : line + lines - 1,
          location: !isFinal
            ? `Recommendations to the authorities › ${position}`
            : draft.priority
              ? `A. Priority recommendations › recommendation ${position}`
              : `B. Other recommendations › ${heading} › recommendation ${position}`,
          currentStatus: 'not_assessed',
          electionIndex: countryElections.indexOf(report.election),
        };
        line += lines + random.int(0, 1);
        recommendations.push(recommendation);
        issued.push(recommendation);
        if (link) {
          links.push({
            id: links.length + 1,
            later: recommendation.id,
            earlier: link.earlier.id,
            kind: link.kind,
            confidence: random.weighted([
              ['high', 50],
              ['medium', 35],
              ['low', 10],
              [null, 5],
            ]),
            note: random.chance(0.7)
              ? fill(random.pick(LINK_NOTES[link.kind]), random, {
                  subject: random.pick(
                    TOPIC_PHRASES[link.earlier.topic ?? 'legal-framework'].subject,
                  ),
                })
              : null,
          });
        }
      });
      if (isFinal) previousFinal = issued;
    });

    // Assessments: reports of the next three elections judge earlier recommendations; the
    // status moves along the scale over time (mostly forward, sometimes back).
    const countryRecommendations = recommendations.filter(
      (r) => r.report.election.countryId === country.id,
    );
    for (const rec of countryRecommendations) {
      const textTopic = rec.topic ?? 'legal-framework';
      let state = null;
      let latest = null;
      for (let j = 1; j <= 3; j++) {
        const later = countryElections[rec.electionIndex + j];
        if (!later) break;
        for (const assessing of later.reports) {
          if (assessing.publishedOn <= rec.report.publishedOn) continue;
          const thirdParty = assessing.kind === 'third_party';
          const p = thirdParty
            ? j === 1
              ? 0.3
              : 0.15
            : Math.min(
                0.95,
                ASSESSING_PROBABILITY[assessing.kind] * 0.75 ** (j - 1) * (rec.priority ? 1.2 : 1),
              );
          if (!random.chance(p)) continue;
          let status;
          if (thirdParty) {
            status = random.weighted([
              ['not_implemented', 60],
              ['partially_implemented', 30],
              ['mostly_implemented', 5],
              ['fully_implemented', 5],
            ]);
          } else {
            state = nextState(random, state);
            status = state;
            if (
              latest === null ||
              assessing.publishedOn > latest.publishedOn ||
              (assessing.publishedOn === latest.publishedOn && assessing.id > latest.id)
            ) {
              latest = assessing;
              rec.currentStatus = status;
            }
          }
          const inferred = random.chance(0.15);
          const lineStart = random.int(40, 1400);
          assessments.push({
            id: 0,
            recommendationId: rec.id,
            assessingReportId: assessing.id,
            status,
            quote: quoteText(
              random,
              status,
              textTopic,
              yearOf(assessing.publishedOn) - random.int(0, 2),
            ),
            lineStart,
            lineEnd: lineStart + random.int(0, 2),
            location: random.chance(0.4)
              ? `footnote ${random.int(20, 240)}`
              : `Section ${random.pick(['III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI'])}. ${TOPIC_MIX[textTopic][1]}, paragraph ${random.int(1, 14)}`,
            basis: inferred ? 'inferred' : 'explicit',
            confidence: inferred
              ? random.weighted([
                  ['high', 30],
                  ['medium', 50],
                  ['low', 20],
                ])
              : null,
            note: inferred
              ? fill(random.pick(INFERENCE_NOTES), random, {
                  subject: random.pick(TOPIC_PHRASES[textTopic].subject),
                })
              : null,
          });
        }
      }
    }
  }
  assessments.forEach((a, i) => {
    a.id = i + 1;
  });
  return { scale, countries, topics, elections, reports, recommendations, assessments, links };
}

function nextState(random, state) {
  if (state === null) {
    return random.weighted([
      ['not_implemented', 50],
      ['partially_implemented', 30],
      ['mostly_implemented', 8],
      ['fully_implemented', 6],
      ['no_longer_applicable', 3],
    ]);
  }
  if (state === 'no_longer_applicable') return state;
  const i = STATUS_SCALE.indexOf(state);
  const move = random.weighted([
    ['stay', 60],
    ['forward', 28],
    ['back', 8],
    ['gone', 4],
  ]);
  if (move === 'gone') return 'no_longer_applicable';
  if (move === 'forward') return STATUS_SCALE[Math.min(i + 1, STATUS_SCALE.length - 1)];
  if (move === 'back') return STATUS_SCALE[Math.max(i - 1, 0)];
  return state;
}

// --- loading --------------------------------------------------------------------------------

function migrationTags() {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8'));
  return journal.entries.map((entry) => entry.tag);
}

/** What the database comment records: a reload happens whenever any of it differs. */
function marker(scale) {
  const identity = {
    generator: 'tracker-bench',
    version: GENERATOR_VERSION,
    seed: SEED,
    scale,
    migrations: migrationTags(),
  };
  return {
    ...identity,
    key: createHash('sha1').update(JSON.stringify(identity)).digest('hex').slice(0, 16),
  };
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The loaded data set's description, when the database exists and was loaded by this generator. */
async function existingDataset(admin, name, wanted) {
  const { rows } = await admin.query(
    `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
    [name],
  );
  if (rows.length === 0) return { exists: false };
  try {
    const loaded = JSON.parse(rows[0].comment ?? '');
    if (loaded.key === wanted.key) return { exists: true, loaded };
  } catch {
    // No comment, or not ours: load again.
  }
  return { exists: true };
}

/**
 * Makes sure `tracker_bench_<scale>x` holds this generator's data set; loads it when not.
 * Resolves with the database's URL and what it holds.
 */
export async function ensureDataset({
  scale,
  force = false,
  serverUrl = DEFAULT_SERVER_URL,
  log = console.log,
}) {
  const name = benchDatabaseName(scale);
  const url = databaseUrl(name, serverUrl);
  const wanted = marker(scale);
  const existing = await withClient(serverUrl, (admin) => existingDataset(admin, name, wanted));
  if (existing.loaded && !force) {
    log(`${name}: reusing the loaded data set (loaded in ${existing.loaded.loadSeconds} s)`);
    return { url, name, reused: true, ...existing.loaded };
  }

  const started = performance.now();
  await withClient(serverUrl, async (admin) => {
    if (!/^tracker_bench_[0-9]+x$/.test(name)) throw new Error(`refusing to drop ${name}`);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  });
  const handle = await openDatabase({ url, poolSize: 1 });
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
  const migrated = performance.now();

  const data = generateDataset(scale);
  const generated = performance.now();
  log(
    `${name}: generated ${data.recommendations.length} recommendations, ${data.assessments.length} assessments in ${((generated - migrated) / 1000).toFixed(1)} s`,
  );

  const counts = await withClient(url, (client) => load(client, data, log));
  const loadSeconds = Math.round((performance.now() - started) / 100) / 10;
  const description = { ...wanted, counts, loadSeconds, loadedAt: new Date().toISOString() };
  await withClient(serverUrl, (admin) =>
    admin.query(`comment on database ${name} is ${pg.escapeLiteral(JSON.stringify(description))}`),
  );
  log(
    `${name}: loaded in ${loadSeconds} s (migrate ${((migrated - started) / 1000).toFixed(1)} s, generate ${((generated - migrated) / 1000).toFixed(1)} s, copy/index/analyze the rest)`,
  );
  return { url, name, reused: false, ...description };
}

async function load(client, data, log) {
  const step = async (label, fn) => {
    const t = performance.now();
    const result = await fn();
    log(`  ${label.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`);
    return result;
  };
  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '512MB'`);
  // The triggers that keep derived columns (current status, the report date, the dates and latest
  // assessment of migration 0006) would run queries per row; they are dropped for the load and
  // their work done set-wise below (the generator writes the report date itself). Dropped, not
  // disabled: while a table has a BEFORE UPDATE row trigger, even a disabled one, PostgreSQL
  // recomputes the stored search_vector of every row an UPDATE touches. Read from the catalogue,
  // so that triggers added by later migrations are re-created too (with the change notifications
  // of 0004, which nobody listens to yet).
  const { rows: triggers } = await client.query(`
    select t.tgname, t.tgrelid::regclass::text as tablename, pg_get_triggerdef(t.oid) as definition
    from pg_trigger t
    where not t.tgisinternal
      and t.tgrelid in ('recommendations'::regclass, 'assessments'::regclass,
        'recommendation_links'::regclass)`);
  for (const trigger of triggers) {
    await client.query(`drop trigger ${trigger.tgname} on ${trigger.tablename}`);
  }
  // Secondary indexes (the GIN text index above all) are built once after the load, which is
  // several times faster than maintaining them row by row. Read from the catalogue, so that
  // indexes added by later migrations are rebuilt too; primary keys stay (foreign keys use them).
  // The links' indexes stay too: fill_derived_columns walks every lineage link by link through
  // them (without, the walk of 100,000 recommendations read the whole table at every step).
  const { rows: deferredIndexes } = await client.query(`
    select i.indexname, i.indexdef from pg_indexes i
    join pg_class c on c.relname = i.indexname
    join pg_index x on x.indexrelid = c.oid
    where i.schemaname = 'public' and not x.indisprimary
      and i.tablename in ('recommendations', 'recommendation_search', 'assessments',
        'history_entries')`);
  for (const index of deferredIndexes) await client.query(`drop index ${index.indexname}`);

  await step('countries, topics, users', async () => {
    await copyRows(
      client,
      'countries',
      ['id', 'code', 'name'],
      data.countries.map((c) => [c.id, c.code, c.name]),
    );
    await copyRows(
      client,
      'topics',
      ['id', 'slug', 'name', 'position'],
      data.topics.map((t) => [t.id, t.slug, t.name, t.position]),
    );
    await copyRows(
      client,
      'users',
      ['id', 'email', 'display_name', 'role', 'password_hash', 'active'],
      [
        [1, 'adviser.one@example.org', 'Election Adviser One', 'admin', null, true],
        [2, 'adviser.two@example.org', 'Election Adviser Two', 'editor', null, true],
        [3, 'adviser.three@example.org', 'Election Adviser Three', 'editor', null, true],
      ],
    );
  });
  await step(`elections (${data.elections.length})`, () =>
    copyRows(
      client,
      'elections',
      [
        'id',
        'country_id',
        'kind',
        'held_on',
        'held_on_precision',
        'second_round_on',
        'early',
        'note',
      ],
      data.elections.map((e) => [
        e.id,
        e.countryId,
        e.kind,
        iso(e.heldOn),
        'day',
        e.secondRoundOn === null ? null : iso(e.secondRoundOn),
        e.early,
        e.note,
      ]),
    ),
  );
  await step(`reports (${data.reports.length})`, () =>
    copyRows(
      client,
      'reports',
      [
        'id',
        'slug',
        'election_id',
        'publisher',
        'kind',
        'title',
        'published_on',
        'published_on_precision',
        'source_url',
      ],
      data.reports.map((r) => [
        r.id,
        r.slug,
        r.electionId,
        r.publisher,
        r.kind,
        r.title,
        iso(r.publishedOn),
        r.precision,
        r.sourceUrl,
      ]),
    ),
  );
  await step(`recommendations (${data.recommendations.length})`, () =>
    copyRows(
      client,
      'recommendations',
      [
        'id',
        'report_id',
        'number',
        'position',
        'priority',
        'heading',
        'topic_id',
        'text',
        'source_line_start',
        'source_line_end',
        'location',
        'current_status',
        'report_published_on',
        'country_id',
      ],
      (function* () {
        for (const r of data.recommendations) {
          yield [
            r.id,
            r.reportId,
            r.number,
            r.position,
            r.priority,
            r.heading,
            r.topicId,
            r.text,
            r.lineStart,
            r.lineEnd,
            r.location,
            r.currentStatus,
            iso(r.report.publishedOn),
            r.report.election.countryId,
          ];
        }
      })(),
    ),
  );
  await step(`assessments (${data.assessments.length})`, () =>
    copyRows(
      client,
      'assessments',
      [
        'id',
        'recommendation_id',
        'assessing_report_id',
        'status',
        'quote',
        'source_line_start',
        'source_line_end',
        'location',
        'basis',
        'confidence',
        'note',
      ],
      (function* () {
        for (const a of data.assessments) {
          yield [
            a.id,
            a.recommendationId,
            a.assessingReportId,
            a.status,
            a.quote,
            a.lineStart,
            a.lineEnd,
            a.location,
            a.basis,
            a.confidence,
            a.note,
          ];
        }
      })(),
    ),
  );
  await step(`recommendation_links (${data.links.length})`, () =>
    copyRows(
      client,
      'recommendation_links',
      ['id', 'later_recommendation_id', 'earlier_recommendation_id', 'kind', 'confidence', 'note'],
      data.links.map((l) => [l.id, l.later, l.earlier, l.kind, l.confidence, l.note]),
    ),
  );

  // The generator already knows each current status; this is the trigger's rule applied once
  // to all rows, so the stored column is right even if the two ever disagree (it reports how
  // many it had to correct: 0 expected).
  const corrected = await step('current_status (one UPDATE)', async () => {
    // Statistics first: without them the planner picks nested loops over 300,000 rows.
    await client.query('analyze recommendations, assessments, reports, recommendation_links');
    const result = await client.query(`
      update recommendations r set current_status = coalesce(x.status, 'not_assessed')
      from recommendations r2
      left join (
        select distinct on (a.recommendation_id) a.recommendation_id as id, a.status
        from assessments a join reports rp on rp.id = a.assessing_report_id
        where rp.kind <> 'third_party'
        order by a.recommendation_id, rp.published_on desc, rp.id desc
      ) x on x.id = r2.id
      where r2.id = r.id and r.current_status is distinct from coalesce(x.status, 'not_assessed')`);
    return result.rowCount;
  });
  if (corrected > 0) log(`  (current_status corrected on ${corrected} rows)`);
  // Latest assessment, open since and closed on: the migration's own set-wise fill (which then
  // copies every recommendation to the search's copy, recommendation_search).
  await step('derived columns (fill_derived_columns)', () =>
    client.query('select fill_derived_columns()'),
  );
  for (const trigger of triggers) await client.query(trigger.definition);

  await step('history entries', () => insertHistory(client));
  await step(`indexes (${deferredIndexes.length})`, async () => {
    for (const index of deferredIndexes) await client.query(index.indexdef);
  });
  await step('sequences', async () => {
    for (const table of [
      'countries',
      'topics',
      'users',
      'elections',
      'reports',
      'recommendations',
      'assessments',
      'recommendation_links',
      'history_entries',
    ]) {
      await client.query(
        `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`,
      );
    }
  });
  // The two whole-table UPDATEs above leave two dead versions of every recommendation, the table
  // 286 MB at 100x against 177 MB compacted, space no later write of a loaded database reuses: a
  // state only this loader makes. Compacted, the table is what the data alone takes.
  await step('vacuum full recommendations', () => client.query('vacuum (full) recommendations'));
  await step('vacuum analyze', () => client.query('vacuum (analyze)'));

  const { rows } = await client.query(`
    select (select count(*) from countries)::int as countries,
      (select count(*) from elections)::int as elections,
      (select count(*) from reports)::int as reports,
      (select count(*) from recommendations)::int as recommendations,
      (select count(*) from recommendations where priority)::int as "priorityRecommendations",
      (select count(*) from assessments)::int as assessments,
      (select count(*) from recommendation_links)::int as links,
      (select count(*) from history_entries)::int as "historyEntries",
      (select round(avg(length(text)))::int from recommendations) as "meanTextLength",
      (select max(depth) from (
        with recursive chain(id, depth) as (
          select l.later_recommendation_id, 1 from recommendation_links l
          where not exists (select 1 from recommendation_links x where x.later_recommendation_id = l.earlier_recommendation_id)
          union all
          select l.later_recommendation_id, c.depth + 1 from recommendation_links l join chain c on l.earlier_recommendation_id = c.id
        ) select depth from chain) d)::int as "longestLineageChain",
      pg_database_size(current_database())::bigint / 1048576 as "databaseMiB"`);
  return { ...rows[0], correctedStatuses: corrected };
}

/**
 * A `create` entry for every record (as the seed loader writes them, camelCase `after`), and
 * `update` entries for a few per cent of recommendations and assessments (editors correcting
 * topics and statuses), spread over two years. Written by the database from the loaded rows.
 */
async function insertHistory(client) {
  const reason = `'Synthetic benchmark data set (seed ${SEED})'`;
  const at = (n) => `timestamptz '2024-01-01 00:00:00+00' + (${n}) * interval '1 minute'`;
  await client.query(`
    insert into history_entries (entity_type, entity_id, action, changed_at, user_id, reason, before, after)
    select 'country', c.id, 'create', ${at('c.id')}, null, ${reason}, null,
      jsonb_build_object('id', c.id, 'code', c.code, 'name', c.name, 'version', c.version)
    from countries c order by c.id`);
  await client.query(`
    insert into history_entries (entity_type, entity_id, action, changed_at, user_id, reason, before, after)
    select 'election', e.id, 'create', ${at('100 + e.id')}, null, ${reason}, null,
      jsonb_build_object('id', e.id, 'countryId', e.country_id, 'kind', e.kind, 'heldOn', e.held_on,
        'heldOnPrecision', e.held_on_precision, 'secondRoundOn', e.second_round_on, 'early', e.early,
        'note', e.note, 'version', e.version)
    from elections e order by e.id`);
  await client.query(`
    insert into history_entries (entity_type, entity_id, action, changed_at, user_id, reason, before, after)
    select 'report', rp.id, 'create', ${at('10000 + rp.id')}, null, ${reason}, null,
      jsonb_build_object('id', rp.id, 'slug', rp.slug, 'electionId', rp.election_id, 'publisher', rp.publisher,
        'kind', rp.kind, 'title', rp.title, 'publishedOn', rp.published_on,
        'publishedOnPrecision', rp.published_on_precision, 'sourceUrl', rp.source_url, 'version', rp.version)
    from reports rp order by rp.id`);
  await client.query(`
    insert into history_entries (entity_type, entity_id, action, changed_at, user_id, reason, before, after)
    select 'recommendation', r.id, 'create', ${at('30000 + r.id')}, null, ${reason}, null,
      jsonb_build_object('id', r.id, 'reportId', r.report_id, 'number', r.number, 'position', r.position,
        'priority', r.priority, 'heading', r.heading, 'topicId', r.topic_id, 'text', r.text,
        'sourceLineStart', r.source_line_start, 'sourceLineEnd', r.source_line_end,
        'location', r.location, 'currentStatus', r.current_status, 'version', r.version)
    from recommendations r order by r.id`);
  await client.query(`
    insert into history_entries (entity_type, entity_id, action, changed_at, user_id, reason, before, after)
    select 'assessment', a.id, 'create', ${at('300000 + a.id / 2')}, null, ${reason}, null,
      jsonb_build_object('id', a.id, 'recommendationId', a.recommendation_id,
        'assessingReportId', a.assessing_report_id, 'status', a.status, 'quote', a.quote,
        'sourceLineStart', a.source_line_start, 'sourceLineEnd', a.source_line_end,
        'location', a.location, 'basis', a.basis, 'confidence', a.confidence, 'note', a.note,
        'version', a.version)
    from assessments a order by a.id`);
  await client.query(`
    insert into history_entries (entity_type, entity_id, action, changed_at, user_id, reason, before, after)
    select 'recommendation_link', l.id, 'create', ${at('500000 + l.id')}, null, ${reason}, null,
      jsonb_build_object('id', l.id, 'laterRecommendationId', l.later_recommendation_id,
        'earlierRecommendationId', l.earlier_recommendation_id, 'kind', l.kind,
        'confidence', l.confidence, 'note', l.note, 'version', l.version)
    from recommendation_links l order by l.id`);
  // Edits: deterministic choices by id (every 23rd recommendation, every 37th assessment).
  await client.query(`
    insert into history_entries (entity_type, entity_id, action, changed_at, user_id, reason, before, after)
    select 'recommendation', r.id, 'update', ${at('600000 + r.id')}, 1 + r.id % 3,
      'Topic corrected after review', jsonb_build_object('topicId', 1 + (r.id % 17)),
      jsonb_build_object('topicId', r.topic_id)
    from recommendations r where r.id % 23 = 0 order by r.id`);
  await client.query(`
    insert into history_entries (entity_type, entity_id, action, changed_at, user_id, reason, before, after)
    select 'assessment', a.id, 'update', ${at('800000 + a.id / 4')}, 1 + a.id % 3,
      'Status checked against the source', jsonb_build_object('status', 'not_implemented'),
      jsonb_build_object('status', a.status)
    from assessments a where a.id % 37 = 0 and a.status <> 'not_implemented' order by a.id`);
}

// --- command line ---------------------------------------------------------------------------

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const scaleArg = args.indexOf('--scale');
  const scales = scaleArg >= 0 ? args[scaleArg + 1].split(',').map(Number) : [100];
  for (const scale of scales) {
    if (!Number.isInteger(scale) || scale < 1)
      throw new Error(`--scale: a positive integer, not ${scale}`);
    const result = await ensureDataset({ scale, force: args.includes('--force') });
    console.log(
      JSON.stringify({ database: result.name, loadSeconds: result.loadSeconds, ...result.counts }),
    );
  }
}
