import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { PROBLEM_TYPES } from '@tracker/shared';
import type { UserRole } from '@tracker/shared';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS } from '../auth/known-devices.js';
import { safeEqual } from '../auth/secrets.js';
import { HttpProblem } from '../errors.js';
import type { Credential, SessionCredentials } from '../repositories/accounts-repository.js';

export const SESSION_COOKIE = 'tracker_session';
const CSRF_HEADER = 'x-csrf-token';

/** How the OpenAPI document says a route needs a signed-in user. */
export const SIGNED_IN: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A preValidation hook that lets through only signed-in users of the role (admin includes
     * editor): an anonymous request is told to sign in (401) before anything about its body.
     */
    requireRole: (role: UserRole) => preValidationAsyncHookHandler;
    /** The user behind the request's cookie or bearer token, or null; resolved once per request. */
    authenticate: (request: FastifyRequest) => Promise<Credential | null>;
    setSessionCookie: (reply: FastifyReply, session: SessionCredentials) => void;
    clearSessionCookie: (reply: FastifyReply) => void;
    /** Remembers the browser as a known device of the account (see auth/known-devices.ts). */
    setDeviceCookie: (reply: FastifyReply, value: string) => void;
    /** 403 unless a write made with a session cookie carries the session's CSRF token. */
    assertCsrf: (request: FastifyRequest, credential: Credential) => void;
  }
  interface FastifyRequest {
    credential?: Credential | null;
  }
}

interface AuthPluginOptions {
  /** Secure cookies (HTTPS only): on in production. */
  secureCookies: boolean;
  /** A session unused for this long ends (SESSION_IDLE_MINUTES); default one hour. */
  sessionIdleSeconds?: number | undefined;
}

/** Marks the hooks made by requireRole, so that they can be run before the body is read. */

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function unauthorized(detail: string) {
  return new HttpProblem(401, PROBLEM_TYPES.unauthorized, 'Unauthorized', detail, {
    headers: { 'www-authenticate': 'Bearer' },
  });
}

/**
 * Two ways to be signed in: the session cookie set by sign-in (browsers), or a personal API token
 * in `Authorization: Bearer` (scripts). Both are checked against the database on every request,
 * so a sign-out, a revoked token, a deactivation or a role change counts from the next request.
 */
export default fp<AuthPluginOptions>(
  async (app, { secureCookies, sessionIdleSeconds }) => {
    await app.register(fastifyCookie);

    app.decorate('setSessionCookie', (reply: FastifyReply, session: SessionCredentials) => {
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        path: '/',
        expires: session.expiresAt,
      });
    });
    app.decorate('clearSessionCookie', (reply: FastifyReply) => {
      reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
      });
    });

    app.decorate('setDeviceCookie', (reply: FastifyReply, value: string) => {
      reply.setCookie(DEVICE_COOKIE, value, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/api/v1/auth',
        maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
      });
    });

    app.decorate('assertCsrf', (request: FastifyRequest, credential: Credential) => {
      // A cookie is sent by the browser on its own, so a write made with it must prove it
      // comes from our web app, which alone can read the CSRF token.
      if (credential.via !== 'session' || !UNSAFE_METHODS.has(request.method)) return;
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, credential.csrfToken ?? '')) {
        throw new HttpProblem(
          403,
          PROBLEM_TYPES.csrf,
          'CSRF token missing or wrong',
          `Writes made with the session cookie must carry the ${CSRF_HEADER} header from sign-in.`,
        );
      }
    });

    app.decorate('authenticate', async (request: FastifyRequest) => {
      if (request.credential !== undefined) return request.credential;
      const authorization = request.headers.authorization;
      let credential: Credential | null = null;
      if (authorization !== undefined) {
        const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(authorization);
        credential = match?.[1] ? await app.repositories.accounts.findTokenUser(match[1]) : null;
        // A token that was sent but is wrong is an error, not an anonymous request.
        if (!credential) throw unauthorized('The API token is invalid or has been revoked.');
      } else {
        const token = request.cookies[SESSION_COOKIE];
        credential = token
          ? await app.repositories.accounts.findSessionUser(token, sessionIdleSeconds)
          : null;
      }
      request.credential = credential;
      return credential;
    });

    app.decorate('requireRole', (role: UserRole): preValidationAsyncHookHandler => {
      const check: preValidationAsyncHookHandler = async (request) => {
        const credential = await app.authenticate(request);
        if (!credential) {
          throw unauthorized(
            request.cookies[SESSION_COOKIE]
              ? 'Your session has expired or ended. Sign in again.'
              : 'Sign in, or send an API token, to make changes.',
          );
        }
        app.assertCsrf(request, credential);
        if (role === 'admin' && credential.user.role !== 'admin') {
          throw new HttpProblem(
            403,
            PROBLEM_TYPES.forbidden,
            'Forbidden',
            'Only an admin may do this.',
          );
        }
      };
      return check;
    });
  },
  { name: 'auth', dependencies: ['repositories', 'problems'] },
);
