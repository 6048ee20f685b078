import { expect } from 'vitest';
import type { ImportResult } from '@tracker/server';

/**
 * Asserts that the reader reported one problem only: with `fields`, and a message matching
 * `message`.
 */
export function expectOneProblem(
  result: ImportResult,
  fields: Partial<ImportResult['problems'][number]>,
  message: RegExp,
): void {
  expect(result.problems).toHaveLength(1);
  expect(result.problems[0]).toMatchObject(fields);
  expect(result.problems[0]?.message).toMatch(message);
}
