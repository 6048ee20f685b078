import type { FastifyRequest } from 'fastify';
import { PROBLEM_TYPES } from '@tracker/shared';
import { HttpProblem, ValidationProblem } from '../errors.js';

/**
 * The version an update is based on: the body's `version`, or the `If-Match` header (`3`, `"3"`
 * or `W/"3"`). Without either the server cannot rule out a lost update, so it refuses (428).
 */
export function expectedVersion(request: FastifyRequest, bodyVersion: number | undefined): number {
  const header = request.headers['if-match'];
  const fromHeader = header === undefined ? undefined : /^(?:W\/)?"?(\d{1,9})"?$/.exec(header)?.[1];
  if (header !== undefined && fromHeader === undefined) {
    throw new ValidationProblem('If-Match must name a version, such as "3".', [
      { path: 'headers.if-match', message: 'must be a version number' },
    ]);
  }
  const version = bodyVersion ?? (fromHeader === undefined ? undefined : Number(fromHeader));
  if (version === undefined) {
    throw new HttpProblem(
      428,
      PROBLEM_TYPES.preconditionRequired,
      'Version required',
      'Send the version your change is based on, as `version` in the body or an If-Match header.',
    );
  }
  if (bodyVersion !== undefined && fromHeader !== undefined && Number(fromHeader) !== bodyVersion) {
    throw new ValidationProblem('The body and the If-Match header name different versions.', [
      { path: 'body.version', message: 'differs from If-Match' },
    ]);
  }
  return version;
}
