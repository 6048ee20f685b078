import { eq, sql } from 'drizzle-orm';
import { derivedRecommendationColumns, schema } from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';
import { PROBLEM_TYPES } from '@tracker/shared';
import type { HistoryEntity } from '@tracker/shared';
import { HttpProblem, NotFoundError } from '../errors.js';

/**
 * The one way a versioned record is written: each create, update and delete runs in a
 * transaction with its history entry, so either both are written or neither. Updates and
 * deletes lock the row and check the version the change is based on (optimistic concurrency).
 * The repositories own what a record is (`VersionedKind`) and the look-ups and checks of a write.
 */

/** The tables edited through the API: each has an id, a version and timestamps. */
export type VersionedTable =
  | typeof schema.countries
  | typeof schema.elections
  | typeof schema.reports
  | typeof schema.recommendations
  | typeof schema.assessments
  | typeof schema.recommendationLinks
  | typeof schema.users;

/** The column fields of a request body: without the `reason` and `version` of the change. */
export type Fields<Body> = Omit<Body, 'reason' | 'version'>;

/** Who makes a change and why; both go into the history entry. */
export interface Actor {
  userId: number;
  reason?: string | undefined;
  /** Who proposed the change, when `userId` approves another editor's proposal. */
  proposedBy?: number | undefined;
}

/** A kind of versioned record: its table, its name in the history, and how it is shown. */
export interface VersionedKind<Table extends VersionedTable, Present> {
  entity: HistoryEntity;
  /** How a missing record is named in a 404 ("recommendation 12"). */
  label: string;
  table: Table;
  /** The API representation of a row, also sent with a 409 so the editor can compare. */
  present: (row: Table['$inferSelect'], tx: Transaction) => Promise<Present> | Present;
  /**
   * Records the history of what a delete of the row takes with it (rows that go by cascade and
   * have a history of their own), in the delete's transaction, before the row goes.
   */
  beforeDelete?: (tx: Transaction, row: Table['$inferSelect'], actor: Actor) => Promise<void>;
}

/** An update based on a version that is no longer current: nothing was written. */
class EditConflictError extends HttpProblem {
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
  'countryId',
  ...Object.keys(derivedRecommendationColumns),
  'passwordHash',
]);

function historyView(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !NOT_IN_HISTORY.has(key)));
}

/** The fields an update changed, before and after; history shows exactly what changed. */
function changedFields(before: object, after: object) {
  const old = new Map(Object.entries(before));
  const keys = Object.entries(after).filter(
    ([key, value]) =>
      !NOT_IN_HISTORY.has(key) &&
      key !== 'updatedAt' &&
      JSON.stringify(old.get(key)) !== JSON.stringify(value),
  );
  return {
    before: Object.fromEntries(keys.map(([key]) => [key, old.get(key)])),
    after: Object.fromEntries(keys),
  };
}

/**
 * Writes one history entry in the caller's transaction. The versioned writes below call it; so do
 * the writes of records without a version (report source texts, follow-up dismissals).
 */
export async function writeHistory(
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
    proposedBy: actor.proposedBy ?? null,
    before,
    after,
  });
}

/** The row, or a 404 naming it. */
function found<Row>(kind: { label: string }, id: number, row: Row | undefined): Row {
  if (!row) throw new NotFoundError(`There is no ${kind.label} ${id}.`);
  return row;
}

/**
 * Locks the row for the rest of the transaction, and checks that it is still at the version the
 * change is based on (when one is given); otherwise nothing is written and the answer is a 409.
 */
async function lockAtVersion<Table extends VersionedTable, Present>(
  tx: Transaction,
  kind: VersionedKind<Table, Present>,
  id: number,
  expectedVersion: number | undefined,
): Promise<Table['$inferSelect']> {
  const table: VersionedTable = kind.table;
  const rows: Table['$inferSelect'][] = await tx
    .select()
    .from(table)
    .where(eq(table.id, id))
    .for('update');
  const row = found(kind, id, rows[0]);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    const current = await kind.present(row, tx);
    throw new EditConflictError(`${kind.label} ${id}`, expectedVersion, current, row.version);
  }
  return row;
}

/**
 * Inserts one record with its history entry inside the caller's transaction; an import creates
 * several records this way, all or none.
 */
export async function insertVersioned<Table extends VersionedTable>(
  tx: Transaction,
  kind: VersionedKind<Table, unknown>,
  values: Table['$inferInsert'],
  actor: Actor,
): Promise<Table['$inferSelect']> {
  const table: VersionedTable = kind.table;
  const [row]: Table['$inferSelect'][] = await tx.insert(table).values(values).returning();
  await writeHistory(tx, kind.entity, row!.id, 'create', actor, null, historyView(row!));
  return row!;
}

/** Creates a record in a transaction of its own; `prepare` runs the write's look-ups and checks. */
export async function createVersioned<Table extends VersionedTable, Present>(
  db: Database,
  kind: VersionedKind<Table, Present>,
  prepare: (tx: Transaction) => Promise<Table['$inferInsert']>,
  actor: Actor,
): Promise<Present> {
  return db.transaction(async (tx) => {
    const row = await insertVersioned(tx, kind, await prepare(tx), actor);
    return kind.present(row, tx);
  });
}

