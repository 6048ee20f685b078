import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { topicListQuerySchema, topicListSchema } from '@tracker/shared';
import { CACHING_NOTE, listResponses } from '../responses.js';

const topicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/topics',
    {
      schema: {
        tags: ['topics'],
        operationId: 'listTopics',
        security: [],
        summary: 'The topic taxonomy',
        description:
          'The fixed taxonomy of topics, after the sections of ODIHR final reports, in their order, each with its number of recommendations (in the given countries).' +
          CACHING_NOTE,
        querystring: topicListQuerySchema,
        response: listResponses(topicListSchema),
      },
    },
    async (request) => ({ items: await app.repositories.topics.list(request.query) }),
  );
};

export default topicRoutes;
