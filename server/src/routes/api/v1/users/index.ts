import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createUserBodySchema,
  idParamsSchema,
  updateUserBodySchema,
  userSchema,
} from '@tracker/shared';
import { SESSION_COOKIE, SIGNED_IN } from '../../../../plugins/auth.js';
import { expectedVersion } from '../record-routes.js';
import { problemResponses } from '../responses.js';

const refusals = problemResponses(400, 401, 403);

/** User management, for admins. Users are deactivated rather than deleted: history names them. */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const adminOnly = app.requireRole('admin');

  app.get(
    '/api/v1/users',
    {
      preValidation: adminOnly,
      schema: {
        tags: ['accounts'],
        summary: 'List users',
        description: 'Admins only.',
        security: SIGNED_IN,
        response: { 200: z.object({ items: z.array(userSchema) }), ...refusals },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await app.repositories.accounts.listUsers() };
    },
  );

  app.post(
    '/api/v1/users',
    {
      preValidation: adminOnly,
      schema: {
        tags: ['accounts'],
        summary: 'Create (invite) a user',
        description:
          'Admins only. Without a password the user cannot sign in until one is set. A password ' +
          'that is common or built from the user’s name or e-mail is refused (400).',
        security: SIGNED_IN,
        body: createUserBodySchema,
        response: { 201: userSchema, ...refusals, ...problemResponses(409) },
      },
    },
    async (request, reply) => {
      const created = await app.repositories.accounts.createUser(request.body, {
        userId: request.credential!.user.id,
      });
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      preValidation: adminOnly,
      schema: {
        tags: ['accounts'],
        summary: 'Change a user',
        description:
          'Admins only: name, role, password, or deactivate (`active: false`). Takes effect on the ' +
          'user’s very next request; a new password or a deactivation ends all of the user’s ' +
          'sessions and API tokens (but the one this change is made with). A weak password is ' +
          'refused (400); so is demoting or deactivating the last active admin (409). Send the ' +
          '`version` the change is based on.',
        security: SIGNED_IN,
        params: idParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userSchema, ...refusals, ...problemResponses(404, 409, 428) },
      },
    },
    async (request) => {
      const { version, reason, ...changes } = request.body;
      const { accounts, signInThrottles } = app.repositories;
      const self = request.credential!;
      return accounts.updateUser(
        request.params.id,
        expectedVersion(request, version),
        changes,
        { userId: self.user.id, reason },
        {
          keepSession:
            request.params.id === self.user.id && self.via === 'session'
              ? request.cookies[SESSION_COOKIE]
              : undefined,
          onPasswordReset: (tx, email) => signInThrottles.clearAccount(email, tx),
        },
      );
    },
  );
};

export default userRoutes;
