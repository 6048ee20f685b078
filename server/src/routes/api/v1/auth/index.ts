import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PROBLEM_TYPES,
  apiTokenSchema,
  createApiTokenBodySchema,
  createdApiTokenSchema,
  idParamsSchema,
  sessionSchema,
  signInBodySchema,
} from '@tracker/shared';
import { DEVICE_COOKIE, deviceCookieFor, knownDevice } from '../../../../auth/known-devices.js';
import { verifyPassword } from '../../../../auth/passwords.js';
import { LIMITS, throttleKeys } from '../../../../repositories/sign-in-throttles-repository.js';
import { HttpProblem, NotFoundError } from '../../../../errors.js';
import { toUser } from '../../../../repositories/accounts-repository.js';
import { SESSION_COOKIE } from '../../../../plugins/auth.js';
import { problemResponses } from '../responses.js';

const problems = problemResponses(400, 401, 403);

function tooManyAttempts(seconds: number) {
  return new HttpProblem(
    429,
    PROBLEM_TYPES.tooManyRequests,
    'Too many sign-in attempts',
    seconds < 60
      ? `Too many sign-in attempts for this account from here. Try again in ${seconds} second(s).`
      : `Too many sign-in attempts for this account or address. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
    { headers: { 'retry-after': String(seconds) } },
  );
}

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { accounts, signInThrottles: throttles } = app.repositories;
  app.post(
    '/api/v1/auth/sign-in',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in',
        description:
          'Checks the e-mail and password and starts a session: an HttpOnly cookie, plus a CSRF ' +
          'token to send with writes. Every attempt is counted before the password is checked. ' +
          `From one address, an account gets ${LIMITS.pair.freeAttempts} attempts at once, then ` +
          'must wait 1, 2, 4 … seconds between attempts (429 with Retry-After), and after ' +
          `${LIMITS.pair.attempts} attempts in 15 minutes is refused for the rest of them. An ` +
          `account is refused after ${LIMITS.account.attempts} attempts from all addresses, an ` +
          `address after ${LIMITS.address.attempts} on all accounts; a browser that signed in to ` +
          'the account before (its device cookie) is counted on its own and passes those two ' +
          "limits, and its successful sign-in lifts the account's.",
        body: signInBodySchema,
        response: { 200: sessionSchema, ...problems, ...problemResponses(429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const user = await accounts.findUserByEmail(email);
      const device = knownDevice(request.cookies[DEVICE_COOKIE], user?.passwordHash, email);
      const keys = throttleKeys(email, request.ip, device);
      // The attempt is counted before the password is checked: a burst gets no extra guesses.
      const reservation = await throttles.reserve(keys);
      if (!reservation.granted) throw tooManyAttempts(reservation.retryAfter);

      const valid = await verifyPassword(user?.passwordHash ?? null, password);
      if (!user || !valid || !user.active) {
        throw new HttpProblem(
          401,
          PROBLEM_TYPES.unauthorized,
          'Sign-in failed',
          'The e-mail or password is wrong.',
          reservation.nextIn > 0 ? { headers: { 'retry-after': String(reservation.nextIn) } } : {},
        );
      }
      await throttles.succeeded(keys, email);
      // Always a new session at sign-in; a session the browser had before ends here.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await accounts.deleteSession(previous);
      const session = await accounts.createSession(user.id);
      app.setSessionCookie(reply, session);
      app.setDeviceCookie(reply, deviceCookieFor(user.passwordHash!, email));
      return {
        user: toUser(user),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out',
        description:
          'Ends the session of the cookie sent, if any, and clears the cookie. Like every write ' +
          'made with the session cookie, it must carry the CSRF token (403 otherwise).',
        response: { 204: z.null().describe('Signed out'), ...problemResponses(403) },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      // Only a live session needs protecting: a stale cookie is just cleared.
      const credential = token ? await app.authenticate(request).catch(() => null) : null;
      if (credential?.via === 'session') app.assertCsrf(request, credential);
      if (token) await accounts.deleteSession(token);
      app.clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The current session',
        description: 'The signed-in user and the CSRF token, or 401 when not signed in.',
        response: { 200: sessionSchema, ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      const credential = await app.authenticate(request);
      if (!credential || credential.via !== 'session') {
        throw new HttpProblem(401, PROBLEM_TYPES.unauthorized, 'Unauthorized', 'Not signed in.');
      }
      reply.header('cache-control', 'no-store');
      return {
        user: toUser(credential.user),
        csrfToken: credential.csrfToken!,
        expiresAt: credential.expiresAt!.toISOString(),
      };
    },
  );

  app.get(
    '/api/v1/auth/tokens',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags: ['accounts'],
        summary: 'Your API tokens',
        description: 'Lists your personal API tokens (never their secrets).',
        response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...problems },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await accounts.listApiTokens(request.credential!.user.id) };
    },
  );

  app.post(
    '/api/v1/auth/tokens',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token',
        description:
          'Creates a personal API token for scripts. The secret is in this answer only: it is ' +
          'stored hashed and cannot be shown again.',
        body: createApiTokenBodySchema,
        response: { 201: createdApiTokenSchema, ...problems },
      },
    },
    async (request, reply) => {
      const created = await accounts.createApiToken(request.credential!.user.id, request.body.name);
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/api/v1/auth/tokens/:id',
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags: ['accounts'],
        summary: 'Revoke an API token',
        description: 'Revokes one of your tokens; it stops working at once.',
        params: idParamsSchema,
        response: { 204: z.null().describe('Revoked'), ...problems, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const revoked = await accounts.revokeApiToken(request.credential!.user.id, request.params.id);
      if (!revoked) throw new NotFoundError(`You have no active API token ${request.params.id}.`);
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