/** The record as the editing API answers it (with its version), or a 404. */
async function readVersioned<Table extends VersionedTable, Present>(
  db: Database,
  kind: VersionedKind<Table, Present>,
  id: number,
): Promise<Present> {
  return db.transaction(async (tx) => {
    const table: VersionedTable = kind.table;
    const rows: Table['$inferSelect'][] = await tx.select().from(table).where(eq(table.id, id));
    return kind.present(found(kind, id, rows[0]), tx);
  });
}

/**
 * Applies the changes `prepare` makes of the locked row if the record is still at
 * `expectedVersion`, bumping the version. Of several concurrent updates based on one version
 * exactly one wins; the others get a 409 carrying the current record.
 */
export async function updateVersioned<Table extends VersionedTable, Present>(
  db: Database,
  kind: VersionedKind<Table, Present>,
  id: number,
  expectedVersion: number,
  prepare: (
    tx: Transaction,
    current: Table['$inferSelect'],
  ) => Promise<Partial<Table['$inferInsert']>>,
  actor: Actor,
): Promise<Present> {
  return db.transaction(async (tx) => {
    const current = await lockAtVersion(tx, kind, id, expectedVersion);
    const changes = await prepare(tx, current);
    const table: VersionedTable = kind.table;
    const [row]: Table['$inferSelect'][] = await tx
      .update(table)
      .set({ ...changes, version: sql`${table.version} + 1`, updatedAt: sql`now()` })
      .where(eq(table.id, id))
      .returning();
    const { before, after } = changedFields(current, row!);
    await writeHistory(tx, kind.entity, id, 'update', actor, before, after);
    return kind.present(row!, tx);
  });
}

/** Deletes the record (if still at `expectedVersion`, when one is given), keeping its history. */
export async function deleteVersioned<Table extends VersionedTable>(
  db: Database,
  kind: VersionedKind<Table, unknown>,
  id: number,
  expectedVersion: number | undefined,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockAtVersion(tx, kind, id, expectedVersion);
    await kind.beforeDelete?.(tx, current, actor);
    const table: VersionedTable = kind.table;
    await tx.delete(table).where(eq(table.id, id));
    await writeHistory(tx, kind.entity, id, 'delete', actor, historyView(current), null);
  });
}

/** Keeps the keys that were sent: a patch changes only what it names. */
export function sentFields<Fields extends object>(input: Fields): Partial<Fields> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<Fields>;
}

/** How one kind of record is written beyond the columns sent: look-ups and cross-record rules. */
interface WriteRules<Table extends VersionedTable, Input, Patch> {
  /** Column values for a new record, with its look-ups, in the write's transaction. */
  toValues: (tx: Transaction, input: Input, actor: Actor) => Promise<Table['$inferInsert']>;
  /** Column values for the fields a patch sends; `current` is the locked row. */
  toChanges: (
    tx: Transaction,
    patch: Partial<Patch>,
    current: Table['$inferSelect'],
  ) => Promise<Partial<Table['$inferInsert']>>;
  /** A rule across records, checked on the record as it would be after the write. */
  check?: (tx: Transaction, record: Table['$inferInsert']) => Promise<void>;
}

/** Create, read for editing, update and delete of one kind of record. */
export interface RecordWrites<Input, Patch, Present> {
  create(input: Input, actor: Actor): Promise<Present>;
  readForEdit(id: number): Promise<Present>;
  update(id: number, expectedVersion: number, patch: Patch, actor: Actor): Promise<Present>;
  remove(id: number, expectedVersion: number | undefined, actor: Actor): Promise<void>;
}

/** The standard writes of one kind of record, every one with its history entry. */
export function recordWrites<Table extends VersionedTable, Input, Patch extends object, Present>(
  db: Database,
  kind: VersionedKind<Table, Present>,
  rules: WriteRules<Table, Input, Patch>,
): RecordWrites<Input, Patch, Present> {
  return {
    create: (input, actor) =>
      createVersioned(
        db,
        kind,
        async (tx) => {
          const values = await rules.toValues(tx, input, actor);
          await rules.check?.(tx, values);
          return values;
        },
        actor,
      ),
    readForEdit: (id) => readVersioned(db, kind, id),
    update: (id, expectedVersion, patch, actor) =>
      updateVersioned(
        db,
        kind,
        id,
        expectedVersion,
        async (tx, current) => {
          const changes = await rules.toChanges(tx, sentFields(patch), current);
          await rules.check?.(tx, { ...current, ...changes });
          return changes;
        },
        actor,
      ),
    remove: (id, expectedVersion, actor) => deleteVersioned(db, kind, id, expectedVersion, actor),
  };
}

/** Timestamps as the API writes them. */
export function isoTimestamps(row: { createdAt: Date; updatedAt: Date }) {
  return { createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
