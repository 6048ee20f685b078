import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  noQuerySchema,
  reportDetailSchema,
  reportListQuerySchema,
  reportPageSchema,
  reportParamsSchema,
  reportSourceSchema,
} from '@tracker/shared';
import { NotFoundError, orNotFound } from '../../../../errors.js';
import { CACHING_NOTE, itemResponses, listResponses } from '../responses.js';

const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/reports',
    {
      schema: {
        tags: ['reports'],
        operationId: 'listReports',
        security: [],
        summary: 'List reports',
        description:
          'Reports (publications), the most recently published first, with their election, country, and how many recommendations they issued and assessments they made. Third-party reports (`thirdParty: true`) are listed too: their assessments are evidence, never the official status.' +
          CACHING_NOTE,
        querystring: reportListQuerySchema,
        response: listResponses(reportPageSchema),
      },
    },
    async (request) => app.repositories.reports.list(request.query),
  );

  app.get(
    '/api/v1/reports/:id',
    {
      schema: {
        tags: ['reports'],
        operationId: 'getReport',
        security: [],
        summary: 'A report with its recommendations and assessments',
        description:
          'The report named by its id or slug (`kz-2019-final`), the recommendations it issued (in printed order, with their current status), and the assessments it made of earlier recommendations.' +
          CACHING_NOTE,
        params: reportParamsSchema,
        querystring: noQuerySchema,
        response: itemResponses(reportDetailSchema, 'No report has this id or slug.'),
      },
    },
    async (request) => {
      const report = orNotFound(
        await app.repositories.reports.findByKey(request.params.id),
        `No report has id or slug ${request.params.id}.`,
      );
      const recommendations = await app.repositories.recommendations.listOfReport(report.id);
      const assessmentsMade = await app.repositories.assessments.listMadeBy(report.id);
      return { ...report, recommendations, assessmentsMade };
    },
  );

  app.get(
    '/api/v1/reports/:id/source',
    {
      schema: {
        tags: ['reports'],
        operationId: 'getReportSource',
        security: [],
        summary: 'A report’s stored text',
        description:
          'The text the report’s recommendations, assessment quotes and evidence were read from, as imported; their `sourceLines` count its lines from 1. The web app shows it at `/reports/<slug>/source#L120-L134`.' +
          CACHING_NOTE,
        params: reportParamsSchema,
        querystring: noQuerySchema,
        response: itemResponses(
          reportSourceSchema,
          'No report has this id or slug, or it has no stored text.',
        ),
      },
    },
    async (request) => {
      const source = await app.repositories.reports.findSource(request.params.id);
      if (!source) {
        throw new NotFoundError(
          `No report with id or slug ${request.params.id} has a stored text.`,
        );
      }
      return source;
    },
  );
};

export default reportRoutes;
