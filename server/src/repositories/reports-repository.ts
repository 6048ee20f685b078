import { eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { ensureTopicTaxonomy, queryRows, schema, sourceTextHash } from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';
import { PROBLEM_TYPES, searchWords } from '@tracker/shared';
import type {
  ImportCreated,
  importRequestSchema,
  ReportInput,
  reportPatchSchema,
  ReportRecord,
  ReportKey,
  ReportListQuery,
  ReportPage,
  ReportRef,
  ReportSource,
  ReportSummary,
} from '@tracker/shared';
import {
  countryRefJson,
  electionIdsByCountries,
  electionRefJson,
  countedPage,
  reportIdsByKeys,
  reportRefJson,
  whereAll,
} from './sql-fragments.js';
import type { Listing } from './sql-fragments.js';
import type { z } from 'zod';
import { HttpProblem, ValidationProblem } from '../errors.js';
import { electionKind } from './elections-repository.js';
import { recommendationKind } from './recommendations-repository.js';
import { insertVersioned, isoTimestamps, recordWrites, writeHistory } from './versioned-writes.js';
import type { Actor, Fields, VersionedKind } from './versioned-writes.js';

type ReportPatch = Fields<z.output<typeof reportPatchSchema>>;
type ImportBody = z.output<typeof importRequestSchema>;

export const reportKind: VersionedKind<typeof schema.reports, ReportRecord> = {
  entity: 'report',
  label: 'report',
  table: schema.reports,
  present: (row) => ({ ...row, ...isoTimestamps(row) }),
  // Its source text and dismissals go with a report (cascade): their last state stays in history.
  beforeDelete: async (tx, report, actor) => {
    const sources = await tx
      .select()
      .from(schema.reportSources)
      .where(eq(schema.reportSources.reportId, report.id));
    const dismissals = await tx
      .select()
      .from(schema.followUpDismissals)
      .where(eq(schema.followUpDismissals.reportId, report.id));
    for (const source of sources) {
      await writeHistory(tx, 'report_source', source.id, 'delete', actor, source, null);
    }
    for (const dismissal of dismissals) {
      await writeHistory(tx, 'follow_up_dismissal', dismissal.id, 'delete', actor, dismissal, null);
    }
  },
};

/** Countries are not otherwise editable; an import creates one when its code is new. */
export const countryKind: VersionedKind<typeof schema.countries, unknown> = {
  entity: 'country',
  label: 'country',
  table: schema.countries,
  present: (row) => row,
};

/** Publication date of the report a recommendation belongs to, or of a report. */
async function publishedOn(
  tx: Transaction,
  where: { recommendationId: number } | { reportId: number },
): Promise<string | undefined> {
  const query = tx
    .select({ publishedOn: schema.reports.publishedOn })
    .from(schema.reports)
    .$dynamic();
  const [row] =
    'recommendationId' in where
      ? await query
          .innerJoin(schema.recommendations, eq(schema.recommendations.reportId, schema.reports.id))
          .where(eq(schema.recommendations.id, where.recommendationId))
      : await query.where(eq(schema.reports.id, where.reportId));
  return row?.publishedOn;
}

type PublishedOnKey = Parameters<typeof publishedOn>[1];

/**
 * Refuses (400, naming `field`) when `later` was not published after `earlier`. Missing records
 * are left to the foreign keys, which answer 409.
 */
export async function checkPublishedAfter(
  tx: Transaction,
  later: PublishedOnKey,
  earlier: PublishedOnKey,
  problem: { detail: string; field: string; message: string },
): Promise<void> {
  const laterOn = await publishedOn(tx, later);
  const earlierOn = await publishedOn(tx, earlier);
  if (laterOn && earlierOn && laterOn <= earlierOn) {
    throw new ValidationProblem(problem.detail, [
      { path: `body.${problem.field}`, message: problem.message },
    ]);
  }
}

/** The election of an import: an existing one, or a new one (and its country when new). */
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
      await insertVersioned(tx, countryKind, { code: countryCode, name: countryName }, actor)
    ).id;
  }
  const row = await insertVersioned(tx, electionKind, { ...fields, countryId }, actor);
  return { id: row.id, created: true, countryCreated: country === undefined };
}

