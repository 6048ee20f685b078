import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changeListQuerySchema, changePageSchema } from '@tracker/shared';
import { CACHING_NOTE, listResponses } from '../responses.js';

const changeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/changes',
    {
      schema: {
        tags: ['changes'],
        operationId: 'listChanges',
        security: [],
        summary: 'The change history',
        description:
          'Every change to the public records (countries, elections, reports, recommendations, assessments, lineage links), newest first: what changed (the record before and after), when, by whom and why. Filter by `entityType`, and `entityId` for one record’s history. Read-only: the history cannot be edited.' +
          CACHING_NOTE,
        querystring: changeListQuerySchema,
        response: listResponses(changePageSchema),
      },
    },
    async (request) => app.repositories.changes.list(request.query),
  );
};

export default changeRoutes;
