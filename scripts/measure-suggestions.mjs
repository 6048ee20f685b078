// Measures the follow-up suggestions' candidates on the seed data: for each follow-up sentence the
// seed assessments quote, is a right recommendation (one the seed assesses with that quote) among
// the top 3 candidates? Prints the figure for the former ranking (PostgreSQL full-text ts_rank, kept
// here as the baseline) and the current one (server/src/repositories/suggestions-repository.ts),
// and the score distributions of right and wrong candidates, from which the pre-selection threshold
// is chosen. Run: `tsc -b server && node scripts/measure-suggestions.mjs` (in-memory PGlite).
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, seedIfEmpty } from '@tracker/db';
import { readFileSync } from 'node:fs';
import {
  PRESELECT_THRESHOLD,
  createSuggestionsRepository,
} from '../server/dist/repositories/suggestions-repository.js';

const TOP = 3;
const assessments = JSON.parse(
  readFileSync(new URL('../db/seed/kazakhstan/assessments.json', import.meta.url), 'utf8'),
);

const database = await openDatabase({});
await migrateDatabase(database);
await seedIfEmpty(database.db);
const db = database.db;

const recommendationIds = new Map(
  (
    await queryRows(
      db,
      sql`select r.id, rp.slug, r.number from recommendations r join reports rp on rp.id = r.report_id`,
    )
  ).map((row) => [`${row.slug}#${row.number}`, row.id]),
);
const reports = new Map(
  (
    await queryRows(
      db,
      sql`select rp.slug, e.country_id as "countryId", rp.published_on::text as "publishedOn"
        from reports rp join elections e on e.id = rp.election_id`,
    )
  ).map((row) => [row.slug, row]),
);

/** The ranking before this change: ts_rank of the sentence's lexemes ORed, any earlier report. */
async function formerTop(text, report) {
  return queryRows(
    db,
    sql`with q as (select (select to_tsquery('simple', string_agg(quote_literal(u.lexeme), ' | '))
          from unnest(to_tsvector('english', ${text}::text)) as u
          where strpos(u.lexeme, chr(39)) = 0 and strpos(u.lexeme, chr(92)) = 0) as query)
      select r.id, round(ts_rank(r.search_vector, q.query, 1)::numeric, 4)::float8 as score
      from q, recommendations r
      join reports rp on rp.id = r.report_id
      join elections e on e.id = rp.election_id
      where q.query is not null and r.search_vector @@ q.query
        and e.country_id = ${report.countryId}
        and rp.published_on < ${report.publishedOn}::date
      order by score desc, rp.published_on desc, r.position
      limit ${TOP}`,
  );
}

// The follow-up sentences: one per assessing report and quote, with its right recommendations.
const sentences = new Map();
for (const a of assessments) {
  const key = `${a.assessingReport}\u0000${a.quote}`;
  const entry = sentences.get(key) ?? { report: a.assessingReport, quote: a.quote, right: [] };
  entry.right.push(recommendationIds.get(`${a.recommendation.report}#${a.recommendation.number}`));
  sentences.set(key, entry);
}

const suggestions = createSuggestionsRepository(db);
const rankers = new Map();
const result = {
  former: 0,
  current: 0,
  odihrFormer: 0,
  odihrCurrent: 0,
  currentAll: 0,
  rightTotal: 0,
};
const rightScores = [];
const wrongScores = [];
for (const sentence of sentences.values()) {
  const report = reports.get(sentence.report);
  const former = await formerTop(sentence.quote, report);
  if (!rankers.has(sentence.report)) {
    rankers.set(
      sentence.report,
      await suggestions.followUpRanker({
        countryId: report.countryId,
        publishedBefore: report.publishedOn,
      }),
    );
  }
  const rank = rankers.get(sentence.report);
  const current = rank(sentence.quote, TOP);
  const all = rank(sentence.quote, 10_000);
  const hit = (rows) => rows.some((row) => sentence.right.includes(row.id));
  if (hit(former)) result.former += 1;
  if (hit(current)) result.current += 1;
  if (sentence.report !== 'kz-2021-iphr-briefing') {
    if (hit(former)) result.odihrFormer += 1;
    if (hit(current)) result.odihrCurrent += 1;
  }
  // Stricter: every right recommendation among the top max(3, number of right ones).
  const wide = rank(sentence.quote, Math.max(TOP, sentence.right.length)).map((row) => row.id);
  result.currentAll += sentence.right.filter((id) => wide.includes(id)).length;
  result.rightTotal += sentence.right.length;
  for (const row of all) {
    if (sentence.right.includes(row.id)) rightScores.push(row.score);
  }
  for (const row of current) if (!sentence.right.includes(row.id)) wrongScores.push(row.score);
  console.log(
    `${hit(current) ? 'hit ' : 'MISS'} ${hit(former) ? 'hit ' : 'MISS'} ${sentence.report} ` +
      `${sentence.quote.slice(0, 70)}… right=${sentence.right.length} ` +
      `top=${current.map((row) => `${row.report.slug}#${row.number}:${row.score}`).join(' ')}`,
  );
}
await database.close();

const share = (n, total) => `${n}/${total} = ${((100 * n) / total).toFixed(1)}%`;
const quantiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return sorted.length === 0
    ? 'none'
    : `n=${sorted.length} min=${sorted[0]} p10=${at(0.1)} p25=${at(0.25)} median=${at(0.5)} p75=${at(0.75)} max=${sorted.at(-1)}`;
};
const odihr = [...sentences.values()].filter((s) => s.report !== 'kz-2021-iphr-briefing');
console.log(`\nfollow-up sentences: ${sentences.size}`);
console.log(
  `a right recommendation in the top ${TOP}, before (ts_rank): ${share(result.former, sentences.size)}`,
);
console.log(
  `a right recommendation in the top ${TOP}, after (TF-IDF + numbers): ${share(result.current, sentences.size)}`,
);
console.log(
  `the same for the ${odihr.length} sentences of ODIHR reports: before ${share(result.odihrFormer, odihr.length)}, after ${share(result.odihrCurrent, odihr.length)}`,
);
console.log(
  `every right recommendation in the top max(3, n), after: ${share(result.currentAll, result.rightTotal)}`,
);
console.log(`scores of right candidates (any rank): ${quantiles(rightScores)}`);
console.log(`scores of wrong candidates in the top ${TOP}: ${quantiles(wrongScores)}`);
for (const t of [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]) {
  console.log(
    `threshold ${t}: right candidates at or above ${rightScores.filter((s) => s >= t).length}/${rightScores.length}, wrong top-${TOP} candidates at or above ${wrongScores.filter((s) => s >= t).length}/${wrongScores.length}`,
  );
}
console.log(
  `(of which sentences of ODIHR reports: ${odihr.length}; the third-party briefing's quotes are observations mapped by an editor, not follow-up statements)`,
);
console.log(
  `pre-selection threshold ${PRESELECT_THRESHOLD}: right at or above ${rightScores.filter((s) => s >= PRESELECT_THRESHOLD).length}/${rightScores.length}, wrong top-${TOP} at or above ${wrongScores.filter((s) => s >= PRESELECT_THRESHOLD).length}/${wrongScores.length}`,
);
