import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, schema } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { PgTable } from 'drizzle-orm/pg-core';

type ReportInsert = typeof schema.reports.$inferInsert;
type RecommendationInsert = typeof schema.recommendations.$inferInsert;
type AssessmentInsert = typeof schema.assessments.$inferInsert;
type HistoryEntry = typeof schema.historyEntries.$inferSelect;

/** Inserts one row and answers it as stored. */
async function insertOne<Table extends PgTable>(
  db: Database,
  table: Table,
  values: Table['$inferInsert'],
): Promise<Table['$inferSelect']> {
  const [row] = await db
    .insert(table)
    .values(values as never)
    .returning();
  return row as Table['$inferSelect'];
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A country and an election to hang reports on; codes are unique per call. */
export async function insertElection(db: Database) {
  const code = String.fromCharCode(65 + (counter % 26), 65 + ((counter++ >> 5) % 26));
  const [country] = await db
    .insert(schema.countries)
    .values({ code, name: `Country ${code}` })
    .onConflictDoUpdate({ target: schema.countries.code, set: { name: `Country ${code}` } })
    .returning();
  return insertOne(db, schema.elections, {
    countryId: country!.id,
    kind: 'parliamentary',
    heldOn: `20${10 + (counter % 80)}-0${1 + (counter % 9)}-1${counter % 10}`,
  });
}

export async function insertReport(
  db: Database,
  values: Partial<ReportInsert> & Pick<ReportInsert, 'electionId'>,
) {
  return insertOne(db, schema.reports, {
    slug: `report-${unique()}`,
    publisher: 'ODIHR',
    kind: 'final_report',
    title: 'Final Report',
    publishedOn: '2019-10-04',
    ...values,
  });
}

export async function insertRecommendation(
  db: Database,
  values: Partial<RecommendationInsert> & Pick<RecommendationInsert, 'reportId'>,
) {
  return insertOne(db, schema.recommendations, {
    number: '1',
    position: 1,
    text: 'The law should be amended.',
    ...values,
  });
}

export async function insertAssessment(
  db: Database,
  values: Partial<AssessmentInsert> &
    Pick<AssessmentInsert, 'recommendationId' | 'assessingReportId' | 'status'>,
) {
  return insertOne(db, schema.assessments, {
    quote: 'The recommendation remains unaddressed.',
    basis: 'explicit',
    ...values,
  });
}

/**
 * One new ODIHR report of `electionId` per quote, dated a day apart from `firstOn` on, each
 * assessing the recommendation with its quote: hundreds in one statement. Answers the assessments'
 * ids, ascending.
 */
export async function assessByNewReports(
  db: Database,
  {
    recommendationId,
    electionId,
    quotes,
    firstOn = '2017-01-01',
  }: {
    recommendationId: number;
    electionId: number;
    quotes: string[];
    firstOn?: string;
  },
): Promise<number[]> {
  const prefix = `assessing-${unique()}-`;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with quotes as (
        select quote, n from jsonb_array_elements_text(${JSON.stringify(quotes)}::jsonb)
          with ordinality q(quote, n)
      ), later as (
        insert into reports (election_id, slug, publisher, kind, title, published_on)
        select ${electionId}::int, ${prefix} || n, 'ODIHR', 'final_report', 'Final Report',
          ${firstOn}::date + n::int
        from quotes
        returning id, slug
      )
      insert into assessments (recommendation_id, assessing_report_id, status, basis, quote)
      select ${recommendationId}::int, later.id, 'not_implemented', 'explicit', quotes.quote
      from quotes join later on later.slug = ${prefix} || quotes.n
      returning id`,
  );
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

/** A recommendation as stored, with the columns the triggers derive. */
export async function storedRecommendation(db: Database, id: number) {
  const [row] = await db
    .select()
    .from(schema.recommendations)
    .where(eq(schema.recommendations.id, id));
  return row!;
}

/** The id of a report, by its slug. */
export async function reportIdOf(db: Database, slug: string): Promise<number> {
  const [row] = await db
    .select({ id: schema.reports.id })
    .from(schema.reports)
    .where(eq(schema.reports.slug, slug));
  return row!.id;
}

/** The id of a recommendation, by its report's slug and its number in that report. */
export async function recommendationIdOf(
  db: Database,
  slug: string,
  number: string,
): Promise<number> {
  const [row] = await db
    .select({ id: schema.recommendations.id })
    .from(schema.recommendations)
    .innerJoin(schema.reports, eq(schema.reports.id, schema.recommendations.reportId))
    .where(and(eq(schema.reports.slug, slug), eq(schema.recommendations.number, number)));
  return row!.id;
}

/** A record's history entries (only those of `action`, if given), oldest first. */
export function historyOf(
  db: Database,
  entityType: HistoryEntry['entityType'],
  entityId: number,
  action?: HistoryEntry['action'],
) {
  return db
    .select()
    .from(schema.historyEntries)
    .where(
      and(
        eq(schema.historyEntries.entityType, entityType),
        eq(schema.historyEntries.entityId, entityId),
        action ? eq(schema.historyEntries.action, action) : undefined,
      ),
    )
    .orderBy(asc(schema.historyEntries.id));
}
