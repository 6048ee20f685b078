import { isApiError } from '../api/http.js';
import type { Messages } from '../i18n/index.js';

/**
 * The one way a failure becomes a message: an API problem says what the server answered, anything
 * else (the request never got an answer) that the server could not be reached.
 */
export function failureMessage(error: unknown, t: Messages): string {
  return isApiError(error)
    ? t.common.errorStatus(error.problem.status, error.problem.detail)
    : t.common.errorNetwork;
}

/** The HTTP status of a failed API call; undefined for a network error. */
export function failureStatus(error: unknown): number | undefined {
  return isApiError(error) ? error.problem.status : undefined;
}
