import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const API_VERSION = '1.0.0';

/**
 * The OpenAPI document is generated from the routes' zod schemas: the same schemas validate the
 * requests and serialise the responses, so the documentation cannot drift from the behaviour.
 */
export default fp(
  async (app) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'ODIHR Recommendations Follow-up Tracker API',
          description:
            'Read access to OSCE/ODIHR election observation recommendations and the later ' +
            'missions’ assessments of their implementation. Errors are RFC 9457 problem details.',
          version: API_VERSION,
          license: { name: 'Data: verbatim from the cited public reports' },
        },
        servers: [{ url: '/' }],
        tags: [{ name: 'system', description: 'Service health' }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
