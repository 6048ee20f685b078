import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PROBLEM_TYPES } from '@tracker/shared';
import { DEFAULT_WRITES_PER_MINUTE } from '../config.js';
import { HttpProblem } from '../errors.js';

interface WriteRateLimitOptions {
  /** Writes one user (or one anonymous address) may make per minute. */
  writesPerMinute?: number | undefined;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isWrite = (request: FastifyRequest) => WRITE_METHODS.has(request.method);

/**
 * Caps writes per minute, counted per signed-in user (so a runaway script with a token cannot
 * flood the history, whichever address it comes from) or per address for anonymous requests.
 * Reads are never limited here: they are public, cached and cheap. Counting happens when the
 * request arrives, before its body is parsed, so a flood of malformed writes is capped too.
 * Sign-in keeps its own, stricter throttle per account and address.
 */
export default fp<WriteRateLimitOptions>(
  async (app, { writesPerMinute = DEFAULT_WRITES_PER_MINUTE }) => {
    await app.register(fastifyRateLimit, {
      global: true,
      hook: 'onRequest',
      max: writesPerMinute,
      timeWindow: 60_000,
      keyGenerator: async (request) => {
        if (!isWrite(request)) return 'read';
        // A wrong token is refused later by the route, with its own 401; count it by address.
        const credential = await app.authenticate(request).catch(() => null);
        return credential ? `user:${credential.user.id}` : `address:${request.ip}`;
      },
      allowList: (request) => !isWrite(request),
      errorResponseBuilder: (_request, context) =>
        new HttpProblem(
          429,
          PROBLEM_TYPES.tooManyRequests,
          'Too many requests',
          `At most ${context.max} changes a minute are accepted; try again in ${context.after}.`,
          { headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) } },
        ),
    });
  },
  { name: 'write-rate-limit', dependencies: ['auth', 'problems'] },
);
