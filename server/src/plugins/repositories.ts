import fp from 'fastify-plugin';
import { createRepositories } from '../repositories/index.js';
import type { Repositories } from '../repositories/index.js';
import type { ElectionAlarmSettings } from '../repositories/election-alarms-repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every query the routes make, grouped by aggregate. */
    repositories: Repositories;
  }
}

export default fp(
  async (app, options: { electionAlarm?: ElectionAlarmSettings | undefined }) => {
    app.decorate('repositories', createRepositories(app.db, options.electionAlarm));
  },
  { name: 'repositories', dependencies: ['database'] },
);
