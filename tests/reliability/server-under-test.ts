import { readFileSync } from 'node:fs';
import { electionRecordSchema } from '@tracker/shared';
import type { ElectionRecord } from '@tracker/shared';
import { createUserWithCli } from '../helpers/create-user-cli.js';
import type { CliUser } from '../helpers/create-user-cli.js';
import { createServerTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';
import { startServer } from '../helpers/server-process.js';
import type { ServerProcess } from '../helpers/server-process.js';

export const EDITOR: CliUser = {
  email: 'reliability@example.org',
  name: 'Reliability Editor',
  role: 'editor',
  password: 'a long enough reliability passphrase',
};

/**
 * The environment of a server process with a database of its own, cloned from the seeded
 * template: on PostgreSQL a database (DATABASE_URL set), else a PGlite data directory restored
 * from the template's dump. An editor account is made with the CLI before the server starts.
 */
export interface ServerDatabase {
  env: Record<string, string>;
  /** PostgreSQL only: the test's own connection, and the database's name. */
  database?: TestDatabase;
  name?: string;
  dataDir?: string;
  destroy: () => Promise<void>;
}

export async function serverDatabase(): Promise<ServerDatabase> {
  const target = await createServerTestDatabase('seeded');
  await createUserWithCli(target.env, EDITOR);
  return {
    ...target,
    ...(target.database ? { name: new URL(target.database.url!).pathname.slice(1) } : {}),
  };
}

/** Starts the built server on the database; writes are not rate-limited (not under test here). */
export function startTestServer(target: ServerDatabase): Promise<ServerProcess> {
  return startServer({
    ...target.env,
    // startServer waits for the "listening" line, logged at info.
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
  });
}

/** Signs the editor in over HTTP and returns a personal API token. */
export async function editorToken(baseUrl: string, user: CliUser = EDITOR): Promise<string> {
  const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const created = await fetch(`${baseUrl}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'reliability tests' }),
  });
  if (created.status !== 201) throw new Error(`token: ${created.status}`);
  return ((await created.json()) as { token: string }).token;
}

/** A thin client for the writes the tests make. */
export function apiClient(baseUrl: string, token: string) {
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  };
  return {
    send,
    /** Creates an election held on a date no seed election has (dates are unique per kind). */
    createElection: async (day: number, note: string) =>
      send('POST', '/api/v1/elections', {
        countryCode: 'KZ',
        kind: 'local',
        heldOn: new Date(Date.UTC(2200, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
        note,
      }),
    updateElection: async (id: number, version: number, note: string) =>
      send('PATCH', `/api/v1/elections/${id}`, { note, version }),
    election: async (id: number): Promise<ElectionRecord | undefined> => {
      const response = await send('GET', `/api/v1/elections/${id}/record`);
      return response.status === 200 ? electionRecordSchema.parse(response.body) : undefined;
    },
  };
}

/** Resident memory of a process in KiB, from /proc (Linux). */
export function rssKib(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the condition holds, looking every 50 ms, for at most `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await sleep(50);
}
