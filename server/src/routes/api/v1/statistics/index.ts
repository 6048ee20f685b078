import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  statisticsQuerySchema,
  statisticsSchema,
  statusMatrixQuerySchema,
  statusMatrixSchema,
} from '@tracker/shared';
import { orNotFound } from '../../../../errors.js';
import { CACHING_NOTE, itemResponses, listResponses } from '../responses.js';

const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/statistics',
    {
      schema: {
        tags: ['statistics'],
        operationId: 'getStatistics',
        security: [],
        summary: 'Counts of recommendations by current status',
        description:
          'For the home page: counts by current status overall, for priority recommendations (with how many remain unaddressed), by topic and by issuing report, for the recommendations matching the filters.' +
          CACHING_NOTE,
        querystring: statisticsQuerySchema,
        response: listResponses(statisticsSchema),
      },
    },
    async (request) => app.repositories.statistics.statistics(request.query),
  );

  app.get(
    '/api/v1/statistics/matrix',
    {
      schema: {
        tags: ['statistics'],
        operationId: 'getStatusMatrix',
        security: [],
        summary: 'Status matrix: recommendations × the reports that assessed them',
        description:
          'One country’s recommendations (rows, by issuing report and number) against the later reports that assessed any of them (columns, oldest first; third-party reports are flagged). Each cell holds that report’s judgement, or null.' +
          CACHING_NOTE,
        querystring: statusMatrixQuerySchema,
        response: itemResponses(statusMatrixSchema, 'No country has this code in the data set.'),
      },
    },
    async (request) => {
      return orNotFound(
        await app.repositories.statistics.matrix(request.query),
        `No country with code ${request.query.country}.`,
      );
    },
  );
};

export default statisticsRoutes;
