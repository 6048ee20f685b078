import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  RECOMMENDATION_EXPORT_COLUMNS,
  recommendationExportQuerySchema,
  recommendationExportSchema,
} from '@tracker/shared';
import { registerExports, siteUrl } from '../export-response.js';

const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  registerExports(app, {
    path: '/api/v1/recommendations',
    tag: 'recommendations',
    operationId: 'exportRecommendations',
    noun: 'recommendations',
    note:
      'Takes the filters and the sort of `GET /api/v1/recommendations` (not its paging): every matching row, in the chosen sort. ' +
      'The columns are those of `RecommendationExportRow`: with the record’s URL, the topic’s name, first raised (`openSince`) and whose recommendation it is (`issuedBy`); `yearsOpen` is as of today.',
    querystring: recommendationExportQuerySchema,
    rows: recommendationExportSchema,
    spec: (query, request) => ({
      table: 'recommendations',
      columns: RECOMMENDATION_EXPORT_COLUMNS,
      query,
      batches: () => app.repositories.recommendations.exportBatches(query, siteUrl(app, request)),
    }),
  });
};

export default exportRoutes;
