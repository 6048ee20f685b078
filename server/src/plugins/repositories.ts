import fp from 'fastify-plugin';
import { createRepositories } from '../repositories/index.js';
import type { Repositories } from '../repositories/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every query the routes make, grouped by aggregate. */
    repositories: Repositories;
  }
}

export default fp(
  async (app) => {
    app.decorate('repositories', createRepositories(app.db));
  },
  { name: 'repositories', dependencies: ['database'] },
);
