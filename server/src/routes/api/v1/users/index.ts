import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createUserBodySchema,
  idParamsSchema,
  problemSchema,
  updateUserBodySchema,
  userSchema,
} from '@tracker/shared';
import { assertStrongPassword } from '../../../../auth/password-strength.js';
import { hashPassword } from '../../../../auth/passwords.js';
import { userEntity } from '../../../../editing/entities.js';
import { createRecord, updateRecord } from '../../../../editing/record-editor.js';
import { expectedVersion } from '../../../../editing/versions.js';
import { SESSION_COOKIE, SIGNED_IN } from '../../../../plugins/auth.js';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

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
        response: { 201: userSchema, ...refusals, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const { password, ...user } = request.body;
      if (password) await assertStrongPassword(password, user);
      const passwordHash = password ? await hashPassword(password) : null;
      const created = await createRecord(
        app.db,
        userEntity,
        async () => ({ ...user, passwordHash }),
        { userId: request.credential!.user.id },
      );
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
        response: {
          200: userSchema,
          ...refusals,
          404: problemSchema,
          409: problemSchema,
          428: problemSchema,
        },
      },
    },
    async (request) => {
      const { version, reason, password, ...changes } = request.body;
      const { accounts, signInThrottles } = app.repositories;
      const self = request.credential!;
      return updateRecord(
        app.db,
        userEntity,
        request.params.id,
        expectedVersion(request, version),
        async (tx, current) => {
          const target = current as unknown as typeof self.user;
          await accounts.assertAdminRemains(tx, target, changes);
          let passwordHash: string | undefined;
          if (password) {
            const displayName = changes.displayName ?? target.displayName;
            await assertStrongPassword(password, { email: target.email, displayName });
            passwordHash = await hashPassword(password);
            await signInThrottles.clearAccount(target.email, tx);
          }
          if (password || changes.active === false) {
            const keep =
              target.id === self.user.id && self.via === 'session'
                ? request.cookies[SESSION_COOKIE]
                : undefined;
            await accounts.endAllAccess(tx, target.id, keep);
          }
          return {
            ...Object.fromEntries(
              Object.entries(changes).filter(([, value]) => value !== undefined),
            ),
            ...(passwordHash ? { passwordHash } : {}),
          };
        },
        { userId: request.credential!.user.id, reason },
      );
    },
  );
};

export default userRoutes;
