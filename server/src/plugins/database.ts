import type { Database, DatabaseHandle } from '@tracker/db';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The drizzle database; repositories take it as their only dependency. */
    db: Database;
    /** The handle behind it, for health checks. Its owner (main.ts or a test) closes it. */
    database: DatabaseHandle;
  }
}

interface DatabasePluginOptions {
  database: DatabaseHandle;
}

export default fp<DatabasePluginOptions>(
  async (app, { database }) => {
    app.decorate('database', database);
    app.decorate('db', database.db);
  },
  { name: 'database' },
);
