import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { PROBLEM_TYPES } from '@tracker/shared';
import { sendProblem } from './problems.js';

interface WebAppPluginOptions {
  /** The built client (client/dist). */
  root: string;
}

/** Paths that belong to the API or its documentation: never answered with the web app. */
const SERVER_PATHS = /^\/(api|docs|openapi\.json)(\/|\?|$)/;

/**
 * Serves the built Vue app and, for any other GET of a page, its index.html, so that history-mode
 * URLs such as /recommendations/12 load the app. Unknown API paths get a 404 problem instead.
 */
export default fp<WebAppPluginOptions>(
  async (app, { root }) => {
    const hasIndex = existsSync(join(root, 'index.html'));
    if (hasIndex) {
      await app.register(fastifyStatic, {
        root,
        wildcard: true,
        index: ['index.html'],
        // The build writes .br and .gz copies of its text files (client/vite.config.ts).
        preCompressed: true,
        setHeaders: (reply, path) => {
          // Vite puts a content hash in every asset name, so assets never change under one URL.
          reply.header(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    } else {
      app.log.warn({ root }, 'web app not built: only the API is served');
    }

    app.setNotFoundHandler((request, reply) => {
      const isPage = request.method === 'GET' || request.method === 'HEAD';
      if (hasIndex && isPage && !SERVER_PATHS.test(request.url)) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return sendProblem(request, reply, {
        type: PROBLEM_TYPES.notFound,
        title: 'Not found',
        status: 404,
        detail: `No resource at ${request.method} ${request.url.split('?')[0]}.`,
      });
    });
  },
  { name: 'web-app', dependencies: ['problems'] },
);
