import type { Problem } from '@tracker/shared/domain';

/**
 * The server's validation messages by form field: a problem's `errors` name fields by their path
 * in the request ("body.quote", "body.recommendations.0.number"); a form names them without the
 * "body." prefix. The first message for a field wins. Other paths (a header) are kept as sent.
 */
export function fieldErrorsOf(problem: Problem): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { path, message } of problem.errors ?? []) {
    const field = path.startsWith('body.') ? path.slice('body.'.length) : path;
    errors[field] ??= message;
  }
  return errors;
}
