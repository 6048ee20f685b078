import { desc, eq, max, sql } from 'drizzle-orm';
import { queryRows, schema } from '@tracker/db';
import type { Database } from '@tracker/db';
import { archiveDigest, buildReleaseArchive, changesSince } from '../releases/release-archive.js';
import type { ReleaseRow } from '../releases/release-archive.js';
import { RELEASE_TABLES } from '../releases/release-tables.js';
import type { ReleaseField } from '../releases/release-tables.js';

const { dataReleases } = schema;

/** The SQL that reads one field as its archive value: dates as text, times in UTC ISO form. */
function selectField(field: ReleaseField) {
  const column = `"${field.name}"`;
  if (field.type === 'date') return `${column}::text as ${column}`;
  if (field.type === 'datetime') {
    return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ${column}`;
  }
  if (field.type === 'string') return `${column}::text as ${column}`;
  return column;
}

const summaryColumns = {
  number: dataReleases.number,
  publishedAt: dataReleases.publishedAt,
  notes: dataReleases.notes,
  sha256: dataReleases.sha256,
  size: dataReleases.size,
  counts: dataReleases.counts,
  changes: dataReleases.changes,
};

export function createReleasesRepository(db: Database) {
  const toSummary = (row: {
    number: string;
    publishedAt: Date;
    notes: string;
    sha256: string;
    size: number;
    counts: Record<string, number>;
    changes: Record<string, { added: number; changed: number; removed: number }>;
  }) => ({ ...row, publishedAt: row.publishedAt.toISOString() });

  return {
    /** Every release, the newest first, without their archives. */
    async list() {
      const rows = await db
        .select(summaryColumns)
        .from(dataReleases)
        .orderBy(desc(dataReleases.year), desc(dataReleases.sequence));
      return rows.map(toSummary);
    },

    /** The newest release's number and time, for citations; null before the first. */
    async latest(): Promise<{ number: string; publishedAt: string } | null> {
      const [row] = await db
        .select({ number: dataReleases.number, publishedAt: dataReleases.publishedAt })
        .from(dataReleases)
        .orderBy(desc(dataReleases.year), desc(dataReleases.sequence))
        .limit(1);
      return row ? { number: row.number, publishedAt: row.publishedAt.toISOString() } : null;
    },

    /** The stored archive bytes of one release; null if there is none by that number. */
    async archive(number: string) {
      const [row] = await db
        .select({ archive: dataReleases.archive, sha256: dataReleases.sha256 })
        .from(dataReleases)
        .where(eq(dataReleases.number, number));
      return row ? { bytes: Buffer.from(row.archive), sha256: row.sha256 } : null;
    },

    /**
     * Publishes the next release of this year: reads every public table in one snapshot, builds
     * the archive, compares it with the previous release and stores it, all in one transaction.
     */
    async publish(input: { notes: string; userId: number; origin: string; now?: Date }) {
      const now = input.now ?? new Date();
      return db.transaction(
        async (tx) => {
          const rows = new Map<string, ReleaseRow[]>();
          for (const table of RELEASE_TABLES) {
            const columns = table.fields.map(selectField).join(', ');
            const where = table.where ? ` where ${table.where}` : '';
            rows.set(
              table.name,
              await queryRows<ReleaseRow>(
                tx,
                sql.raw(`select ${columns} from "${table.from}"${where} order by id`),
              ),
            );
          }
          const year = now.getUTCFullYear();
          const [last] = await tx
            .select({ sequence: max(dataReleases.sequence) })
            .from(dataReleases)
            .where(eq(dataReleases.year, year));
          const sequence = (last?.sequence ?? 0) + 1;
          const number = `${year}.${sequence}`;
          const [previous] = await tx
            .select({ archive: dataReleases.archive })
            .from(dataReleases)
            .orderBy(desc(dataReleases.year), desc(dataReleases.sequence))
            .limit(1);
          const archive = buildReleaseArchive(RELEASE_TABLES, rows, {
            number,
            publishedAt: now.toISOString(),
            notes: input.notes,
            origin: input.origin,
          });
          const counts = Object.fromEntries([...rows].map(([name, list]) => [name, list.length]));
          const [stored] = await tx
            .insert(dataReleases)
            .values({
              number,
              year,
              sequence,
              publishedAt: now,
              publishedBy: input.userId,
              notes: input.notes,
              sha256: archiveDigest(archive),
              size: archive.byteLength,
              counts,
              changes: changesSince(previous?.archive, rows),
              archive,
            })
            .returning(summaryColumns);
          return toSummary(stored!);
        },
        { isolationLevel: 'repeatable read' },
      );
    },
  };
}
