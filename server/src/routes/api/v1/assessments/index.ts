import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assessmentListQuerySchema,
  assessmentPageSchema,
  assessmentSchema,
  idParamsSchema,
  noQuerySchema,
} from '@tracker/shared';
import { orNotFound } from '../../../../errors.js';
import { CACHING_NOTE, itemResponses, listResponses } from '../responses.js';

const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/assessments',
    {
      schema: {
        tags: ['assessments'],
        operationId: 'listAssessments',
        security: [],
        summary: 'List assessments',
        description:
          'Judgements of recommendations by later reports, with the verbatim evidence, the most recent assessing report first. `thirdParty=false` keeps the official (ODIHR) ones.' +
          CACHING_NOTE,
        querystring: assessmentListQuerySchema,
        response: listResponses(assessmentPageSchema),
      },
    },
    async (request) => app.repositories.assessments.list(request.query),
  );

  app.get(
    '/api/v1/assessments/:id',
    {
      schema: {
        tags: ['assessments'],
        operationId: 'getAssessment',
        security: [],
        summary: 'An assessment',
        description:
          'One judgement, its evidence, the assessing report and the recommendation assessed.' +
          CACHING_NOTE,
        params: idParamsSchema,
        querystring: noQuerySchema,
        response: itemResponses(assessmentSchema, 'No assessment has this id.'),
      },
    },
    async (request) => {
      return orNotFound(
        await app.repositories.assessments.findById(request.params.id),
        `No assessment has id ${request.params.id}.`,
      );
    },
  );
};

export default assessmentRoutes;
