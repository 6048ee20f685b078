import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParamsSchema,
  MAX_PAGE_SIZE,
  noQuerySchema,
  recommendationDetailSchema,
  recommendationListQuerySchema,
  recommendationPageSchema,
} from '@tracker/shared';
import { NotFoundError } from '../../../../errors.js';
import { CACHING_NOTE, itemResponses, listResponses } from '../responses.js';

/** The Content-Type Fastify gives the answers it serialises itself. */
const JSON_TYPE = 'application/json; charset=utf-8';

const recommendationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/recommendations',
    {
      schema: {
        tags: ['recommendations'],
        operationId: 'listRecommendations',
        security: [],
        summary: 'List, filter, search and sort recommendations',
        description:
          'Recommendations matching every filter given (the values of one filter are alternatives: `status=not_implemented,not_assessed`). ' +
          '`q` searches the text and heading with PostgreSQL full-text search (English stemming, web-search syntax); each match comes with a plain-text `snippet` whose segments mark the matching words, and `relevance`. ' +
          `Pages hold \`pageSize\` items (1 to ${MAX_PAGE_SIZE}); \`total\` counts all matches, and a page past the last is empty. ` +
          'Unknown parameters and malformed values are refused with a 400 problem naming them.' +
          CACHING_NOTE,
        querystring: recommendationListQuerySchema,
        response: listResponses(recommendationPageSchema),
      },
    },
    async (request, reply) => {
      const { recommendations } = app.repositories;
      // The total is kept per filter until the data changes. Without a search, PostgreSQL writes
      // the page (a test checks it against the schema).
      const generation = app.answerCache.dataGeneration();
      if (request.query.q !== undefined) return recommendations.list(request.query, generation);
      const body = await recommendations.listJson(request.query, generation);
      return reply.type(JSON_TYPE).send(body as never);
    },
  );

  app.get(
    '/api/v1/recommendations/:id',
    {
      schema: {
        tags: ['recommendations'],
        operationId: 'getRecommendation',
        security: [],
        summary: 'A recommendation with its status timeline, lineage and evidence',
        description:
          'The recommendation, its source report and place in it, its current status, every assessment of it by later ODIHR reports (oldest first, with the verbatim quote), third-party evidence (never the official status), its lineage in both directions (followed transitively), and how long it has been open: from the earliest report in its lineage to today, or to the ODIHR report that found it fully implemented.' +
          CACHING_NOTE,
        params: idParamsSchema,
        querystring: noQuerySchema,
        response: itemResponses(recommendationDetailSchema, 'No recommendation has this id.'),
      },
    },
    // PostgreSQL writes the answer whole (the schema above documents it; a test checks the text
    // against it): sent as it comes, without parsing and serialising it again.
    async (request, reply) => {
      const body = await app.repositories.recommendations.detailJson(request.params.id);
      if (body === null) throw new NotFoundError(`No recommendation has id ${request.params.id}.`);
      return reply.type(JSON_TYPE).send(body as never);
    },
  );
};

export default recommendationRoutes;
