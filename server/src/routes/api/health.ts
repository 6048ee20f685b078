import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema } from '@tracker/shared';
import type { Health } from '@tracker/shared';
import { API_VERSION } from '../../plugins/openapi.js';

const PING_TIMEOUT_MS = 2000;

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Service and database health',
        description: 'Answers 200 when the database answers a query, 503 when it does not.',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      let reachable = true;
      try {
        await withTimeout(app.database.ping(), PING_TIMEOUT_MS);
      } catch {
        reachable = false;
      }
      const body: Health = {
        status: reachable ? 'ok' : 'unavailable',
        database: {
          status: reachable ? 'ok' : 'unavailable',
          engine: app.database.engine,
          ...(reachable ? { latencyMs: Math.round((performance.now() - started) * 10) / 10 } : {}),
        },
        version: API_VERSION,
      };
      return reply
        .code(reachable ? 200 : 503)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export default healthRoutes;
