import { migrateDatabase, seedIfEmpty } from '@tracker/db';
import { openConfiguredDatabase, runTask } from './open-configured-database.js';

/** `npm run db:seed`: migrates, then loads the seed data set if the database has none. */
await runTask(async () => {
  const database = await openConfiguredDatabase();
  try {
    await migrateDatabase(database);
    const result = await seedIfEmpty(database.db);
    console.log(
      result.seeded ? 'seed data loaded:' : 'the database already has data; nothing changed:',
      JSON.stringify(result),
    );
  } finally {
    await database.close();
  }
});
