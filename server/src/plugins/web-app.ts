import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { PROBLEM_TYPES, isClientPath } from '@tracker/shared';
import { sendProblem } from './problems.js';

interface WebAppPluginOptions {
  /** The built client (client/dist). */
  root: string;
}

/** Paths that belong to the API or its documentation: never answered with the web app. */
const SERVER_PATHS = /^\/(api|docs|openapi\.json)(\/|\?|$)/;

/** A recommendation's or a report's page: answered 404 when there is no such record. */
const RECOMMENDATION_PAGE = /^\/recommendations\/(\d{1,10})\/?$/;
const REPORT_PAGE = /^\/reports\/([^/]{1,200})(?:\/suggestions)?\/?$/;

/**
 * Serves the built Vue app and, for any other GET of a page, its index.html, so that history-mode
 * URLs such as /recommendations/12 load the app. A path that is none of the app's pages
 * (CLIENT_ROUTE_PATHS, shared with its router), or the page of a recommendation or report that
 * does not exist, gets the same index.html with status 404: the app then shows its not-found page.
 * Unknown API paths get a 404 problem instead.
 */
export default fp<WebAppPluginOptions>(
  async (app, { root }) => {
    const hasIndex = existsSync(join(root, 'index.html'));
    /** index.html, read on the first 404 of a page. */
    let notFoundPage: string | undefined;
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

    /** Whether a page path names a record that exists (true for every other page). */
    async function recordExists(path: string): Promise<boolean> {
      const recommendation = RECOMMENDATION_PAGE.exec(path);
      if (recommendation) {
        return app.repositories.recommendations.exists(Number(recommendation[1]));
      }
      const report = REPORT_PAGE.exec(path);
      if (report) {
        let key: string;
        try {
          key = decodeURIComponent(report[1] ?? '');
        } catch {
          return false;
        }
        return app.repositories.reports.exists(key);
      }
      return true;
    }

    app.setNotFoundHandler(async (request, reply) => {
      const isPage = request.method === 'GET' || request.method === 'HEAD';
      if (hasIndex && isPage && !SERVER_PATHS.test(request.url)) {
        const path = request.url.split(/[?#]/, 1)[0] ?? '/';
        reply.header('cache-control', 'no-cache');
        const known =
          isClientPath(path) &&
          // A database failure is no reason to withhold the app: it shows its own error then.
          (await recordExists(path).catch((error: unknown) => {
            request.log.warn({ err: error }, 'page record check failed');
            return true;
          }));
        if (known) return reply.sendFile('index.html');
        // The app's own not-found page, under the status a crawler or a link checker reads.
        notFoundPage ??= readFileSync(join(root, 'index.html'), 'utf8');
        return reply.code(404).type('text/html; charset=utf-8').send(notFoundPage);
      }
      return sendProblem(request, reply, {
        type: PROBLEM_TYPES.notFound,
        title: 'Not found',
        status: 404,
        detail: `No resource at ${request.method} ${request.url.split('?')[0]}.`,
      });
    });
  },
  { name: 'web-app', dependencies: ['problems', 'repositories'] },
);
