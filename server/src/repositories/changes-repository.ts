import { getTableColumns, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import {
  CHANGE_REFERENCE_FIELDS,
  CHANGE_REFERENCE_KINDS,
  PRIVATE_HISTORY_ENTITIES,
  PROBLEM_TYPES,
  isReviewedWrite,
} from '@tracker/shared';
import type {
  Change,
  ChangeFeedQuery,
  ChangeListQuery,
  ChangePage,
  ChangeReferenceKind,
  ChangeReferences,
  HistoryEntity,
} from '@tracker/shared';
import { HttpProblem, NotFoundError } from '../errors.js';
import { assessmentKind } from './assessments-repository.js';
import { electionKind } from './elections-repository.js';
import { linkKind } from './recommendation-links-repository.js';
import { recommendationKind } from './recommendations-repository.js';
import { countryKind, reportKind } from './reports-repository.js';
import { countedPage, isoUtc, whereAll } from './sql-fragments.js';
import type { Listing } from './sql-fragments.js';
import { deleteVersioned, updateVersioned } from './versioned-writes.js';
import type { VersionedKind, VersionedTable } from './versioned-writes.js';

/**
 * Only public records' history: user accounts (e-mail, role), source texts (megabytes each) and
 * dismissals (editor-only) have history entries that never leave the server.
 */
const PUBLIC_ONLY = sql`h.entity_type not in (${sql.join(
  PRIVATE_HISTORY_ENTITIES.map((entity) => sql`${entity}`),
  sql`, `,
)})`;

function conditions(filter: Omit<ChangeListQuery, 'page' | 'pageSize'>): SQL[] {
  const result: SQL[] = [PUBLIC_ONLY];
  if (filter.entityType) result.push(sql`h.entity_type = ${filter.entityType}`);
  if (filter.entityId !== undefined) result.push(sql`h.entity_id = ${filter.entityId}`);
  return result;
}

/** One change as a feed shows it: with names for the record, its recommendation and country. */
export interface FeedChange {
  id: number;
  entityType: Change['entityType'];
  entityId: number;
  action: Change['action'];
  changedAt: string;
  userName: string | null;
  /** Who proposed the change, when review was required and `userName` approved it. */
  proposerName: string | null;
  reason: string | null;
  /** The fields an update changed, or the record's fields for a creation or deletion. */
  fields: string[];
  /** The record in words: `recommendation 3 of kz-2019-final`, `report “…”`. */
  label: string | null;
  /** The recommendation the change concerns (itself, or the one assessed or linked). */
  recommendationId: number | null;
  countryName: string | null;
}

/**
 * The recommendation (`rid`) and country (`cid`) each history entry concerns, read from the
 * records as they are now (a deleted record's entry falls back on its stored fields).
 */
const feedScope = sql`
  left join lateral (
    select case h.entity_type
      when 'recommendation' then h.entity_id
      when 'assessment' then coalesce(
        (select a.recommendation_id from assessments a where a.id = h.entity_id),
        (coalesce(h.before, h.after) ->> 'recommendationId')::int)
      when 'recommendation_link' then coalesce(
        (select l.later_recommendation_id from recommendation_links l where l.id = h.entity_id),
        (coalesce(h.before, h.after) ->> 'laterRecommendationId')::int)
    end as rid
  ) s on true
  left join lateral (
    select coalesce(
      (select se.country_id from recommendations sr join reports sp on sp.id = sr.report_id
        join elections se on se.id = sp.election_id where sr.id = s.rid),
      case h.entity_type
        when 'country' then h.entity_id
        when 'election' then (select se.country_id from elections se where se.id = h.entity_id)
        when 'report' then (select se.country_id from reports sp
          join elections se on se.id = sp.election_id where sp.id = h.entity_id)
      end) as cid
  ) sc on true`;

function feedConditions(filter: ChangeFeedQuery): SQL[] {
  const result: SQL[] = [PUBLIC_ONLY];
  if (filter.country) {
    result.push(sql`sc.cid = (select c.id from countries c where c.code = ${filter.country})`);
  }
  if (filter.topic) {
    result.push(sql`s.rid in (select tr.id from recommendations tr join topics tt on tt.id = tr.topic_id
      where tt.slug = ${filter.topic})`);
  }
  if (filter.recommendation !== undefined) {
    result.push(sql`(s.rid = ${filter.recommendation} or (h.entity_type = 'recommendation_link' and
      h.entity_id in (select l.id from recommendation_links l
        where l.earlier_recommendation_id = ${filter.recommendation})))`);
  }
  return result;
}

const CHANGE_COLUMNS = sql`h.id::float8 as id, h.entity_type as "entityType", h.entity_id as "entityId",
  h.action,
  ${isoUtc(sql`h.changed_at`)} as "changedAt",
  case when u.id is null then null
    else json_build_object('id', u.id, 'displayName', u.display_name) end as "user",
  case when pu.id is null then null
    else json_build_object('id', pu.id, 'displayName', pu.display_name) end as "proposedBy",
  h.reason,
  case when hc.id is null then null
    else json_build_object('code', hc.code, 'name', hc.name) end as country,
  h.before, h.after`;

/** The tables a change is read from: the entry, its user and proposer, and its country. */
const CHANGE_SOURCES = sql`history_entries h
  left join users u on u.id = h.user_id
  left join users pu on pu.id = h.proposed_by
  ${feedScope}
  left join countries hc on hc.id = sc.cid`;

/** The change history, newest first. */
const changeListing: Listing = {
  from: sql`history_entries h`,
  select: sql`select ${CHANGE_COLUMNS} from ${CHANGE_SOURCES}`,
  orderBy: sql`h.changed_at desc, h.id desc`,
};

/** Ids as one array parameter ('{1,2,3}'); each is a safe positive integer. */
const idArray = (ids: number[]) => `{${ids.join(',')}}`;

/** Readable names of each kind of record, for a set of ids: one query per kind. */
const REFERENCE_QUERIES: Record<ChangeReferenceKind, (ids: number[]) => SQL> = {
  topic: (ids) => sql`select id, name as label from topics where id = any(${idArray(ids)}::int[])`,
  report: (ids) =>
    sql`select id, title as label from reports where id = any(${idArray(ids)}::int[])`,
  recommendation: (ids) =>
    sql`select r.id, 'No. ' || r.number || ' (' || p.title || ')' as label
        from recommendations r join reports p on p.id = r.report_id
        where r.id = any(${idArray(ids)}::int[])`,
  election: (ids) =>
    sql`select e.id, c.name || ', ' || e.held_on::text as label
        from elections e join countries c on c.id = e.country_id
        where e.id = any(${idArray(ids)}::int[])`,
  country: (ids) =>
    sql`select id, name as label from countries where id = any(${idArray(ids)}::int[])`,
  user: (ids) =>
    sql`select id, display_name as label from users where id = any(${idArray(ids)}::int[])`,
};

/** At most this many ids of one kind are named per page (a page has at most 100 changes). */
const MAX_REFERENCES = 2000;

/** The values a change (or a proposal) shows, before and after. */
type ShownValues = Pick<Change, 'before' | 'after'>;

/** The ids the id-valued fields of these changes name, by kind. */
function referencedIds(changes: ShownValues[]): Map<ChangeReferenceKind, Set<number>> {
  const ids = new Map<ChangeReferenceKind, Set<number>>(
    CHANGE_REFERENCE_KINDS.map((kind) => [kind, new Set<number>()]),
  );
  for (const change of changes) {
    for (const values of [change.before, change.after]) {
      if (!values) continue;
      for (const [field, kind] of Object.entries(CHANGE_REFERENCE_FIELDS)) {
        const value = values[field];
        const set = ids.get(kind)!;
        if (Number.isSafeInteger(value) && (value as number) > 0 && set.size < MAX_REFERENCES) {
          set.add(value as number);
        }
      }
    }
    // Who made a change is named already; a user's own changes are never public.
  }
  return ids;
}

/** Names the records the changes (or proposals) refer to: a fixed number of queries per page. */
export async function resolveReferences(
  db: Database,
  changes: ShownValues[],
): Promise<ChangeReferences> {
  const references = Object.fromEntries(
    CHANGE_REFERENCE_KINDS.map((kind) => [kind, {} as Record<string, string>]),
  ) as ChangeReferences;
  for (const [kind, ids] of referencedIds(changes)) {
    if (ids.size === 0) continue;
    const rows = await queryRows<{ id: number; label: string }>(
      db,
      REFERENCE_QUERIES[kind]([...ids]),
    );
    for (const row of rows) references[kind][String(row.id)] = row.label;
  }
  return references;
}

/** The versioned kinds whose changes can be reverted; user accounts are not public records. */
type AnyKind = VersionedKind<VersionedTable, unknown>;
const REVERTIBLE: Partial<Record<HistoryEntity, AnyKind>> = {
  country: countryKind as unknown as AnyKind,
  election: electionKind as unknown as AnyKind,
  report: reportKind as unknown as AnyKind,
  recommendation: recommendationKind as unknown as AnyKind,
  assessment: assessmentKind as unknown as AnyKind,
  recommendation_link: linkKind as unknown as AnyKind,
};

/** Fields a revert never writes: the record's identity and bookkeeping. */
const NOT_REVERTED = new Set(['id', 'version', 'createdAt', 'updatedAt']);

/** The `before` values of an update, as column values of the table (timestamps as dates). */
function restoredValues(table: VersionedTable, before: Record<string, unknown>) {
  const columns = getTableColumns(table) as Record<string, { columnType: string }>;
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    const column = columns[key];
    if (!column || NOT_REVERTED.has(key)) continue;
    values[key] =
      column.columnType === 'PgTimestamp' && typeof value === 'string' ? new Date(value) : value;
  }
  return values;
}

