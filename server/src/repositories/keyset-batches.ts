import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { SortOrder } from '@tracker/shared';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { z } from 'zod';

export interface SortKey {
  expression: SQL;
  direction: SortOrder;
}

/** The parts of one batch's query that `exportBatches` hands to its caller. */
interface BatchQuery {
  /** A condition: the row comes after the previous batch's last one in the sort. */
  after: SQL;
  /** The select list of the export's columns: each named, or all as one CSV line (`line`). */
  columns: SQL;
  /** Select-list items `(<key>)::text as tN`, the keys carried to the next batch. */
  carried: SQL;
  /** ORDER BY the keys. */
  order: SQL;
  limit: number;
}

/** An export's rows, read in batches when iterated: as objects (JSON, XLSX) or as CSV text. */
export interface ExportBatches<Row> {
  rows(): AsyncGenerator<Row[]>;
  /** Each batch as CSV records (`csvLine`), with CRLF line ends. */
  csv(): AsyncGenerator<string>;
}

/** How an export reads: its row's schema (the columns, in order), their SQL, its sort keys. */
export interface ExportSource<Schema extends z.ZodObject> {
  schema: Schema;
  /** Each column's expression over the batch query's tables. */
  columns: { [Column in keyof z.infer<Schema>]-?: SQL };
  /** The sort, ending in a unique key. */
  keys: SortKey[];
  query: (parts: BatchQuery) => SQL;
  batchSize: number;
  /**
   * For a sort no index gives in order (its first key computed, as a recommendation's years open
   * or a search's relevance): every batch read after the last one would sort every match again,
   * an export of 100,000 recommendations by years open took 31-47 s that way. The ids are then
   * sorted once, by `ids` (a query yielding the text of an int[] of every id in the sort), and
   * read in batches by `byIds` (the columns of the rows whose ids the int[] `ids` lists, in its
   * order).
   */
  sortedOnce?: { ids: SQL; byIds: (ids: SQL, columns: SQL) => SQL } | undefined;
}

/**
 * Code points that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): `=`,
 * `+`, `-`, `@`, tab and carriage return, and the full-width forms of the first four, which some
 * spreadsheets fold to ASCII.
 */
const FORMULA_START_CODES = sql.raw(
  ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']
    .map((character) => character.codePointAt(0))
    .join(', '),
);

/** Whether a column's values are numbers or booleans (written bare in CSV), not texts. */
function isBare(field: z.ZodType): boolean {
  let inner = field;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner instanceof z.ZodNumber || inner instanceof z.ZodBoolean;
}

/**
 * One CSV record (RFC 4180) of the columns, written by PostgreSQL: a text quoted, inner quotes
 * doubled, and with a leading apostrophe if a spreadsheet would take it for a formula, so it
 * shows as text and never runs (OWASP); numbers and booleans as JSON writes them; empty for null.
 * Written by the database because a row sent as its own fields is some thirty JavaScript values
 * to parse, quote and join: one export of 100,000 recommendations took 4.3-5.0 s of Node's CPU
 * that way, 1.7-1.9 s this way, PostgreSQL's about the same (scripts/bench/README.md).
 */
function csvLine(schema: z.ZodObject, columns: Record<string, SQL>): SQL {
  const cells = Object.entries(schema.shape).map(([name, field]) => {
    const value = sql`(${columns[name]!})::text`;
    return isBare(field as z.ZodType)
      ? sql`coalesce(${value}, '')`
      : sql`coalesce('"' || case when ascii(${value}) in (${FORMULA_START_CODES}) then '''' else '' end
          || replace(${value}, '"', '""') || '"', '')`;
  });
  return sql`concat_ws(',', ${sql.join(cells, sql`, `)}) || E'\\r\\n' as line`;
}

/** The columns as a select list, each named as the row's schema names it, in its order. */
function namedColumns(schema: z.ZodObject, columns: Record<string, SQL>): SQL {
  return sql.join(
    Object.keys(schema.shape).map((name) => sql`${columns[name]!} as ${sql.identifier(name)}`),
    sql`, `,
  );
}

/**
 * `after` for the keys: (k0 > v0) or (k0 = v0 and k1 > v1) or ..., each in its direction. The
 * leading keys that share the first one's direction are also compared as a row, (k0, k1) >=
 * (v0, v1): an index on them then starts each batch at the previous one's last row. The OR form
 * alone is only a filter, so every batch read the index from its start: an export of 100,000
 * recommendations read 200 batches of up to 100,000 index entries each (10 of a late batch's
 * 20 ms).
 */
function afterLast(keys: SortKey[], last: Record<string, unknown> | undefined): SQL {
  if (!last) return sql`true`;
  const value = (i: number) => String(last[`t${i}`]);
  const branches = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((earlier, j) => sql`${earlier.expression} = ${value(j)}`);
    const beyond =
      key.direction === 'asc'
        ? sql`${key.expression} > ${value(i)}`
        : sql`${key.expression} < ${value(i)}`;
    return sql`(${sql.join([...equal, beyond], sql` and `)})`;
  });
  const direction = keys[0]!.direction;
  const turn = keys.findIndex((key) => key.direction !== direction);
  const leading = keys.slice(0, turn === -1 ? keys.length : turn);
  const row = sql`(${sql.join(
    leading.map((key) => key.expression),
    sql`, `,
  )}) ${sql.raw(direction === 'asc' ? '>=' : '<=')} (${sql.join(
    leading.map((_key, i) => sql`${value(i)}`),
    sql`, `,
  )})`;
  return sql`(${row} and (${sql.join(branches, sql` or `)}))`;
}

