import { eq } from 'drizzle-orm';
import { ensureTopicTaxonomy, schema } from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';
import { PROBLEM_TYPES } from '@tracker/shared';
import type { ImportCreated, importRequestSchema } from '@tracker/shared';
import type { z } from 'zod';
import { HttpProblem, ValidationProblem } from '../errors.js';
import { electionEntity, recommendationEntity, reportEntity } from './entities.js';
import { insertRecord } from './record-editor.js';
import type { Actor, EditableEntity } from './record-editor.js';

/**
 * Saves an imported report: its election (and country) when new, the report, its source text and
 * its reviewed recommendations, in one transaction with a history entry per record. A refusal
 * anywhere leaves nothing written.
 */

type ImportBody = z.output<typeof importRequestSchema>;

/** Countries are not otherwise editable; an import creates one when its code is new. */
const countryEntity: EditableEntity<Record<string, unknown>> = {
  name: 'country',
  label: 'country',
  table: schema.countries,
  present: (row) => row,
};

async function resolveElection(
  tx: Transaction,
  election: ImportBody['election'],
  actor: Actor,
): Promise<{ id: number; created: boolean; countryCreated: boolean }> {
  if ('id' in election) {
    const [row] = await tx
      .select({ id: schema.elections.id })
      .from(schema.elections)
      .where(eq(schema.elections.id, election.id));
    if (!row) {
      throw new ValidationProblem(`There is no election ${election.id}.`, [
        { path: 'body.election.id', message: 'unknown election' },
      ]);
    }
    return { id: row.id, created: false, countryCreated: false };
  }
  const { countryCode, countryName, ...fields } = election;
  const [country] = await tx
    .select({ id: schema.countries.id })
    .from(schema.countries)
    .where(eq(schema.countries.code, countryCode));
  let countryId = country?.id;
  if (countryId === undefined) {
    if (!countryName) {
      throw new ValidationProblem(
        `Country ${countryCode} is not in the database yet: give its name to create it.`,
        [
          {
            path: 'body.election.countryName',
            message: `required for the new country ${countryCode}`,
          },
        ],
      );
    }
    countryId = (
      await insertRecord(tx, countryEntity, { code: countryCode, name: countryName }, actor)
    ).id;
  }
  const row = await insertRecord(tx, electionEntity, { ...fields, countryId }, actor);
  return { id: row.id, created: true, countryCreated: country === undefined };
}

export async function importReport(
  db: Database,
  body: ImportBody,
  userId: number,
): Promise<ImportCreated> {
  const actor: Actor = {
    userId,
    reason: body.reason ?? `Imported with report ${body.report.slug}`,
  };
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: schema.reports.id })
      .from(schema.reports)
      .where(eq(schema.reports.slug, body.report.slug));
    if (existing) {
      throw new HttpProblem(
        409,
        PROBLEM_TYPES.conflict,
        'Conflict',
        `There is already a report ${body.report.slug} (id ${existing.id}). Nothing was written.`,
        { errors: [{ path: 'body.report.slug', message: 'already exists' }] },
      );
    }
    const topics = await ensureTopicTaxonomy(tx);
    const election = await resolveElection(tx, body.election, actor);
    const report = await insertRecord(
      tx,
      reportEntity,
      { ...body.report, electionId: election.id },
      actor,
    );
    await tx
      .insert(schema.reportSources)
      .values({ reportId: report.id, text: body.sourceText, createdBy: userId });

    const recommendations: ImportCreated['recommendations'] = [];
    for (const [index, { topic, ...row }] of body.recommendations.entries()) {
      const created = await insertRecord(
        tx,
        recommendationEntity,
        {
          ...row,
          reportId: report.id,
          position: index + 1,
          topicId: topic === null ? null : topics.get(topic),
        },
        actor,
      );
      recommendations.push({ id: created.id, number: row.number });
    }
    return {
      report: { id: report.id, slug: body.report.slug },
      election: { id: election.id, created: election.created },
      countryCreated: election.countryCreated,
      recommendations,
    };
  });
}
