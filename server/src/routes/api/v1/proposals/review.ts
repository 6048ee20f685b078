import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParamsSchema,
  proposalApproveSchema,
  proposalListQuerySchema,
  proposalPageSchema,
  proposalRejectSchema,
  proposalSchema,
} from '@tracker/shared';
import { SIGNED_IN } from '../../../../plugins/auth.js';
import { problemResponses } from '../responses.js';

/**
 * Review before publishing: the queue of proposals and their decisions. Editors and admins only;
 * nothing here is public or cached, and nothing of a proposal is public until it is approved.
 */
const proposalRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['review'];

  app.get(
    '/api/v1/proposals',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags,
        operationId: 'listProposals',
        summary: 'List proposals',
        description:
          'Editors and admins. Changes waiting for review (`state=open`), or decided ones, oldest ' +
          'first, each with what it would change (`payload`, and `before` for an update) and names ' +
          'for the records their id-valued fields refer to (`references`). `reviewRequired` says ' +
          'whether this deployment keeps editors’ writes as proposals (REVIEW_REQUIRED).',
        security: SIGNED_IN,
        querystring: proposalListQuerySchema,
        response: { 200: proposalPageSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const page = await app.repositories.proposals.list(request.query);
      return { ...page, reviewRequired: app.reviewRequired };
    },
  );

  app.get(
    '/api/v1/proposals/:id',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags,
        operationId: 'getProposal',
        summary: 'Read a proposal',
        description: 'Editors and admins. One proposal, open or decided.',
        security: SIGNED_IN,
        params: idParamsSchema,
        response: { 200: proposalSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.repositories.proposals.read(request.params.id);
    },
  );

  app.post(
    '/api/v1/proposals/:id/approve',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags,
        operationId: 'approveProposal',
        summary: 'Approve a proposal',
        description:
          'Editors and admins other than its proposer (403 for the proposer). Publishes the ' +
          'change as a direct write would, in one transaction with the decision; its history ' +
          'entry names the approver (`user`) and the proposer (`proposedBy`). An update whose ' +
          'record changed since it was proposed is refused with 409 (the current record in ' +
          '`current`) and stays open; so is a proposal decided already (409).',
        security: SIGNED_IN,
        params: idParamsSchema,
        body: proposalApproveSchema,
        response: { 200: proposalSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      app.repositories.proposals.approve(request.params.id, request.credential!.user.id),
  );

  app.post(
    '/api/v1/proposals/:id/reject',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags,
        operationId: 'rejectProposal',
        summary: 'Reject a proposal',
        description:
          'Editors and admins (a proposer may withdraw their own). Closes the proposal with the ' +
          'reason, which is required; nothing is written to the records. 409 if decided already.',
        security: SIGNED_IN,
        params: idParamsSchema,
        body: proposalRejectSchema,
        response: { 200: proposalSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      app.repositories.proposals.reject(
        request.params.id,
        request.credential!.user.id,
        request.body.reason,
      ),
  );
};

export default proposalRoutes;
