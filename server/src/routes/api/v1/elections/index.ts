import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  electionListQuerySchema,
  electionPageSchema,
  electionSchema,
  idParamsSchema,
  noQuerySchema,
} from '@tracker/shared';
import { orNotFound } from '../../../../errors.js';
import { CACHING_NOTE, itemResponses, listResponses } from '../responses.js';

const electionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/elections',
    {
      schema: {
        tags: ['elections'],
        operationId: 'listElections',
        security: [],
        summary: 'List elections',
        description:
          'Elections, newest first, each with its country and the reports published about it. Dates known only to the year or month say so in their `…Precision` field.' +
          CACHING_NOTE,
        querystring: electionListQuerySchema,
        response: listResponses(electionPageSchema),
      },
    },
    async (request) => app.repositories.elections.list(request.query),
  );

  app.get(
    '/api/v1/elections/:id',
    {
      schema: {
        tags: ['elections'],
        operationId: 'getElection',
        security: [],
        summary: 'An election with its reports',
        description: 'One election, its country and the reports published about it.' + CACHING_NOTE,
        params: idParamsSchema,
        querystring: noQuerySchema,
        response: itemResponses(electionSchema, 'No election has this id.'),
      },
    },
    async (request) => {
      return orNotFound(
        await app.repositories.elections.findById(request.params.id),
        `No election has id ${request.params.id}.`,
      );
    },
  );
};

export default electionRoutes;
