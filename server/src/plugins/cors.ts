import fastifyCors from '@fastify/cors';
import fp from 'fastify-plugin';

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Reads are open to any origin, so researchers' notebooks and other sites can call the API from a
 * browser. Only reads: other methods get no CORS headers (and preflights do not allow them), so a
 * foreign page can never drive an editor's browser into a write. No credentials are ever allowed
 * cross-origin (`*`).
 */
export default fp(
  async (app) => {
    await app.register(fastifyCors, {
      delegator: (request, callback) => {
        const read =
          READ_METHODS.includes(request.method) &&
          // A preflight asks for the method of the request to come.
          (request.method !== 'OPTIONS' ||
            READ_METHODS.includes(
              String(request.headers['access-control-request-method'] ?? 'GET').toUpperCase(),
            ));
        callback(null, {
          origin: read ? '*' : false,
          methods: READ_METHODS,
          exposedHeaders: ['ETag', 'Content-Disposition', 'Link'],
          maxAge: 86_400,
        });
      },
    });
  },
  { name: 'cors' },
);
