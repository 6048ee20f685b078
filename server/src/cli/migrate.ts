import { migrateDatabase } from '@tracker/db';
import { openConfiguredDatabase, runTask } from './open-configured-database.js';

/** `npm run db:migrate`: applies pending migrations (the server also does this at start). */
await runTask(async () => {
  const database = await openConfiguredDatabase();
  try {
    await migrateDatabase(database);
    console.log(`migrations applied (${database.engine})`);
  } finally {
    await database.close();
  }
});
