import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ASSESSMENT_EXPORT_COLUMNS,
  assessmentExportQuerySchema,
  assessmentExportSchema,
} from '@tracker/shared';
import { registerExports, siteUrl } from '../export-response.js';

const assessmentExportRoutes: FastifyPluginAsyncZod = async (app) => {
  registerExports(app, {
    path: '/api/v1/assessments',
    tag: 'assessments',
    operationId: 'exportAssessments',
    noun: 'assessments',
    note:
      'Takes the filters of `GET /api/v1/assessments` (not its paging): every matching assessment, in the list’s order (the most recent assessing report first). ' +
      'Each row carries the recommendation assessed (id, URL, issuing report, number) and the assessing report. `thirdParty=true` exports the third-party evidence alone; `thirdParty=false` the official (ODIHR) assessments.',
    querystring: assessmentExportQuerySchema,
    rows: assessmentExportSchema,
    spec: (query, request) => ({
      table: query.thirdParty === true ? 'evidence' : 'assessments',
      columns: ASSESSMENT_EXPORT_COLUMNS,
      query: { ...query, thirdParty: query.thirdParty === true ? undefined : query.thirdParty },
      batches: () => app.repositories.assessments.exportBatches(query, siteUrl(app, request)),
    }),
  });
};

export default assessmentExportRoutes;
