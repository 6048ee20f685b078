import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParamsSchema,
  lineagePreviewQuerySchema,
  lineagePreviewSchema,
  lineageSuggestionListSchema,
  lineageSuggestionQuerySchema,
} from '@tracker/shared';
import { NotFoundError } from '../../../../errors.js';
import { SIGNED_IN } from '../../../../plugins/auth.js';
import { createSuggestionsRepository } from '../../../../repositories/suggestions-repository.js';
import { problemResponses } from '../responses.js';

const refusals = problemResponses(400, 401, 403, 404);

/**
 * Editor-only: earlier recommendations a recommendation may repeat or continue. Registered
 * outside the public API: never cached, never public.
 */
const lineageSuggestionRoutes: FastifyPluginAsyncZod = async (app) => {
  const suggestions = createSuggestionsRepository(app.db);
  // Answers for one signed-in editor, changing with every edit: never stored by any cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/v1/recommendations/:id/lineage-suggestions',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags: ['editing'],
        operationId: 'listLineageSuggestions',
        summary: 'Earlier recommendations this one may repeat or continue',
        description:
          'Editors and admins. Up to 10 recommendations of reports of the same country published before this one’s report, most similar text first (TF-IDF cosine), ODIHR recommendations only; with `q`, those matching the search (a number, a report year, words of the text or report title), ranked the same way, each with `linked` naming the kind of an existing lineage link between the two. Suggestions only: create a link with `POST /api/v1/recommendation-links`.',
        security: SIGNED_IN,
        params: idParamsSchema,
        querystring: lineageSuggestionQuerySchema,
        response: { 200: lineageSuggestionListSchema, ...refusals },
      },
    },
    async (request) => {
      const { q } = request.query;
      const items =
        q === undefined
          ? await suggestions.lineageSuggestions(request.params.id)
          : await suggestions.lineageSearch(request.params.id, q);
      if (!items) throw new NotFoundError(`There is no recommendation ${request.params.id}.`);
      return { recommendationId: request.params.id, items };
    },
  );

  app.get(
    '/api/v1/recommendations/:id/lineage-preview',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags: ['editing'],
        operationId: 'previewLineageLink',
        summary: 'What a lineage link would change in public',
        description:
          'Editors and admins. The recommendation’s public “open since” now and as it would be with a link naming `earlierId` as the recommendation it continues (its earliest ancestor’s report date), computed without writing anything.',
        security: SIGNED_IN,
        params: idParamsSchema,
        querystring: lineagePreviewQuerySchema,
        response: { 200: lineagePreviewSchema, ...refusals },
      },
    },
    async (request) => {
      const preview = await suggestions.lineagePreview(request.params.id, request.query.earlierId);
      if (!preview) {
        throw new NotFoundError(
          `There is no recommendation ${request.params.id} or ${request.query.earlierId}.`,
        );
      }
      return preview;
    },
  );
};

export default lineageSuggestionRoutes;
