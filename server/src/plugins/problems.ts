import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { PROBLEM_TYPES } from '@tracker/shared';
import type { Problem, ProblemField } from '@tracker/shared';
import { HttpProblem, problemFromDatabaseError } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Omit<Problem, 'instance'>,
): FastifyReply {
  const body: Problem = { ...problem, instance: request.url.split('?')[0] ?? request.url };
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Problem type and title for the client errors Fastify raises itself (bad JSON, body too large). */
const CLIENT_ERRORS: Record<number, { type: string; title: string }> = {
  400: { type: PROBLEM_TYPES.badRequest, title: 'Bad request' },
  401: { type: PROBLEM_TYPES.unauthorized, title: 'Unauthorized' },
  403: { type: PROBLEM_TYPES.forbidden, title: 'Forbidden' },
  404: { type: PROBLEM_TYPES.notFound, title: 'Not found' },
  413: { type: PROBLEM_TYPES.payloadTooLarge, title: 'Payload too large' },
  415: { type: PROBLEM_TYPES.unsupportedMediaType, title: 'Unsupported media type' },
  429: { type: PROBLEM_TYPES.tooManyRequests, title: 'Too many requests' },
};

function validationFields(error: FastifyError): ProblemField[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const context = error.validationContext ?? 'request';
  return error.validation.map((issue) => ({
    path: [context, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
    message: issue.message ?? 'is invalid',
  }));
}

/**
 * The one error handler: every failure leaves as application/problem+json (RFC 9457). Validation
 * errors name the offending fields; known errors keep their status; anything else is logged with
 * its context and answered as a 500 that leaks nothing.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = error instanceof HttpProblem ? error : problemFromDatabaseError(error);
      if (problem) {
        if (problem.status >= 500) request.log.warn({ err: error }, problem.detail);
        for (const [name, value] of Object.entries(problem.options.headers ?? {})) {
          reply.header(name, value);
        }
        return sendProblem(request, reply, {
          type: problem.type,
          title: problem.title,
          status: problem.status,
          detail: problem.detail,
          ...(problem.options.errors ? { errors: problem.options.errors } : {}),
          ...(problem.options.current !== undefined ? { current: problem.options.current } : {}),
        });
      }
      if (error.validation) {
        const errors = validationFields(error);
        return sendProblem(request, reply, {
          type: PROBLEM_TYPES.validation,
          title: 'Invalid request',
          status: 400,
          detail:
            errors.length > 0
              ? `The request has ${errors.length} invalid field(s).`
              : 'The request is invalid.',
          errors,
        });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const known = CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400];
        return sendProblem(request, reply, {
          type: known?.type ?? PROBLEM_TYPES.badRequest,
          title: known?.title ?? 'Bad request',
          status,
          detail: error.message,
        });
      }
      request.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
      return sendProblem(request, reply, {
        type: PROBLEM_TYPES.internal,
        title: 'Internal server error',
        status: 500,
        detail: 'The server could not complete the request. It has been logged.',
      });
    });
  },
  { name: 'problems' },
);
