import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { importDump, migrateDatabase } from '@tracker/db';
import { openConfiguredDatabase, runTask } from './open-configured-database.js';

const USAGE = 'Usage: npm run db:import -- <file.ndjson[.gz]>  (into an empty database)';

/** The dump's lines, decompressed if the file is gzip. */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const lines = createInterface({
    input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input,
    crlfDelay: Infinity,
  });
  for await (const line of lines) yield line;
}

/**
 * `npm run db:import -- <file>`: restores a dump into an empty database (migrated first), in one
 * transaction: a broken or too new dump changes nothing and says why.
 */
await runTask(async () => {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) throw new Error(USAGE);
  const database = await openConfiguredDatabase();
  try {
    await migrateDatabase(database);
    const header = await importDump(database.db, readLines(file));
    const rows = Object.values(header.counts).reduce((sum, count) => sum + count, 0);
    console.log(`restored ${rows} rows from ${file} (exported ${header.exportedAt})`);
  } finally {
    await database.close();
  }
});
