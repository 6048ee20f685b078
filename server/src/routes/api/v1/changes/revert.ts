import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changeRevertResultSchema, changeRevertSchema, idParamsSchema } from '@tracker/shared';
import { SIGNED_IN } from '../../../../plugins/auth.js';
import { problemResponses } from '../responses.js';

/** Reverting a change from the history: signed in, never cached. */
const changeRevertRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/changes/:id/revert',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags: ['editing'],
        operationId: 'revertChange',
        summary: 'Revert a change',
        description:
          'Editors and admins. Writes a new change, with its own history entry ("Revert of change ' +
          '#N", then `reason`): an update’s fields get their `before` values back; a creation is ' +
          'undone by deleting the record (admins only, 403 otherwise). Refused with 409 if the ' +
          'record changed since (its version is no longer the one the change left; the current ' +
          'record is in `current`), and for a deletion, which cannot be reverted here. When review ' +
          'is required (REVIEW_REQUIRED), an editor may not revert a change of an assessment, a ' +
          'lineage link or a recommendation’s issuing report (403): that change is proposed instead.',
        security: SIGNED_IN,
        params: idParamsSchema,
        body: changeRevertSchema,
        response: { 201: changeRevertResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { user } = request.credential!;
      const change = await app.repositories.changes.revert(request.params.id, {
        userId: user.id,
        isAdmin: user.role === 'admin',
        mustPropose: app.reviewRequired && user.role === 'editor',
        reason: request.body.reason,
      });
      return reply.code(201).send({ change });
    },
  );
};

export default changeRevertRoutes;
