import { z } from 'zod';
import { MAX_ID } from './domain/rules.js';

/** Database ids are positive integers; path and query parameters arrive as strings. */
export const idSchema = z.coerce.number().int().positive().max(MAX_ID);

export const idParamsSchema = z.strictObject({ id: idSchema });

/** One field that failed validation, named by its path in the request ("query.page"). */
export const problemFieldSchema = z.object({
  path: z.string(),
  message: z.string(),
});

/**
 * The one error shape of the API: RFC 9457 problem details, served as application/problem+json.
 * `type` is a stable identifier clients may switch on; `errors` lists offending fields.
 */
export const problemSchema = z
  .object({
    type: z.string().describe('Stable identifier of the kind of problem'),
    title: z.string().describe('Short human-readable summary of the kind of problem'),
    status: z.number().int().describe('HTTP status code'),
    detail: z.string().describe('Human-readable explanation of this occurrence'),
    instance: z.string().optional().describe('The request path'),
    errors: z.array(problemFieldSchema).optional().describe('Fields that failed validation'),
    current: z
      .unknown()
      .optional()
      .describe('With a 409 edit conflict: the record as it now is, to compare and choose from'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

export { PROBLEM_TYPES } from './domain/problem.js';

export function isProblem(value: unknown): value is Problem {
  return problemSchema.safeParse(value).success;
}
export type ProblemField = z.infer<typeof problemFieldSchema>;
