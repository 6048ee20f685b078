import { notModifiedSchema, problemSchema } from '@tracker/shared';

/**
 * Response declarations shared by the public read routes: problems are documented (and
 * serialised) as application/problem+json, and a 304 has no body. The schemas are the shared ones.
 */

function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: problemSchema } } };
}

const invalidRequest = problemResponse(
  'Invalid request: an unknown query parameter, or a malformed value. `errors` names the offending fields.',
);

/** 200, 304 and 400: a list or a computed resource. */
export function listResponses<Ok>(ok: Ok) {
  return { 200: ok, 304: notModifiedSchema, 400: invalidRequest };
}

/** 200, 304, 400 and 404: one resource addressed by its key. */
export function itemResponses<Ok>(ok: Ok, notFound: string) {
  return { ...listResponses(ok), 404: problemResponse(notFound) };
}

/** Appended to every public route's description. */
export const CACHING_NOTE =
  '\n\nPublic and cacheable: the answer carries an `ETag` and `Cache-Control: public, max-age=0, must-revalidate`; send the `ETag` back in `If-None-Match` to get a bodiless 304 while nothing has changed. Its `Link` header names its permalink (`rel="cite-as"`, RFC 8574) and the latest data release (`rel="describedby"`); `GET /api/v1/citation` gives a suggested citation.';

/**
 * Refusals of the signed-in routes, by status code, documented (and serialised) as
 * application/problem+json like the public routes' problems.
 */
export function problemResponses<const Code extends number>(...codes: Code[]) {
  const response = { content: { 'application/problem+json': { schema: problemSchema } } };
  return Object.fromEntries(codes.map((code) => [code, response])) as Record<Code, typeof response>;
}