class RevertRefused extends HttpProblem {
  constructor(status: number, detail: string) {
    super(
      status,
      status === 403 ? PROBLEM_TYPES.forbidden : PROBLEM_TYPES.conflict,
      'Cannot revert',
      detail,
    );
  }
}

/** Who reverts: an editor may revert updates; only an admin may revert a creation (a delete). */
export interface Reverter {
  userId: number;
  isAdmin: boolean;
  reason?: string | undefined;
  /** Review is required and the reverter is an editor: reviewed writes wait for a second person. */
  mustPropose?: boolean;
}

export function createChangesRepository(db: Database) {
  async function readChange(id: number): Promise<Change | undefined> {
    const [row] = await queryRows<Change>(
      db,
      sql`select ${CHANGE_COLUMNS} from ${CHANGE_SOURCES} where h.id = ${id} and ${PUBLIC_ONLY}`,
    );
    return row;
  }

  return {
    /** The change history, newest first (history_entries_changed_at_idx, or the entity index). */
    async list(query: ChangeListQuery): Promise<ChangePage> {
      const where = whereAll(conditions(query));
      const { items, ...info } = await countedPage<Change>(db, changeListing, where, query);
      const references = await resolveReferences(db, items);
      return { items, references, ...info };
    },

    /**
     * Reverts one change with a new versioned change and its own history entry: an update gets
     * its fields' `before` values back, a creation is undone by deleting the record (admins
     * only). Refused (409) if the record changed since: its version is no longer the one the
     * change left. A deletion cannot be reverted here.
     */
    async revert(id: number, reverter: Reverter): Promise<Change> {
      const change = await readChange(id);
      if (!change) throw new NotFoundError(`There is no change ${id}.`);
      const kind = REVERTIBLE[change.entityType];
      if (!kind) throw new NotFoundError(`There is no change ${id}.`);
      const reason = `Revert of change #${id}` + (reverter.reason ? `: ${reverter.reason}` : '');
      const actor = { userId: reverter.userId, reason };
      const leftAt = change.after?.version;
      if (change.action === 'delete') {
        throw new RevertRefused(
          409,
          `Change ${id} deleted ${kind.label} ${change.entityId}; a deletion cannot be reverted ` +
            'from the history. Create the record again; its old values are in the change’s `before`.',
        );
      }
      // A revert writes the change's `before` back: reviewed as that update would be.
      if (
        reverter.mustPropose &&
        isReviewedWrite(change.entityType, 'update', change.before ?? {})
      ) {
        throw new RevertRefused(
          403,
          `This site requires review before publishing: an editor cannot revert change ${id} ` +
            'directly. Make the change through the editing form (it becomes a proposal) or ask an admin.',
        );
      }
      if (typeof leftAt !== 'number') {
        throw new RevertRefused(409, `Change ${id} changed nothing that can be reverted.`);
      }
      if (change.action === 'create') {
        if (!reverter.isAdmin) {
          throw new RevertRefused(
            403,
            `Reverting change ${id} deletes ${kind.label} ${change.entityId}; only admins delete records.`,
          );
        }
        await deleteVersioned(db, kind, change.entityId, leftAt, actor);
      } else {
        const values = restoredValues(kind.table, change.before ?? {});
        if (Object.keys(values).length === 0) {
          throw new RevertRefused(409, `Change ${id} changed no field that can be reverted.`);
        }
        await updateVersioned(db, kind, change.entityId, leftAt, async () => values, actor);
      }
      const [latest] = await queryRows<Change>(
        db,
        sql`select ${CHANGE_COLUMNS}
            from ${CHANGE_SOURCES}
            where h.entity_type = ${change.entityType} and h.entity_id = ${change.entityId}
            order by h.id desc limit 1`,
      );
      return latest!;
    },

    /** The newest `limit` changes a feed follows, newest first, with names for their records. */
    async feed(filter: ChangeFeedQuery, limit = 50): Promise<FeedChange[]> {
      return queryRows<FeedChange>(
        db,
        sql`select h.id::float8 as id, h.entity_type as "entityType", h.entity_id as "entityId",
              h.action,
              ${isoUtc(sql`h.changed_at`)} as "changedAt",
              u.display_name as "userName",
              pu.display_name as "proposerName",
              h.reason,
              coalesce((select array_agg(k order by k) from jsonb_object_keys(
                coalesce(h.after, h.before, '{}'::jsonb)) k
                where k not in ('id', 'version', 'createdAt', 'updatedAt')), '{}') as fields,
              case h.entity_type
                when 'recommendation' then (select 'recommendation ' || lr.number || ' of ' || lp.slug
                  from recommendations lr join reports lp on lp.id = lr.report_id where lr.id = h.entity_id)
                when 'assessment' then (select 'assessment of recommendation ' || lr.number || ' of '
                    || lp.slug || ' by ' || ap.slug
                  from assessments la join recommendations lr on lr.id = la.recommendation_id
                  join reports lp on lp.id = lr.report_id
                  join reports ap on ap.id = la.assessing_report_id where la.id = h.entity_id)
                when 'recommendation_link' then (select 'lineage link: recommendation ' || lr.number
                    || ' of ' || lp.slug || ' ' || l.kind || ' recommendation ' || er.number
                    || ' of ' || ep.slug
                  from recommendation_links l
                  join recommendations lr on lr.id = l.later_recommendation_id
                  join reports lp on lp.id = lr.report_id
                  join recommendations er on er.id = l.earlier_recommendation_id
                  join reports ep on ep.id = er.report_id where l.id = h.entity_id)
                when 'report' then (select 'report “' || lp.title || '”' from reports lp
                  where lp.id = h.entity_id)
                when 'election' then (select 'election of ' || le.held_on::text from elections le
                  where le.id = h.entity_id)
                when 'country' then (select 'country ' || lc.name from countries lc
                  where lc.id = h.entity_id)
              end as label,
              s.rid as "recommendationId",
              hc.name as "countryName"
            from ${CHANGE_SOURCES}
            where ${whereAll(feedConditions(filter))}
            order by h.changed_at desc, h.id desc
            limit ${limit}`,
      );
    },

    /**
     * A version of the whole data set as it reads today: the newest history entry (every write
     * adds one) and the database's date (years open grow daily). Used for the ETag of exports,
     * which are streamed and cannot be hashed.
     */
    async dataVersion(): Promise<{ latestChangeId: number; today: string }> {
      const [row] = await queryRows<{ latestChangeId: number; today: string }>(
        db,
        sql`select coalesce(max(h.id), 0)::float8 as "latestChangeId", current_date::text as today
            from history_entries h`,
      );
      return row!;
    },
  };
}
