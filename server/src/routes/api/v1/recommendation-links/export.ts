import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LINK_EXPORT_COLUMNS, linkExportQuerySchema, linkExportSchema } from '@tracker/shared';
import { registerExports } from '../export-response.js';

const linkExportRoutes: FastifyPluginAsyncZod = async (app) => {
  registerExports(app, {
    path: '/api/v1/recommendation-links',
    tag: 'recommendations',
    operationId: 'exportRecommendationLinks',
    noun: 'lineage links',
    note: 'Every lineage link (a later recommendation that repeats or continues an earlier one) matching the filters, in id order, with both recommendations’ reports and numbers.',
    querystring: linkExportQuerySchema,
    rows: linkExportSchema,
    spec: (query) => ({
      table: 'lineage-links',
      columns: LINK_EXPORT_COLUMNS,
      query,
      batches: () => app.repositories.recommendationLinks.exportBatches(query),
    }),
  });
};

export default linkExportRoutes;
