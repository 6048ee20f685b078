import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from './connection.js';
import { derivedRecommendationColumns } from './derived-columns.js';
import { queryRows } from './raw-query.js';
import * as schema from './schema/index.js';

/**
 * Backup and restore as a versioned dump: newline-delimited JSON, one header line then one line
 * per row, table by table in the order their foreign keys need. Rows are read and written in
 * batches, so a dump of any size passes through bounded memory.
 */

export const DUMP_FORMAT = 'odihr-follow-up-tracker-dump';
/**
 * 2: adds report_sources and follow_up_dismissals (a version-1 dump has none of them).
 * 3: adds data_releases, so that a restored release still gives its very bytes.
 * 4: adds proposals (review before publishing), and history entries' `proposed_by`.
 */
export const DUMP_VERSION = 4;
const BATCH = 1000;
/** Rows per batch of a table: a data release holds its whole archive (megabytes), so few. */
const batchOf = (name: string) => (name === 'data_releases' ? 4 : BATCH);

/** Every table that holds records or their history; sessions and throttles are transient. */
const TABLES = {
  countries: schema.countries,
  topics: schema.topics,
  users: schema.users,
  api_tokens: schema.apiTokens,
  elections: schema.elections,
  reports: schema.reports,
  recommendations: schema.recommendations,
  assessments: schema.assessments,
  recommendation_links: schema.recommendationLinks,
  report_sources: schema.reportSources,
  follow_up_dismissals: schema.followUpDismissals,
  history_entries: schema.historyEntries,
  data_releases: schema.dataReleases,
  proposals: schema.proposals,
} as const satisfies Record<string, PgTable & { id: unknown }>;
type TableName = keyof typeof TABLES;
const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: number;
  /** How many migrations the exporting database had: a dump needs a schema at least as new. */
  migrations: number;
  exportedAt: string;
  counts: Record<TableName, number>;
}

export class DumpError extends Error {
  override name = 'DumpError';
}

async function appliedMigrations(db: Database | Transaction): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  return row?.count ?? 0;
}

const DERIVED: ReadonlySet<unknown> = new Set(Object.values(derivedRecommendationColumns));

/** SQL names of the columns the dump holds: not those the database computes. */
function storedColumns(table: PgTable): string[] {
  return Object.values(getTableColumns(table))
    .filter((column) => !column.generated && !DERIVED.has(column))
    .map((column) => column.name);
}

/**
 * Writes the dump, line by line, to `write` (which may wait, for back-pressure). It reads one
 * snapshot of the database, so writes made meanwhile cannot make it inconsistent.
 */