/**
 * Refuses (409, naming the report) an import whose text is already stored, or a second report of
 * the same kind for an existing election; `allowDuplicate` skips this. Third-party reports may be
 * many for one election: only their text is compared.
 */
async function refuseDuplicate(tx: Transaction, body: ImportBody, textHash: string) {
  const [sameText] = await queryRows<{ slug: string; title: string }>(
    tx,
    sql`select rp.slug, rp.title from report_sources s join reports rp on rp.id = s.report_id
        where s.text_hash = ${textHash} order by rp.id limit 1`,
  );
  if (sameText) {
    throw new HttpProblem(
      409,
      PROBLEM_TYPES.conflict,
      'Duplicate report',
      `This text is already stored as the report “${sameText.title}” (${sameText.slug}). Nothing was written; send allowDuplicate: true to save it again.`,
      {
        errors: [{ path: 'body.sourceText', message: 'already stored' }],
        current: sameText,
      },
    );
  }
  if (!('id' in body.election) || body.report.kind === 'third_party') return;
  const [sameKind] = await queryRows<{ slug: string; title: string }>(
    tx,
    sql`select rp.slug, rp.title from reports rp
        where rp.election_id = ${body.election.id} and rp.kind = ${body.report.kind}
        order by rp.id limit 1`,
  );
  if (sameKind) {
    throw new HttpProblem(
      409,
      PROBLEM_TYPES.conflict,
      'Duplicate report',
      `The election already has a report of this kind: “${sameKind.title}” (${sameKind.slug}). Nothing was written; send allowDuplicate: true to save a second one.`,
      {
        errors: [{ path: 'body.report.kind', message: 'the election already has one' }],
        current: sameKind,
      },
    );
  }
}

interface SummaryRow extends Omit<ReportSummary, keyof ReportRef> {
  ref: ReportRef;
}

/** Reports `rp` as `ReportSummary` rows; the counts use the indexes on report ids. */
const summarySelect = sql`
  select ${reportRefJson('rp')} as ref, rp.source_file as "sourceFile", rp.note,
    ${countryRefJson('c')} as country, ${electionRefJson('e')} as election,
    (select count(*)::int from recommendations r where r.report_id = rp.id) as "recommendationCount",
    (select count(*)::int from recommendations r where r.report_id = rp.id and r.priority) as "priorityCount",
    (select count(*)::int from assessments a where a.assessing_report_id = rp.id) as "assessmentCount",
    exists (select 1 from report_sources s where s.report_id = rp.id) as "hasSourceText"
  from reports rp
  join elections e on e.id = rp.election_id
  join countries c on c.id = e.country_id`;

/** The report list: the most recently published first. */
const reportListing: Listing = {
  from: sql`reports rp`,
  select: summarySelect,
  orderBy: sql`rp.published_on desc, rp.id desc`,
};

function toSummary({ ref, ...rest }: SummaryRow): ReportSummary {
  return { ...ref, ...rest };
}

function conditions(filter: Omit<ReportListQuery, 'page' | 'pageSize'>): SQL[] {
  const result: SQL[] = [];
  if (filter.country) result.push(sql`rp.election_id in ${electionIdsByCountries(filter.country)}`);
  if (filter.election) result.push(sql`rp.election_id in ${filter.election}`);
  if (filter.kind) result.push(sql`rp.kind in ${filter.kind}`);
  if (filter.year) {
    result.push(sql`extract(year from rp.published_on)::int in ${[...new Set(filter.year)]}`);
  }
  if (filter.id) result.push(sql`rp.id in ${reportIdsByKeys(filter.id)}`);
  if (filter.publishedAfter) result.push(sql`rp.published_on > ${filter.publishedAfter}::date`);
  if (filter.q) result.push(...searchWords(filter.q).map(wordCondition));
  return result;
}

