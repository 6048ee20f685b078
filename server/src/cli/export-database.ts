import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { exportDump } from '@tracker/db';
import { openConfiguredDatabase, runTask } from './open-configured-database.js';

const USAGE = 'Usage: npm run db:export -- <file.ndjson[.gz]>  (all records and their history)';

/** `npm run db:export -- <file>`: writes a complete, versioned dump; `.gz` compresses it. */
await runTask(async () => {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) throw new Error(USAGE);
  const database = await openConfiguredDatabase();
  try {
    // Owner-only (0600): the dump holds every account's password hash.
    const output = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    const gzip = file.endsWith('.gz') ? createGzip() : undefined;
    if (gzip) gzip.pipe(output);
    const sink = gzip ?? output;
    const header = await exportDump(database.db, async (chunk) => {
      if (!sink.write(chunk)) await once(sink, 'drain');
    });
    sink.end();
    await once(output, 'finish');
    const rows = Object.values(header.counts).reduce((sum, count) => sum + count, 0);
    console.log(`wrote ${rows} rows to ${file} (dump format ${header.version})`);
  } finally {
    await database.close();
  }
});
