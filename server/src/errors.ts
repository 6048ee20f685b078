import { PROBLEM_TYPES } from '@tracker/shared';
import type { ProblemField } from '@tracker/shared';

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
    readonly errors?: ProblemField[],
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
