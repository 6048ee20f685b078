import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { HistoryEntity } from '@tracker/shared';
import type { Database, Transaction } from '../connection.js';
import { withoutDerivedColumns } from '../derived-columns.js';
import {
  assessments,
  countries,
  elections,
  historyEntries,
  recommendationLinks,
  recommendations,
  reportSources,
  reports,
  topics,
} from '../schema/index.js';
import { SEED_SOURCES_DIR, loadDataset } from './dataset.js';
import { ensureTopicTaxonomy } from '../topic-taxonomy.js';
import { sourceTextHash } from '../source-text-hash.js';
import type { Dataset } from './dataset.js';

export interface SeedCounts {
  topics: number;
  elections: number;
  reports: number;
  recommendations: number;
  assessments: number;
  links: number;
}

/** What a seed run did: nothing (the database had data), or what it loaded. */
export type SeedResult = { seeded: false } | ({ seeded: true } & SeedCounts);

/**
 * Loads the fixed topic taxonomy and the seed data set, in one transaction, when the database has
 * no topics yet; run again, it changes nothing. Every record gets a `create` history entry that
 * names the data set, so the history shows where each record came from.
 */
export async function seedIfEmpty(
  db: Database,
  dataset: Dataset = loadDataset(),
): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    // Two servers starting together on one PostgreSQL must not both seed.
    await tx.execute(sql`lock table ${topics} in exclusive mode`);
    const [existing] = await tx.select({ count: sql<number>`count(*)::int` }).from(topics);
    if ((existing?.count ?? 0) > 0) return { seeded: false };
    return { seeded: true, ...(await insertDataset(tx, dataset)) };
  });
}

/** Inserts the rows and answers them as stored: none for no rows (an empty insert is an error). */
async function insertRows<Table extends PgTable>(
  tx: Transaction,
  table: Table,
  rows: Table['$inferInsert'][],
): Promise<Table['$inferSelect'][]> {
  if (rows.length === 0) return [];
  return (await tx
    .insert(table)
    .values(rows as never)
    .returning()) as Table['$inferSelect'][];
}

async function insertDataset(tx: Transaction, dataset: Dataset): Promise<SeedCounts> {
  const reason = `Seed data set: ${dataset.manifest.name}`;
  const history: (typeof historyEntries.$inferInsert)[] = [];
  const created = (entityType: HistoryEntity, rows: { id: number }[]) => {
    for (const row of rows) {
      history.push({ entityType, entityId: row.id, action: 'create', reason, after: row });
    }
  };

  const topicIds = await ensureTopicTaxonomy(tx);

  const { manifest } = dataset;
  const countryRows = await tx.insert(countries).values(manifest.country).returning();
  created('country', countryRows);
  const countryId = countryRows[0]!.id;

  const electionRows = await insertRows(
    tx,
    elections,
    manifest.elections.map(({ key: _key, ...election }) => ({ ...election, countryId })),
  );
  created('election', electionRows);
  const electionIds = new Map(manifest.elections.map((e, i) => [e.key, electionRows[i]!.id]));

  const reportRows = await insertRows(
    tx,
    reports,
    manifest.reports.map(({ election, ...report }) => ({
      ...report,
      electionId: electionIds.get(election)!,
    })),
  );
  created('report', reportRows);
  const reportIds = new Map(reportRows.map((row) => [row.slug, row.id]));
  await insertSourceTexts(tx, reportRows);

  const recommendationRows = await insertRows(
    tx,
    recommendations,
    dataset.recommendations.map((item) => ({
      reportId: reportIds.get(item.report)!,
      number: item.number,
      position: item.position,
      priority: item.priority,
      heading: item.heading,
      topicId: item.topic ? topicIds.get(item.topic)! : null,
      text: item.text,
      sourceLineStart: item.lineStart,
      sourceLineEnd: item.lineEnd,
      location: item.location,
    })),
  );
  created(
    'recommendation',
    recommendationRows.map(
      ({
        searchVector: _searchVector,
        reportPublishedOn: _reportPublishedOn,
        countryId: _countryId,
        ...row
      }) => withoutDerivedColumns(row),
    ),
  );
  const recommendationIds = new Map(
    dataset.recommendations.map((item, i) => [
      `${item.report}#${item.number}`,
      recommendationRows[i]!.id,
    ]),
  );
  const idOf = (ref: { report: string; number: string }) =>
    recommendationIds.get(`${ref.report}#${ref.number}`)!;

  const assessmentRows = await insertRows(
    tx,
    assessments,
    dataset.assessments.map((item) => ({
      recommendationId: idOf(item.recommendation),
      assessingReportId: reportIds.get(item.assessingReport)!,
      status: item.status,
      quote: item.quote,
      sourceLineStart: item.lineStart,
      sourceLineEnd: item.lineEnd,
      location: item.location,
      basis: item.basis,
      confidence: item.confidence,
      note: item.note,
    })),
  );
  created('assessment', assessmentRows);

  const linkRows = await insertRows(
    tx,
    recommendationLinks,
    dataset.links.map((link) => ({
      laterRecommendationId: idOf(link.later),
      earlierRecommendationId: idOf(link.earlier),
      kind: link.kind,
      confidence: link.confidence,
      note: link.note,
    })),
  );
  created('recommendation_link', linkRows);

  // Written in chunks: one statement per record would be slow, one for all may exceed limits.
  for (let start = 0; start < history.length; start += 500) {
    await tx.insert(historyEntries).values(history.slice(start, start + 500));
  }
  return {
    topics: topicIds.size,
    elections: electionRows.length,
    reports: reportRows.length,
    recommendations: recommendationRows.length,
    assessments: assessmentRows.length,
    links: linkRows.length,
  };
}

/**
 * The texts of the seed reports that have one in the sources folder, so that follow-up
 * suggestions work for them as for imported reports. Line numbers of the data set refer to them.
 */
async function insertSourceTexts(
  tx: Transaction,
  reportRows: { id: number; sourceFile: string | null }[],
) {
  const values = reportRows
    .filter((row) => row.sourceFile && existsSync(join(SEED_SOURCES_DIR, row.sourceFile)))
    .map((row) => {
      const text = readFileSync(join(SEED_SOURCES_DIR, row.sourceFile!), 'utf8');
      return { reportId: row.id, text, textHash: sourceTextHash(text) };
    });
  if (values.length > 0) await tx.insert(reportSources).values(values);
}
