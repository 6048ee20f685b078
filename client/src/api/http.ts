import type { Problem } from '@tracker/shared/domain';

/** An API answer that was not 2xx, carrying the problem details the server sent. */
/** The path every call of the API's version 1 starts with. */
export const API_V1 = '/api/v1';

/** Options every API function takes: a signal that cancels the request. */
export type RequestOptions = { signal?: AbortSignal };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * Whether a body has the shape of an RFC 9457 problem. Checked by hand rather than with the shared
 * zod schema, so that zod stays out of the web app's bundle.
 */
function looksLikeProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const { type, title, status, detail } = body as Record<string, unknown>;
  return (
    typeof type === 'string' &&
    typeof title === 'string' &&
    typeof status === 'number' &&
    typeof detail === 'string'
  );
}

/** A query value as the API reads it: lists as repeated parameters, booleans as true/false. */
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;
export type Query = Record<string, QueryValue>;

/** `path?a=1&b=x&b=y`, leaving out undefined values and empty lists. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.append(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The one place the web app talks HTTP; pages call typed functions built on it. */
export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (wantsFreshAnswers()) headers['cache-control'] = 'no-cache';
  const response = await fetch(path, {
    ...init,
    headers,
    ...(headers['cache-control'] ? { cache: 'no-cache' as const } : {}),
  });
  return answerOf<T>(response);
}

/*
 * Read-your-writes across instances: a signed-in editor, and this tab for a while after any write
 * of its own, asks with `Cache-Control: no-cache`, so the answer is computed from the database
 * rather than taken from an instance's cache that the write's change notification has not yet
 * emptied (a few milliseconds; see the README's "Reliability and security").
 */
const FRESH_AFTER_WRITE_MS = 60_000;
let freshUntil = 0;

function wantsFreshAnswers(): boolean {
  return csrfToken !== undefined || Date.now() < freshUntil;
}

/** The body of a 2xx answer (undefined for 204); otherwise throws ApiError with the problem. */
async function answerOf<T>(response: Response): Promise<T> {
  const body: unknown =
    response.status === 204 ? undefined : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      looksLikeProblem(body)
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

/*
 * The CSRF token of the signed-in session. Held here rather than passed by every caller: every
 * write made with the session cookie must carry it, and the session store sets it at sign-in,
 * at start-up and clears it at sign-out.
 */
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export type WriteMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface SendOptions {
  /** The version the change is based on, sent as `If-Match`. */
  ifMatch?: number;
  signal?: AbortSignal;
}

/**
 * A write: JSON body (if any), the session cookie and the CSRF token. Answers the parsed body
 * (undefined for 204) or throws ApiError with the server's problem (its `errors` name the fields,
 * a 409 edit conflict carries `current`).
 */
export async function sendJson<T>(
  method: WriteMethod,
  path: string,
  body?: unknown,
  options: SendOptions = {},
): Promise<T> {
  return answerOf<T>(await send(method, path, body, options));
}

/**
 * A write whose answer's status matters besides its body: 202 Accepted when a deployment that
 * requires review kept an editor's write as a proposal. Throws ApiError as sendJson does.
 */
export async function sendJsonWithStatus<T>(
  method: WriteMethod,
  path: string,
  body: unknown,
  options: SendOptions = {},
): Promise<{ status: number; body: T }> {
  const response = await send(method, path, body, options);
  return { status: response.status, body: await answerOf<T>(response) };
}

async function send(
  method: WriteMethod,
  path: string,
  body: unknown,
  options: SendOptions,
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  freshUntil = Date.now() + FRESH_AFTER_WRITE_MS;
  return fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal: options.signal,
  });
}

/** A write whose body is a file as it is (a PDF upload), with the session's CSRF token. */
export async function sendFile<T>(
  path: string,
  file: Blob,
  contentType: string,
  options: SendOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': contentType,
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
    signal: options.signal,
  });
  return answerOf<T>(response);
}
