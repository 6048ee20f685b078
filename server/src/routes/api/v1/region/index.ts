import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noQuerySchema, regionSchema } from '@tracker/shared';
import { CACHING_NOTE, listResponses } from '../responses.js';

const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/region',
    {
      schema: {
        tags: ['region'],
        operationId: 'getRegion',
        security: [],
        summary: 'The whole region: what remains unaddressed in each country',
        description:
          'Every participating State with data, by name: its unaddressed ODIHR priority recommendations, the oldest of them, its last ODIHR mission, and the share of assessed ODIHR recommendations at least partially implemented. Recommendations of third-party (civil-society) reports are never counted in these figures; `civilSociety` gives their number apart.' +
          CACHING_NOTE,
        querystring: noQuerySchema,
        response: listResponses(regionSchema),
      },
    },
    async () => app.repositories.region.region(),
  );
};

export default regionRoutes;
