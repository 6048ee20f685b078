import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PROBLEM_TYPES } from '@tracker/shared';
import type { Problem } from '@tracker/shared';
import { PROBLEM_CONTENT_TYPE, sendProblem } from './problems.js';

function badBody(message: string): FastifyError {
  return Object.assign(new Error(message), {
    code: 'TRACKER_BAD_JSON_BODY',
    name: 'BadJsonBody',
    statusCode: 400,
  });
}

/** A lone UTF-16 surrogate: text that is not Unicode (JSON lets `\ud800` spell one). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isBadText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * Whether a parsed JSON value holds a string or key with a NUL character or a lone surrogate.
 * Walked with a stack rather than recursion: a body may be nested thousands of levels deep.
 */
function containsBadText(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (isBadText(value)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value as unknown[]) pending.push(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (isBadText(key)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/**
 * JSON bodies are read as bytes and decoded strictly. Fastify's own parser decodes with
 * replacement, so a malformed byte sequence would be stored silently as U+FFFD inside a verbatim
 * quotation. Such a body is refused with a 400 before any route sees it, and so is text no report
 * contains and PostgreSQL cannot store: NUL characters and lone surrogates (both can only arrive
 * escaped, as `\u0000` or `\ud800`). Parsing itself stays Fastify's, prototype-poisoning checks
 * included.
 */
export default fp(
  async (app) => {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      let text: string;
      try {
        text = utf8.decode(body as Buffer);
      } catch {
        done(badBody('The body is not valid UTF-8.'), undefined);
        return;
      }
      parseJson(request, text, (error, value) => {
        if (error) return done(error, undefined);
        if (/\\u/i.test(text) && containsBadText(value)) {
          return done(
            badBody('Text must not contain NUL characters or unpaired surrogates.'),
            undefined,
          );
        }
        done(null, value);
      });
    });
  },
  { name: 'malformed-requests', dependencies: ['problems'] },
);

/**
 * Fastify's `clientErrorHandler`: a request too malformed to reach any route (headers over the
 * size limit, a broken request line, a timeout) still gets the API's one error shape.
 */
export function problemClientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // The client is gone: there is nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let problem: Omit<Problem, 'instance'>;
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    problem = {
      type: PROBLEM_TYPES.payloadTooLarge,
      title: STATUS_CODES[431]!,
      status: 431,
      detail: 'The request line and headers together exceed the size limit (16 KiB).',
    };
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    problem = {
      type: PROBLEM_TYPES.badRequest,
      title: STATUS_CODES[408]!,
      status: 408,
      detail: 'The request was not received in time.',
    };
  } else {
    problem = {
      type: PROBLEM_TYPES.badRequest,
      title: 'Bad request',
      status: 400,
      detail: 'The request is not well-formed HTTP.',
    };
  }
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Fastify's `frameworkErrors`: a path Fastify cannot route at all (a broken percent-encoding, a
 * parameter over the length limit) is answered before any hook or error handler runs; this gives
 * it the problem shape too.
 */
export function problemFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 400;
  void sendProblem(request, reply, {
    type: PROBLEM_TYPES.badRequest,
    title: STATUS_CODES[status] ?? 'Bad request',
    status,
    detail: error.message,
  });
}
