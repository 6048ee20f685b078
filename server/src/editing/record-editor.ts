import { eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { derivedRecommendationColumns, schema } from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';
import { PROBLEM_TYPES } from '@tracker/shared';
import type { HistoryEntity } from '@tracker/shared';
import { HttpProblem, NotFoundError } from '../errors.js';

/** A table whose rows are edited through the API: an id, a version, an update time. */
export type EditableTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };
export type Row = Record<string, unknown> & { id: number; version: number };

/** Who makes a change and why; both go into the history entry. */
export interface Actor {
  userId: number;
  reason?: string | undefined;
}

export interface EditableEntity<Present> {
  name: HistoryEntity;
  /** How a missing record is named in a 404 ("recommendation 12"). */
  label: string;
  table: EditableTable;
  /** The API representation of a row, also sent with a 409 so the editor can compare. */
  present: (row: Row, tx: Transaction) => Promise<Present> | Present;
}

/** An update based on a version that is no longer current: nothing was written. */
export class EditConflictError extends HttpProblem {
  constructor(label: string, expected: number, current: unknown, currentVersion: number) {
    super(
      409,
      PROBLEM_TYPES.editConflict,
      'Edit conflict',
      `${label} was changed by someone else: your change is based on version ${expected}, the ` +
        `record is now at version ${currentVersion}. Nothing was written; compare with \`current\`.`,
      { current },
    );
  }
}

/** Columns that are derived or internal: left out of history entries. */
const NOT_IN_HISTORY = new Set([
  'searchVector',
  'reportPublishedOn',
  ...Object.keys(derivedRecommendationColumns),
  'passwordHash',
]);

function historyView(row: Row): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !NOT_IN_HISTORY.has(key)));
}

/** The fields an update changed, before and after; history shows exactly what changed. */
function changedFields(before: Row, after: Row) {
  const keys = Object.keys(after).filter(
    (key) =>
      !NOT_IN_HISTORY.has(key) &&
      key !== 'updatedAt' &&
      JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])),
    after: Object.fromEntries(keys.map((key) => [key, after[key]])),
  };
}

async function writeHistory(
  tx: Transaction,
  entity: HistoryEntity,
  entityId: number,
  action: 'create' | 'update' | 'delete',
  actor: Actor,
  before: unknown,
  after: unknown,
) {
  await tx.insert(schema.historyEntries).values({
    entityType: entity,
    entityId,
    action,
    userId: actor.userId,
    reason: actor.reason ?? null,
    before,
    after,
  });
}

/**
 * Locks the row for the rest of the transaction, and checks that it is still at the version the
 * change is based on (when one is given); otherwise nothing is written and the answer is a 409.
 */
async function lockAtVersion(
  tx: Transaction,
  entity: EditableEntity<unknown>,
  id: number,
  expectedVersion: number | undefined,
): Promise<Row> {
  const [row] = (await tx
    .select()
    .from(entity.table)
    .where(eq(entity.table.id, id))
    .for('update')) as Row[];
  if (!row) throw new NotFoundError(`There is no ${entity.label} ${id}.`);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    const current = await entity.present(row, tx);
    throw new EditConflictError(`${entity.label} ${id}`, expectedVersion, current, row.version);
  }
  return row;
}

/**
 * Each write runs in one transaction with its history entry: either both are written or neither.
 * `prepare` turns the request into column values inside that transaction (look-ups and checks).
 */
export async function createRecord<Present>(
  db: Database,
  entity: EditableEntity<Present>,
  prepare: (tx: Transaction) => Promise<Record<string, unknown>>,
  actor: Actor,
): Promise<Present> {
  return db.transaction(async (tx) => {
    const row = await insertRecord(tx, entity, await prepare(tx), actor);
    return entity.present(row, tx);
  });
}

/**
 * Inserts one record with its history entry inside the caller's transaction, for writes that
 * create several records at once (an import): the caller's transaction makes them all or none.
 */
export async function insertRecord(
  tx: Transaction,
  entity: EditableEntity<unknown>,
  values: Record<string, unknown>,
  actor: Actor,
): Promise<Row> {
  const [row] = (await tx.insert(entity.table).values(values).returning()) as Row[];
  await writeHistory(tx, entity.name, row!.id, 'create', actor, null, historyView(row!));
  return row!;
}

/** The record as the editing API answers it (with its version), or a 404. */
export async function readRecord<Present>(
  db: Database,
  entity: EditableEntity<Present>,
  id: number,
): Promise<Present> {
  return db.transaction(async (tx) => {
    const [row] = (await tx.select().from(entity.table).where(eq(entity.table.id, id))) as Row[];
    if (!row) throw new NotFoundError(`There is no ${entity.label} ${id}.`);
    return entity.present(row, tx);
  });
}

/**
 * Applies `changes` if the record is still at `expectedVersion`, bumping the version. The row is
 * locked first, so of several concurrent updates based on one version exactly one wins; the
 * others get a 409 carrying the current record.
 */
export async function updateRecord<Present>(
  db: Database,
  entity: EditableEntity<Present>,
  id: number,
  expectedVersion: number,
  prepare: (tx: Transaction, current: Row) => Promise<Record<string, unknown>>,
  actor: Actor,
): Promise<Present> {
  return db.transaction(async (tx) => {
    const current = await lockAtVersion(tx, entity, id, expectedVersion);
    const changes = await prepare(tx, current);
    const [row] = (await tx
      .update(entity.table)
      .set({ ...changes, version: sql`${entity.table.version} + 1`, updatedAt: sql`now()` })
      .where(eq(entity.table.id, id))
      .returning()) as Row[];
    const { before, after } = changedFields(current, row!);
    await writeHistory(tx, entity.name, id, 'update', actor, before, after);
    return entity.present(row!, tx);
  });
}

/** Deletes the record (if still at `expectedVersion`, when one is given), keeping its history. */
export async function deleteRecord(
  db: Database,
  entity: EditableEntity<unknown>,
  id: number,
  expectedVersion: number | undefined,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockAtVersion(tx, entity, id, expectedVersion);
    await tx.delete(entity.table).where(eq(entity.table.id, id));
    await writeHistory(tx, entity.name, id, 'delete', actor, historyView(current), null);
  });
}