export async function exportDump(
  db: Database,
  write: (chunk: string) => Promise<void>,
): Promise<DumpHeader> {
  return db.transaction(
    async (tx) => {
      const counts = {} as Record<TableName, number>;
      for (const name of TABLE_NAMES) {
        const [row] = await queryRows<{ count: number }>(
          tx,
          sql`select count(*)::int as count from ${TABLES[name]}`,
        );
        counts[name] = row?.count ?? 0;
      }
      const header: DumpHeader = {
        format: DUMP_FORMAT,
        version: DUMP_VERSION,
        migrations: await appliedMigrations(tx),
        exportedAt: new Date().toISOString(),
        counts,
      };
      await write(`${JSON.stringify(header)}\n`);
      for (const name of TABLE_NAMES) {
        const table = TABLES[name];
        let lastId = 0;
        for (;;) {
          // PostgreSQL writes the JSON itself, so every value (microseconds included) survives.
          const rows = await queryRows<{ id: number; row: Record<string, unknown> }>(
            tx,
            sql`select id, to_jsonb(t) as row from ${table} t where id > ${lastId} order by id limit ${batchOf(name)}`,
          );
          const columns = storedColumns(table);
          if (rows.length > 0) {
            const text = rows
              .map(({ row }) => {
                const stored = Object.fromEntries(columns.map((column) => [column, row[column]]));
                return `${JSON.stringify({ table: name, row: stored })}\n`;
              })
              .join('');
            await write(text);
          }
          if (rows.length < batchOf(name)) break;
          lastId = rows.at(-1)!.id;
        }
      }
      return header;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

function parseHeader(line: string | undefined, migrations: number): DumpHeader {
  let header: Partial<DumpHeader>;
  try {
    header = JSON.parse(line ?? '') as Partial<DumpHeader>;
  } catch {
    throw new DumpError('This is not a tracker dump: its first line is not a JSON header.');
  }
  if (header.format !== DUMP_FORMAT) {
    throw new DumpError(`This is not a tracker dump (format ${String(header.format)}).`);
  }
  if (typeof header.version !== 'number' || header.version > DUMP_VERSION) {
    throw new DumpError(
      `The dump has format version ${String(header.version)}; this tracker reads version ` +
        `${DUMP_VERSION} and older. Restore it with a newer tracker.`,
    );
  }
  if (typeof header.migrations !== 'number' || header.migrations > migrations) {
    throw new DumpError(
      `The dump comes from a database with ${String(header.migrations)} migrations; this one has ` +
        `${migrations}. Restore it with a newer tracker.`,
    );
  }
  return header as DumpHeader;
}

/** Refuses a row with columns this schema does not have (a dump of another schema). */
function checkColumns(table: PgTable, row: Record<string, unknown>, lineNumber: number) {
  const columns = new Set(storedColumns(table));
  const unknown = Object.keys(row).filter((key) => !columns.has(key));
  if (unknown.length > 0) {
    throw new DumpError(`Line ${lineNumber}: unknown column(s) ${unknown.join(', ')}.`);
  }
}

/** Inserts rows the way they were dumped: PostgreSQL converts the JSON back to its types. */
async function insertRows(tx: Transaction, table: PgTable, rows: Record<string, unknown>[]) {
  const columns = sql.raw(
    storedColumns(table)
      .map((column) => `"${column}"`)
      .join(', '),
  );
  await tx.execute(
    sql`insert into ${table} (${columns}) select ${columns} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(rows)}::jsonb)`,
  );
}

/**
 * Restores a dump into an empty, migrated database in one transaction: a dump that is broken,
 * too new, or does not match its own header changes nothing.
 */
export async function importDump(db: Database, lines: AsyncIterable<string>): Promise<DumpHeader> {
  const migrations = await appliedMigrations(db);
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = parseHeader(first.done ? undefined : first.value, migrations);

  return db.transaction(async (tx) => {
    for (const name of TABLE_NAMES) {
      const [row] = await queryRows<{ present: boolean }>(
        tx,
        sql`select exists (select 1 from ${TABLES[name]}) as present`,
      );
      if (row?.present) throw new DumpError(`The database is not empty (table ${name} has rows).`);
    }
    const seen = Object.fromEntries(TABLE_NAMES.map((name) => [name, 0])) as Record<
      TableName,
      number
    >;
    let batch: Record<string, unknown>[] = [];
    let batchTable: TableName | undefined;
    const flush = async () => {
      if (batchTable && batch.length > 0) await insertRows(tx, TABLES[batchTable], batch);
      batch = [];
    };
    let lineNumber = 1;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      lineNumber++;
      if (next.value.trim() === '') continue;
      let entry: { table?: string; row?: Record<string, unknown> };
      try {
        entry = JSON.parse(next.value);
      } catch {
        throw new DumpError(
          `Line ${lineNumber} of the dump is not valid JSON: the dump is broken.`,
        );
      }
      const name = entry.table as TableName;
      if (!TABLE_NAMES.includes(name) || typeof entry.row !== 'object' || entry.row === null) {
        throw new DumpError(`Line ${lineNumber} of the dump is not a row of a known table.`);
      }
      if (name !== batchTable || batch.length >= batchOf(name)) await flush();
      batchTable = name;
      checkColumns(TABLES[name], entry.row, lineNumber);
      batch.push(entry.row);
      seen[name]++;
    }
    await flush();
    for (const name of TABLE_NAMES) {
      // An older dump does not count the tables added after it: it has none of their rows.
      const expected = header.counts[name] ?? 0;
      if (seen[name] !== expected) {
        throw new DumpError(
          `The dump is incomplete: its header counts ${expected} rows of ${name}, it ` +
            `holds ${seen[name]}.`,
        );
      }
      // Restored ids were given explicitly: new records must continue after them.
      await tx.execute(
        sql`select setval(pg_get_serial_sequence(${name}, 'id'), coalesce((select max(id) from ${TABLES[name]}), 0) + 1, false)`,
      );
    }
    return header;
  });
}
