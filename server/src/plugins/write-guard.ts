import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The writes anyone may send: signing in, and signing out (which ends nothing without a session). */
const ANONYMOUS_WRITES = new Set(['POST /api/v1/auth/sign-in', 'POST /api/v1/auth/sign-out']);

/**
 * Who is asking is settled before any body is read: every write route of the API (all but the
 * sign-in and sign-out) checks the credentials, and the CSRF token of a cookie session, in an
 * onRequest hook, so an anonymous or forged write gets its 401 or 403 while its body is still
 * unread and unparsed. The route's own preValidation check (the role) stays and finds the
 * credential already resolved. A refused request with a body still on its way is answered with
 * `Connection: close`, so the server does not read the rest of it either.
 */
export default fp(
  async (app) => {
    const signedIn = app.requireRole('editor');
    const guard: onRequestAsyncHookHandler = async function (
      request: FastifyRequest,
      reply: FastifyReply,
    ) {
      try {
        await signedIn.call(this, request, reply);
      } catch (error) {
        if (request.headers['content-length'] !== '0' && hasBody(request)) {
          void reply.header('connection', 'close');
        }
        throw error;
      }
    };
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const writes = methods.some((method) => UNSAFE_METHODS.has(method));
      if (!writes || !route.url.startsWith('/api/v1/')) return;
      if (methods.every((method) => ANONYMOUS_WRITES.has(`${method} ${route.url}`))) return;
      const existing = route.onRequest ? [route.onRequest].flat() : [];
      route.onRequest = [guard, ...existing];
    });
  },
  { name: 'write-guard', dependencies: ['auth'] },
);

function hasBody(request: FastifyRequest): boolean {
  return (
    request.headers['transfer-encoding'] !== undefined ||
    request.headers['content-length'] !== undefined
  );
}
