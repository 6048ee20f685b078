import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assessmentBatchInputSchema,
  assessmentInputSchema,
  assessmentPatchSchema,
  assessmentRecordSchema,
  proposalListSchema,
} from '@tracker/shared';
import { SIGNED_IN } from '../../../../plugins/auth.js';
import { needsReview, registerRecordRoutes } from '../record-routes.js';
import { problemResponses } from '../responses.js';

const REVIEW = { entity: 'assessment' } as const;

/** Editing assessments: create, read for editing, update and delete, signed in, never cached. */
const assessmentsEditingRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRecordRoutes(app, {
    path: '/api/v1/assessments',
    noun: 'assessment',
    create: assessmentInputSchema,
    patch: assessmentPatchSchema,
    record: assessmentRecordSchema,
    writes: app.repositories.assessments,
    review: REVIEW,
  });

  app.post(
    '/api/v1/assessments/batch',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags: ['editing'],
        summary: 'Record one sentence against several recommendations',
        description:
          'Editors and admins. One assessment per recommendation in `recommendationIds`, with the same assessing report, status, quote and basis, all in one transaction (all or none), each with its history entry. The quote must occur in the assessing report’s stored text at the given lines; an inferred assessment needs a confidence and a note.',
        security: SIGNED_IN,
        body: assessmentBatchInputSchema,
        response: {
          201: z.object({ items: z.array(assessmentRecordSchema) }),
          202: proposalListSchema.describe(
            'Review required (REVIEW_REQUIRED) and the writer an editor: one proposal per recommendation, nothing public until approved.',
          ),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { reason, recommendationIds, ...input } = request.body;
      if (needsReview(request, REVIEW, 'create', input)) {
        const writes = recommendationIds.map((recommendationId) => ({
          kind: 'create' as const,
          entity: REVIEW.entity,
          payload: { ...input, recommendationId, reason },
        }));
        const items = await app.repositories.proposals.propose(writes, request.credential!.user.id);
        return reply.code(202).send({ items });
      }
      const items = await app.repositories.assessments.createMany(input, recommendationIds, {
        userId: request.credential!.user.id,
        reason,
      });
      return reply.code(201).send({ items });
    },
  );
};

export default assessmentsEditingRoutes;