/**
 * One word of a report search: in the title, slug or publisher, the country's name or code, or
 * the year of publication or of the election. A full scan of the reports (8,566 at OSCE scale)
 * takes a few milliseconds, so no index is kept for it.
 */
function wordCondition(word: string): SQL {
  const pattern = `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const year = /^\d{4}$/.test(word) ? Number(word) : undefined;
  return sql`(rp.title ilike ${pattern} or rp.slug ilike ${pattern}
    or rp.publisher ilike ${pattern}
    ${year === undefined ? sql`` : sql`or extract(year from rp.published_on)::int = ${year}`}
    or rp.election_id in (select xe.id from elections xe join countries xc on xc.id = xe.country_id
      where xc.name ilike ${pattern} or xc.code = ${word.toUpperCase()}
      ${year === undefined ? sql`` : sql`or extract(year from xe.held_on)::int = ${year}`}))`;
}

/** Lines of a text as the importer numbers them (split on any line break, from 1). */
function countLines(text: string): number {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length;
}

export function createReportsRepository(db: Database) {
  return {
    ...recordWrites(db, reportKind, {
      toValues: async (_tx, input: Fields<ReportInput>) => input,
      toChanges: async (_tx, changes: ReportPatch) => changes,
    }),

    /**
     * Saves an imported report: its election (and country) when new, the report, its source
     * text and its reviewed recommendations, in one transaction with a history entry per
     * record. A refusal anywhere leaves nothing written.
     */
    async importReport(body: ImportBody, userId: number): Promise<ImportCreated> {
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
        const textHash = sourceTextHash(body.sourceText);
        if (!body.allowDuplicate) await refuseDuplicate(tx, body, textHash);
        const topics = await ensureTopicTaxonomy(tx);
        const election = await resolveElection(tx, body.election, actor);
        const report = await insertVersioned(
          tx,
          reportKind,
          { ...body.report, electionId: election.id },
          actor,
        );
        const [source] = await tx
          .insert(schema.reportSources)
          .values({ reportId: report.id, text: body.sourceText, textHash, createdBy: userId })
          .returning();
        await writeHistory(tx, 'report_source', source!.id, 'create', actor, null, source);

        const recommendations: ImportCreated['recommendations'] = [];
        for (const [index, { topic, ...row }] of body.recommendations.entries()) {
          const created = await insertVersioned(
            tx,
            recommendationKind,
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
    },

    async list(query: ReportListQuery): Promise<ReportPage> {
      const where = whereAll(conditions(query));
      const { items, ...info } = await countedPage<SummaryRow>(db, reportListing, where, query);
      return { items: items.map(toSummary), ...info };
    },

    /** Whether a report with this id or slug exists. */
    async exists(key: string): Promise<boolean> {
      if (key.length === 0 || key.length > 200) return false;
      const rows = await queryRows(
        db,
        sql`select 1 from reports y where y.id in ${reportIdsByKeys([key])}`,
      );
      return rows.length > 0;
    },

    /** The stored text of a report by id or slug; null if the report is unknown or has none. */
    async findSource(key: ReportKey): Promise<ReportSource | null> {
      const [row] = await queryRows<Omit<ReportSource, 'lineCount'>>(
        db,
        sql`select rp.id as "reportId", rp.slug, rp.title, rp.source_url as "sourceUrl", s.text
            from reports rp join report_sources s on s.report_id = rp.id
            where rp.id in ${reportIdsByKeys([key])}`,
      );
      return row ? { ...row, lineCount: countLines(row.text) } : null;
    },

    /** A report by id or slug; null if unknown. */
    async findByKey(key: ReportKey): Promise<ReportSummary | null> {
      const [row] = await queryRows<SummaryRow>(
        db,
        sql`${summarySelect} where rp.id in ${reportIdsByKeys([key])}`,
      );
      return row ? toSummary(row) : null;
    },
  };
}
