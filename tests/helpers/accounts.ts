import request from 'supertest';
import { expect } from 'vitest';
import { schema } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { App } from '@tracker/server';
import type { UserRole } from '@tracker/shared';
import { hashPassword } from '@tracker/server';

export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;

/** A user straight in the database (as `npm run user:create` makes one). */
export async function createUser(db: Database, role: UserRole, password = TEST_PASSWORD) {
  const email = `${role}-${process.pid}-${Date.now().toString(36)}-${counter++}@example.org`;
  const [user] = await db
    .insert(schema.users)
    .values({
      email,
      displayName: `Test ${role}`,
      role,
      passwordHash: await hashPassword(password),
    })
    .returning();
  return { ...user!, password };
}

export interface SignedIn {
  user: { id: number; email: string; role: UserRole };
  /** The Cookie header to send. */
  cookie: string;
  csrfToken: string;
}

/** Signs a user of the role in through the API, as the web app does. */
export async function signInAs(app: App, db: Database, role: UserRole): Promise<SignedIn> {
  const user = await createUser(db, role);
  const response = await request(app.server)
    .post('/api/v1/auth/sign-in')
    .send({ email: user.email, password: user.password });
  expect(response.status).toBe(200);
  const setCookie = response.headers['set-cookie'] as unknown as string[];
  return {
    user: { id: user.id, email: user.email, role },
    cookie: setCookie[0]!.split(';')[0]!,
    csrfToken: response.body.csrfToken,
  };
}

/** A request sent as a signed-in user: their session cookie and CSRF token. */
export function asUser(who: SignedIn, req: request.Test): request.Test {
  return req.set('cookie', who.cookie).set('x-csrf-token', who.csrfToken);
}

/** A personal API token of a signed-in user. */
export async function createToken(app: App, session: SignedIn): Promise<string> {
  const response = await asUser(session, request(app.server).post('/api/v1/auth/tokens')).send({
    name: 'test script',
  });
  expect(response.status).toBe(201);
  return response.body.token;
}
