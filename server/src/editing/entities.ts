import { eq, max } from 'drizzle-orm';
import { ensureTopicTaxonomy, schema, withoutDerivedColumns } from '@tracker/db';
import type { Transaction } from '@tracker/db';
import { TOPICS } from '@tracker/shared';
import type { TopicSlug, User } from '@tracker/shared';
import { ValidationProblem } from '../errors.js';
import { toUser } from '../repositories/accounts-repository.js';
import type { EditableEntity } from './record-editor.js';

/**
 * The records the editing API writes, each with how it is shown (the same shape in a 200 and in a
 * 409's `current`) and the checks a write needs beyond the schema's constraints.
 */

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
const timestamps = (row: Row) => ({ createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) });

export const electionEntity: EditableEntity<Row> = {
  name: 'election',
  label: 'election',
  table: schema.elections,
  present: async (row, tx) => {
    const [country] = await tx
      .select({ code: schema.countries.code })
      .from(schema.countries)
      .where(eq(schema.countries.id, row.countryId as number));
    const { countryId: _countryId, ...rest } = row;
    return { ...rest, countryCode: country?.code, ...timestamps(row) };
  },
};

export const reportEntity: EditableEntity<Row> = {
  name: 'report',
  label: 'report',
  table: schema.reports,
  present: (row) => ({ ...row, ...timestamps(row) }),
};

export const recommendationEntity: EditableEntity<Row> = {
  name: 'recommendation',
  label: 'recommendation',
  table: schema.recommendations,
  present: async (row, tx) => {
    const [topic] = row.topicId
      ? await tx
          .select({ slug: schema.topics.slug })
          .from(schema.topics)
          .where(eq(schema.topics.id, row.topicId as number))
      : [];
    const { topicId: _topicId, searchVector: _searchVector, ...rest } = withoutDerivedColumns(row);
    return { ...rest, topic: topic?.slug ?? null, ...timestamps(row) };
  },
};

export const assessmentEntity: EditableEntity<Row> = {
  name: 'assessment',
  label: 'assessment',
  table: schema.assessments,
  present: (row) => ({ ...row, ...timestamps(row) }),
};

export const linkEntity: EditableEntity<Row> = {
  name: 'recommendation_link',
  label: 'lineage link',
  table: schema.recommendationLinks,
  present: (row) => ({ ...row, ...timestamps(row) }),
};

export const userEntity: EditableEntity<User> = {
  name: 'user',
  label: 'user',
  table: schema.users,
  present: (row) => toUser(row as typeof schema.users.$inferSelect),
};

export async function countryIdOf(tx: Transaction, code: string): Promise<number> {
  const [country] = await tx
    .select({ id: schema.countries.id })
    .from(schema.countries)
    .where(eq(schema.countries.code, code));
  if (!country) {
    throw new ValidationProblem(`There is no country ${code}.`, [
      { path: 'body.countryCode', message: 'unknown country' },
    ]);
  }
  return country.id;
}

export async function topicIdOf(tx: Transaction, slug: TopicSlug | null): Promise<number | null> {
  if (slug === null) return null;
  // The taxonomy is fixed: a database started without the seed gets it on first use.
  const id = (await ensureTopicTaxonomy(tx)).get(slug);
  if (id === undefined)
    throw new Error(`topic ${slug} missing although it is one of ${TOPICS.length}`);
  return id;
}

/** The next position in a report, for a recommendation created without one. */
export async function nextPosition(tx: Transaction, reportId: number): Promise<number> {
  const [row] = await tx
    .select({ last: max(schema.recommendations.position) })
    .from(schema.recommendations)
    .where(eq(schema.recommendations.reportId, reportId));
  return (row?.last ?? 0) + 1;
}

/** Publication date of the report a recommendation belongs to, or of a report. */
async function publishedOn(
  tx: Transaction,
  where: { recommendationId?: number; reportId?: number },
) {
  const query = tx
    .select({ publishedOn: schema.reports.publishedOn })
    .from(schema.reports)
    .$dynamic();
  const [row] = where.recommendationId
    ? await query
        .innerJoin(schema.recommendations, eq(schema.recommendations.reportId, schema.reports.id))
        .where(eq(schema.recommendations.id, where.recommendationId))
    : await query.where(eq(schema.reports.id, where.reportId!));
  return row?.publishedOn;
}

/** A report can only judge recommendations issued before it. */
export async function checkAssessmentOrder(tx: Transaction, assessment: Row): Promise<void> {
  const issued = await publishedOn(tx, {
    recommendationId: assessment.recommendationId as number,
  });
  const assessed = await publishedOn(tx, { reportId: assessment.assessingReportId as number });
  // Missing records are left to the foreign keys, which answer 409.
  if (issued && assessed && assessed <= issued) {
    throw new ValidationProblem('The assessing report must be later than the recommendation.', [
      { path: 'body.assessingReportId', message: 'is not later than the recommendation’s report' },
    ]);
  }
}

/** The later recommendation of a lineage link must come from a later report. */
export async function checkLinkOrder(tx: Transaction, link: Row): Promise<void> {
  const later = await publishedOn(tx, { recommendationId: link.laterRecommendationId as number });
  const earlier = await publishedOn(tx, {
    recommendationId: link.earlierRecommendationId as number,
  });
  if (later && earlier && later <= earlier) {
    throw new ValidationProblem('The later recommendation must come from a later report.', [
      { path: 'body.laterRecommendationId', message: 'is not from a later report' },
    ]);
  }
}
