import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '@tracker/shared';
import { problemFromDatabaseError } from '../../server/src/errors.js';

/** SQLSTATEs as node-postgres reports them (`code`), wrapped as drizzle wraps them (`cause`). */
const failure = (code: string) => ({ message: 'Failed query', cause: { code } });

describe('database errors as problems', () => {
  it.each(['40P01', '40001'])('%s (rolled back, may be retried): 409 with Retry-After', (code) => {
    const problem = problemFromDatabaseError(failure(code));
    expect(problem?.status).toBe(409);
    expect(problem?.type).toBe(PROBLEM_TYPES.conflict);
    expect(problem?.options.headers).toMatchObject({ 'retry-after': '1' });
  });

  it.each([
    ['23505', 409],
    ['23503', 409],
    ['23514', 400],
    ['22P02', 400],
    ['08006', 503],
    ['57P01', 503],
  ])('%s: %i', (code, status) => {
    expect(problemFromDatabaseError(failure(code))?.status).toBe(status);
  });

  it('leaves other errors to the generic handler', () => {
    expect(problemFromDatabaseError(failure('XX000'))).toBeUndefined();
    expect(problemFromDatabaseError(new Error('not from the database'))).toBeUndefined();
  });
});
