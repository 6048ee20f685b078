import { isProblem } from '@tracker/shared';
import type { Problem } from '@tracker/shared';

/** An API answer that was not 2xx, carrying the problem details the server sent. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The one place the web app talks HTTP; pages call typed functions built on it. */
export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      isProblem(body)
        ? body
        : {
            type: 'about:blank',
            title: response.statusText || 'Request failed',
            status: response.status,
            detail: `The server answered ${response.status}.`,
          },
    );
  }
  return body as T;
}