/**
 * The batches `read` gives, each asked for with the previous one's rows (none for the first),
 * until one is short. The next batch is read while the client takes this one: the database and
 * the serialisation then overlap instead of taking turns.
 */
async function* readAhead<Row>(
  read: (previous: Row[] | undefined) => Promise<Row[]>,
  batchSize: number,
): AsyncGenerator<Row[]> {
  const start = (previous: Row[] | undefined) => {
    const rows = read(previous);
    // A download given up mid-way leaves its read-ahead unawaited: its failure is no error.
    rows.catch(() => {});
    return rows;
  };
  let next = start(undefined);
  for (;;) {
    const rows = await next;
    const more = rows.length === batchSize;
    if (more) next = start(rows);
    if (rows.length > 0) yield rows;
    if (!more) return;
  }
}

/**
 * Every row of a query in its sort, in batches of `batchSize` read one after the other (keyset
 * pagination on the sort keys, which must end in a unique one), so an export of any size holds
 * one batch at a time and never keeps a transaction (on PGlite: the only connection) open. Each
 * key is carried to the next batch as text: a parameter of unknown type takes the type of the
 * key it is compared with, so dates, enums and reals compare exactly.
 */
function keysetBatches<Row extends Record<string, unknown>>(
  db: Database,
  source: ExportSource<z.ZodObject>,
  columns: SQL,
): AsyncGenerator<Row[]> {
  const { keys, batchSize } = source;
  const carried = sql.join(
    keys.map((key, i) => sql`(${key.expression})::text as ${sql.raw(`t${i}`)}`),
    sql`, `,
  );
  const order = sql.join(
    keys.map((key) => sql`${key.expression} ${sql.raw(key.direction)}`),
    sql`, `,
  );
  return readAhead<Row>(
    (previous) =>
      queryRows<Row>(
        db,
        source.query({
          after: afterLast(keys, previous?.at(-1)),
          columns,
          carried,
          order,
          limit: batchSize,
        }),
      ),
    batchSize,
  );
}

/**
 * Every row of `sortedOnce`'s sort: the ids sorted in one statement, the rows read by id in
 * batches of `batchSize` (as `keysetBatches`, one batch held at a time and no transaction kept
 * open; the ids, a few bytes each, are held for the whole export).
 */
async function* sortedOnceBatches<Row extends Record<string, unknown>>(
  db: Database,
  sortedOnce: NonNullable<ExportSource<z.ZodObject>['sortedOnce']>,
  columns: SQL,
  batchSize: number,
): AsyncGenerator<Row[]> {
  const [sorted] = await queryRows<{ ids: string | null }>(
    db,
    sql`select (${sortedOnce.ids}) as ids`,
  );
  // The text of an int[]: '{3,1,2}', or null when nothing matched.
  const ids = sorted?.ids ? sorted.ids.slice(1, -1).split(',') : [];
  let start = 0;
  yield* readAhead<Row>(() => {
    const slice = ids.slice(start, start + batchSize);
    start += batchSize;
    if (slice.length === 0) return Promise.resolve([]);
    return queryRows<Row>(db, sortedOnce.byIds(sql`${`{${slice.join(',')}}`}::int[]`, columns));
  }, batchSize);
}

/** The batches of `source`'s rows, each row given by the select list `columns`. */
function batchesOf<Row extends Record<string, unknown>>(
  db: Database,
  source: ExportSource<z.ZodObject>,
  columns: SQL,
): AsyncGenerator<Row[]> {
  return source.sortedOnce
    ? sortedOnceBatches<Row>(db, source.sortedOnce, columns, source.batchSize)
    : keysetBatches<Row>(db, source, columns);
}

/** The export `source` describes, read when iterated (`ExportBatches`). */
export function exportBatches<Schema extends z.ZodObject>(
  db: Database,
  source: ExportSource<Schema>,
): ExportBatches<z.infer<Schema>> {
  const general = source as unknown as ExportSource<z.ZodObject>;
  const columns = general.columns as Record<string, SQL>;
  const carriedNames = new Set(source.keys.map((_key, i) => `t${i}`));
  // Copied without the carried keys rather than deleting them: a deletion turns each row into a
  // slow, larger dictionary-mode object.
  const strip = (row: Record<string, unknown>): z.infer<Schema> => {
    const copy: Record<string, unknown> = {};
    for (const name in row) if (!carriedNames.has(name)) copy[name] = row[name];
    return copy as z.infer<Schema>;
  };
  return {
    async *rows() {
      const named = namedColumns(source.schema, columns);
      for await (const rows of batchesOf(db, general, named)) yield rows.map(strip);
    },
    async *csv() {
      const line = csvLine(source.schema, columns);
      for await (const rows of batchesOf<{ line: string }>(db, general, line)) {
        yield rows.map((row) => row.line).join('');
      }
    },
  };
}
