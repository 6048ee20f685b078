import fastifyEtag from '@fastify/etag';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Clients may keep a copy but must revalidate it on every use: an edit shows on the next read. */
const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** The opaque part of an entity tag, for weak comparison (RFC 9110, 8.8.3.2). */
function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

/** Whether an If-None-Match header (`*`, or a list of tags) matches the ETag, weakly compared. */
export function ifNoneMatchIncludes(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  // A client revalidating its copy sends back the one tag it was given: no parsing needed.
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}

/** The public Cache-Control, unless the route chose its own. */
export function markPublic(reply: FastifyReply): void {
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', PUBLIC_CACHE_CONTROL);
}

/**
 * onSend hook for the routes of public, user-independent data (the read API): a successful GET
 * or HEAD gets the public Cache-Control, and becomes a bodiless 304 when the client already holds
 * its ETag. Errors carry neither an ETag nor a cacheable header. Added by the public routes'
 * plugin only, never globally: answers that depend on who asks must not be marked public.
 */
export async function publicCacheHook(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  if (reply.statusCode >= 400) {
    reply.removeHeader('etag');
    reply.header('cache-control', 'no-store');
    return payload;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
  markPublic(reply);
  const etag = reply.getHeader('etag');
  if (
    reply.statusCode === 200 &&
    typeof etag === 'string' &&
    ifNoneMatchIncludes(request.headers['if-none-match'], etag)
  ) {
    reply.code(304);
    // A 304 has no content, so no content encoding either.
    reply.removeHeader('content-encoding');
    return '';
  }
  return payload;
}

/**
 * Entity tags: @fastify/etag hashes every string or buffer answer into an ETag (streamed answers,
 * such as exports, set their own). Whether a matching If-None-Match earns a 304 is decided by
 * `publicCacheHook`, which knows the status and reads the header's list of tags.
 */
export default fp(
  async (app) => {
    await app.register(fastifyEtag, { replyWith304: false });
    // An error is not a representation to revalidate.
    app.addHook('onSend', async (_request, reply, payload) => {
      if (reply.statusCode >= 400) reply.removeHeader('etag');
      return payload;
    });
  },
  { name: 'http-cache' },
);
