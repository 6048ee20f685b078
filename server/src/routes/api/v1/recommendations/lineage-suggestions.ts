import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, lineageSuggestionListSchema } from '@tracker/shared';
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
          'Editors and admins. Up to 10 recommendations of reports of the same country published before this one’s report, most similar text first (full-text rank), each with `linked` naming the kind of an existing lineage link between the two. Suggestions only: create a link with `POST /api/v1/recommendation-links`.',
        security: SIGNED_IN,
        params: idParamsSchema,
        response: { 200: lineageSuggestionListSchema, ...refusals },
      },
    },
    async (request) => {
      const items = await suggestions.lineageSuggestions(request.params.id);
      if (!items) throw new NotFoundError(`There is no recommendation ${request.params.id}.`);
      return { recommendationId: request.params.id, items };
    },
  );
};

export default lineageSuggestionRoutes;
