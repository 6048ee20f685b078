import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { addSiteChrome, DOCS_CSS } from './docs-theme.js';
import { RESEARCHERS_GUIDE } from './researchers-guide.js';

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
            'missions’ assessments of their implementation. Errors are RFC 9457 problem details.' +
            `\n\n${RESEARCHERS_GUIDE}`,
          version: API_VERSION,
          license: { name: 'Data: verbatim from the cited public reports' },
        },
        servers: [{ url: '/' }],
        // Reading needs no sign-in: operations that do name their security requirements.
        security: [],
        tags: [
          {
            name: 'recommendations',
            description:
              'ODIHR recommendations: list, search, filter, export, and each one’s status timeline and lineage',
          },
          { name: 'reports', description: 'Publications that issue or assess recommendations' },
          {
            name: 'assessments',
            description: 'Later reports’ judgements of earlier recommendations, with evidence',
          },
          { name: 'statistics', description: 'Counts by status and the status matrix' },
          { name: 'countries', description: 'Participating States in the data set' },
          { name: 'region', description: 'The whole region, country by country' },
          { name: 'elections', description: 'Observed elections' },
          { name: 'topics', description: 'The fixed topic taxonomy' },
          {
            name: 'releases',
            description:
              'Citable data releases: numbered, immutable archives of every public record',
          },
          { name: 'changes', description: 'The public change history of every record' },
          {
            name: 'accounts',
            description: 'Sign-in, sessions, personal API tokens, and user management (admins)',
          },
          {
            name: 'editing',
            description:
              'Writes, for editors and admins: each one versioned (409 on a stale version) and recorded in the history',
          },
          {
            name: 'review',
            description:
              'Review before publishing (REVIEW_REQUIRED): editors’ proposals, approved or rejected by a second person',
          },
          { name: 'system', description: 'Service health' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description: 'A personal API token (POST /api/v1/auth/tokens)',
            },
            sessionCookie: {
              type: 'apiKey',
              in: 'cookie',
              name: 'tracker_session',
              description:
                'The session cookie set by sign-in; writes made with it must also send X-CSRF-Token',
            },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(fastifySwaggerUi, {
      routePrefix: '/docs',
      theme: {
        title: 'API · ODIHR Recommendations Follow-up Tracker',
        css: [{ filename: 'site.css', content: DOCS_CSS }],
      },
      // Swagger UI's own logo stays out; the site's bar (added below) links home.
      logo: {
        type: 'image/svg+xml',
        content: '<svg xmlns="http://www.w3.org/2000/svg"/>',
        href: '/',
      },
    });
    // Swagger UI's index page (its only HTML) gets the viewport meta and the bar with a link home.
    app.addHook('onSend', async (request, reply, payload) => {
      if (!request.url.startsWith('/docs') || typeof payload !== 'string') return payload;
      const type = reply.getHeader('content-type');
      return typeof type === 'string' && type.startsWith('text/html')
        ? addSiteChrome(payload)
        : payload;
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
