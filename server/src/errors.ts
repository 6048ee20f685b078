import { PROBLEM_TYPES } from '@tracker/shared';
import type { ProblemField } from '@tracker/shared';

export interface ProblemOptions {
  errors?: ProblemField[];
  /** With an edit conflict: the record as it now is. */
  current?: unknown;
  /** Extra response headers (Retry-After). */
  headers?: Record<string, string>;
}

/**
 * A failure the API answers with a specific status and problem type. Route handlers and
 * repositories throw these; the error handler turns them into application/problem+json.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly options: ProblemOptions = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export class NotFoundError extends HttpProblem {
  constructor(detail: string) {
    super(404, PROBLEM_TYPES.notFound, 'Not found', detail);
  }
}

/** `value` when there is one; otherwise a 404 problem saying what was not found. */
export function orNotFound<T>(value: T | null | undefined, detail: string): T {
  if (value === null || value === undefined) throw new NotFoundError(detail);
  return value;
}

export class ValidationProblem extends HttpProblem {
  constructor(detail: string, errors: ProblemField[]) {
    super(400, PROBLEM_TYPES.validation, 'Invalid request', detail, { errors });
  }
}

/**
 * Refuses (400) a record in which any of `required` is empty, naming each missing body field with
 * its message: rules that the schema cannot state alone (they depend on other fields or records).
 */
export function requireFields(
  record: Record<string, unknown>,
  required: Record<string, string>,
  detail: string,
): void {
  const errors = Object.entries(required)
    .filter(([field]) => !record[field])
    .map(([field, message]) => ({ path: `body.${field}`, message }));
  if (errors.length > 0) throw new ValidationProblem(detail, errors);
}

/** PostgreSQL error classes, by SQLSTATE. */
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';
const NOT_NULL_VIOLATION = '23502';
const INVALID_TEXT = ['22P02', '22007', '22008', '22003', '22001'];
/** Serialization failure, deadlock: the transaction was rolled back and may simply be retried. */
const TRANSACTION_ROLLBACK = /^40/;
/** Connection lost or refused, server shutting down: the database is (for now) unavailable. */
const UNAVAILABLE = /^(08|57P0[123])/;
/** A statement cancelled by the statement timeout (or an operator): the database is busy. */
const QUERY_CANCELED = '57014';
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);

interface DatabaseError {
  code?: string;
  constraint?: string;
  message?: string;
}

/** The driver's error behind a drizzle error, if the failure came from the database. */
function databaseError(error: unknown): DatabaseError | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const candidate = current as DatabaseError & { cause?: unknown };
    if (typeof candidate.code === 'string') return candidate;
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Turns a database refusal into the problem a client can act on: a broken rule is the client's
 * to fix (400/409), a lost connection is temporary (503 with Retry-After). Other errors: undefined.
 */
export function problemFromDatabaseError(error: unknown): HttpProblem | undefined {
  const cause = databaseError(error);
  if (!cause?.code) return undefined;
  const constraint = cause.constraint ? ` (${cause.constraint})` : '';
  if (cause.code === UNIQUE_VIOLATION) {
    return new HttpProblem(
      409,
      PROBLEM_TYPES.conflict,
      'Conflict',
      `The change would duplicate an existing record${constraint}.`,
    );
  }
  if (cause.code === FOREIGN_KEY_VIOLATION) {
    return new HttpProblem(
      409,
      PROBLEM_TYPES.conflict,
      'Conflict',
      `The change refers to a record that does not exist, or removes one that other records refer to${constraint}.`,
    );
  }
  if (cause.code === CHECK_VIOLATION || cause.code === NOT_NULL_VIOLATION) {
    return new HttpProblem(
      400,
      PROBLEM_TYPES.validation,
      'Invalid request',
      `The change breaks a rule of the data model${constraint}.`,
      { errors: [] },
    );
  }
  if (TRANSACTION_ROLLBACK.test(cause.code)) {
    return new HttpProblem(
      409,
      PROBLEM_TYPES.conflict,
      'Conflict',
      'The change collided with another made at the same moment, and nothing of it was written. Send it again.',
      { headers: { 'retry-after': '1' } },
    );
  }
  if (INVALID_TEXT.includes(cause.code)) {
    return new HttpProblem(400, PROBLEM_TYPES.badRequest, 'Bad request', 'A value is malformed.');
  }
  if (cause.code === QUERY_CANCELED) {
    return new HttpProblem(
      503,
      PROBLEM_TYPES.serviceUnavailable,
      'Service unavailable',
      'The database took too long to answer and the request was given up. Try again shortly.',
      { headers: { 'retry-after': '5' } },
    );
  }
  if (UNAVAILABLE.test(cause.code) || NETWORK_ERRORS.has(cause.code)) {
    return new HttpProblem(
      503,
      PROBLEM_TYPES.serviceUnavailable,
      'Service unavailable',
      'The database cannot be reached just now. Try again shortly.',
      { headers: { 'retry-after': '5' } },
    );
  }
  return undefined;
}
