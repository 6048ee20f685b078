import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  followUpSuggestionListSchema,
  followUpSuggestionParamsSchema,
  idParamsSchema,
} from '@tracker/shared';
import type { FollowUpSuggestion } from '@tracker/shared';
import { NotFoundError, orNotFound } from '../../../../errors.js';
import { findFollowUpStatements, normalizeForQuote } from '../../../../importer/index.js';
import { SIGNED_IN } from '../../../../plugins/auth.js';
import {
  PRESELECT_THRESHOLD,
  createSuggestionsRepository,
} from '../../../../repositories/suggestions-repository.js';
import { problemResponses } from '../responses.js';

const refusals = problemResponses(400, 401, 403, 404);

/** Candidate recommendations shown with each follow-up suggestion. */
const CANDIDATES = 3;

/**
 * Editor-only: suggested assessments from a report's text, and their dismissal. Registered
 * outside the public API: never cached, never public.
 */
const followUpSuggestionRoutes: FastifyPluginAsyncZod = async (app) => {
  const suggestions = createSuggestionsRepository(app.db);
  // Answers for one signed-in editor, changing with every edit: never stored by any cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  /** The report's follow-up statements not yet recorded as its assessments nor dismissed. */
  async function openStatements(reportId: number) {
    const context = orNotFound(
      await suggestions.followUpContext(reportId),
      `There is no report ${reportId}.`,
    );
    const quotes = context.quotes.map(normalizeForQuote);
    const statements = context.sourceText ? findFollowUpStatements(context.sourceText) : [];
    const open = statements.filter(
      (statement) =>
        !context.dismissed.has(statement.id) &&
        !quotes.some(
          (quote) => quote.includes(statement.sentence) || statement.sentence.includes(quote),
        ),
    );
    return { context, open };
  }

  app.get(
    '/api/v1/reports/:id/follow-up-suggestions',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags: ['editing'],
        operationId: 'listFollowUpSuggestions',
        summary: 'Suggested assessments from a report’s text',
        description:
          'Editors and admins. The sentences of the report’s stored text that look like statements on earlier recommendations (“previous ODIHR recommendations remain unaddressed”), each with a suggested status, the words that suggested it, and up to 3 ODIHR recommendations (never third-party ones) of earlier reports of the same country, ranked by text similarity (TF-IDF cosine; a recommendation named by number and report year first), those scoring at least the measured threshold marked `preselected`. Sentences already quoted by an assessment of this report, and dismissed ones, are left out. Record one with `POST /api/v1/assessments`; dismiss one with `POST …/follow-up-suggestions/{suggestionId}/dismissal`. Every field is a suggestion for an editor to check.',
        security: SIGNED_IN,
        params: idParamsSchema,
        response: { 200: followUpSuggestionListSchema, ...refusals },
      },
    },
    async (request) => {
      const reportId = request.params.id;
      const { context, open } = await openStatements(reportId);
      const rank = await suggestions.followUpRanker({
        countryId: context.countryId,
        publishedBefore: context.publishedOn,
      });
      const items: FollowUpSuggestion[] = [];
      for (const statement of open) {
        const candidates = rank(statement.sentence, CANDIDATES).map((candidate) => ({
          ...candidate,
          preselected: candidate.score >= PRESELECT_THRESHOLD,
        }));
        items.push({
          id: statement.id,
          sentence: statement.sentence,
          sourceLines: { start: statement.lineStart, end: statement.lineEnd },
          suggestedStatus: statement.suggestedStatus,
          cue: statement.cue,
          candidates,
        });
      }
      return { reportId, sourceText: context.sourceText !== null, items };
    },
  );

  app.post(
    '/api/v1/reports/:id/follow-up-suggestions/:suggestionId/dismissal',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags: ['editing'],
        operationId: 'dismissFollowUpSuggestion',
        summary: 'Dismiss a follow-up suggestion',
        description:
          'Editors and admins. The suggestion is no longer listed for this report. A suggestion that is not (or no longer) listed is a 404.',
        security: SIGNED_IN,
        params: followUpSuggestionParamsSchema,
        response: { 204: z.null().describe('Dismissed'), ...refusals },
      },
    },
    async (request, reply) => {
      const { id, suggestionId } = request.params;
      const { open } = await openStatements(id);
      const statement = open.find((item) => item.id === suggestionId);
      if (!statement) {
        throw new NotFoundError(`Report ${id} has no open follow-up suggestion ${suggestionId}.`);
      }
      await suggestions.dismiss(id, suggestionId, statement.sentence, request.credential!.user.id);
      return reply.code(204).send(null);
    },
  );
};

export default followUpSuggestionRoutes;
