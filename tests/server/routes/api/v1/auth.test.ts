import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import { buildApp } from '@tracker/server';
import type { App } from '@tracker/server';
import { PROBLEM_TYPES } from '@tracker/shared';
import {
  asUser,
  createToken,
  createUser,
  signInAs,
  TEST_PASSWORD,
} from '../../../../helpers/accounts.js';
import { expectProblem, fakeClientDist } from '../../../../helpers/app.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';

/** A write any editor may make: creating an election. */
const newElection = (day: number) => ({
  countryCode: 'KZ',
  kind: 'local',
  heldOn: `2030-01-${String(day).padStart(2, '0')}`,
});

describe('accounts: sign-in, sessions, CSRF, tokens, throttling', () => {
  let database: TestDatabase;
  let app: App;
  const logLines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    // Every log line is kept, to check that no secret is ever logged.
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    app = await buildApp({
      database,
      clientDist: fakeClientDist(),
      logger: {
        level: 'trace',
        stream: logStream,
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('signs in with an HttpOnly, SameSite session cookie and a CSRF token', async () => {
    const user = await createUser(database.db, 'editor');
    const response = await request(app.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: user.email.toUpperCase(), password: user.password })
      .expect(200);
    expect(response.body.user.email).toBe(user.email);
    expect(response.body.csrfToken.length).toBeGreaterThan(20);
    const cookie = (response.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie).toMatch(/^tracker_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const session = await request(app.server)
      .get('/api/v1/auth/session')
      .set('cookie', cookie.split(';')[0]!)
      .expect(200);
    expect(session.body.user.id).toBe(user.id);
  });

  it('refuses a wrong password with a 401 that does not say which part was wrong', async () => {
    const user = await createUser(database.db, 'editor');
    const wrong = await request(app.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: user.email, password: 'not the password at all' });
    const unknown = await request(app.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: 'nobody@example.org', password: 'not the password at all' });
    expect(expectProblem(wrong, 401).detail).toBe(expectProblem(unknown, 401).detail);
  });

  it('gives a new session id at every sign-in and ends the one the browser had', async () => {
    const user = await createUser(database.db, 'editor');
    const first = await request(app.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: user.email, password: user.password });
    const firstCookie = (first.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const second = await request(app.server)
      .post('/api/v1/auth/sign-in')
      .set('cookie', firstCookie)
      .send({ email: user.email, password: user.password });
    const secondCookie = (second.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    expect(secondCookie).not.toBe(firstCookie);
    await request(app.server).get('/api/v1/auth/session').set('cookie', firstCookie).expect(401);
    await request(app.server).get('/api/v1/auth/session').set('cookie', secondCookie).expect(200);
  });

  it('ends the session at sign-out, from the very next request', async () => {
    const session = await signInAs(app, database.db, 'editor');
    await request(app.server)
      .post('/api/v1/auth/sign-out')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrfToken)
      .expect(204);
    const write = await request(app.server)
      .post('/api/v1/elections')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrfToken)
      .send(newElection(1));
    expectProblem(write, 401, PROBLEM_TYPES.unauthorized);
  });

  it('refuses a cookie-authenticated write without the right CSRF token, writing nothing', async () => {
    const session = await signInAs(app, database.db, 'editor');
    const countElections = async () =>
      (await database.db.select({ n: sql<number>`count(*)::int` }).from(schema.elections))[0]!.n;
    const before = await countElections();
    const missing = await request(app.server)
      .post('/api/v1/elections')
      .set('cookie', session.cookie)
      .send(newElection(2));
    expectProblem(missing, 403, PROBLEM_TYPES.csrf);
    const wrong = await request(app.server)
      .post('/api/v1/elections')
      .set('cookie', session.cookie)
      .set('x-csrf-token', `${session.csrfToken}x`)
      .send(newElection(2));
    expectProblem(wrong, 403, PROBLEM_TYPES.csrf);
    expect(await countElections()).toBe(before);
    await request(app.server)
      .post('/api/v1/elections')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrfToken)
      .send(newElection(2))
      .expect(201);
    expect(await countElections()).toBe(before + 1);
  });

  it('lets a script write with a bearer token (no CSRF needed), until it is revoked', async () => {
    const session = await signInAs(app, database.db, 'editor');
    const token = await createToken(app, session);
    await request(app.server)
      .post('/api/v1/elections')
      .set('authorization', `Bearer ${token}`)
      .send(newElection(3))
      .expect(201);

    const list = await request(app.server)
      .get('/api/v1/auth/tokens')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(JSON.stringify(list.body)).not.toContain(token);
    const tokenId = list.body.items[0].id;

    await request(app.server)
      .delete(`/api/v1/auth/tokens/${tokenId}`)
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrfToken)
      .expect(204);
    const refused = await request(app.server)
      .post('/api/v1/elections')
      .set('authorization', `Bearer ${token}`)
      .send(newElection(4));
    expectProblem(refused, 401, PROBLEM_TYPES.unauthorized);
  });

  it('refuses a malformed or unknown bearer token', async () => {
    for (const header of ['Bearer nope', 'Bearer odt_thisisnotarealtokenatall', 'Basic abc']) {
      const response = await request(app.server)
        .post('/api/v1/elections')
        .set('authorization', header)
        .send(newElection(5));
      expectProblem(response, 401);
    }
  });

  it('applies a deactivation and a role change on the very next request', async () => {
    const admin = await signInAs(app, database.db, 'admin');
    const editor = await signInAs(app, database.db, 'editor');
    const token = await createToken(app, editor);
    const asAdmin = (req: request.Test) => asUser(admin, req);

    // Promote: the editor may now list users.
    await request(app.server)
      .get('/api/v1/users')
      .set('authorization', `Bearer ${token}`)
      .expect(403);
    const promoted = await asAdmin(request(app.server).patch(`/api/v1/users/${editor.user.id}`))
      .send({ role: 'admin', version: 1, reason: 'new adviser lead' })
      .expect(200);
    expect(promoted.body.role).toBe('admin');
    await request(app.server)
      .get('/api/v1/users')
      .set('authorization', `Bearer ${token}`)
      .expect(200);

    // Deactivate: both the session and the token stop working at once.
    await asAdmin(request(app.server).patch(`/api/v1/users/${editor.user.id}`))
      .send({ active: false, version: promoted.body.version })
      .expect(200);
    await request(app.server)
      .get('/api/v1/users')
      .set('authorization', `Bearer ${token}`)
      .expect(401);
    await request(app.server).get('/api/v1/auth/session').set('cookie', editor.cookie).expect(401);
  });

  it('slows down repeated failures with 429 and Retry-After (no waiting on the server), then refuses them for a while', async () => {
    const user = await createUser(database.db, 'editor');
    const attempt = (password: string) =>
      request(app.server).post('/api/v1/auth/sign-in').send({ email: user.email, password });
    const pairKey = sql`${schema.signInThrottles.key} like ${`pair:${user.email} %`}`;
    /** Time passes: the wait the last attempt imposed is over. */
    const waitOver = () =>
      database.db.update(schema.signInThrottles).set({ lockedUntil: null }).where(pairKey);

    const started = Date.now();
    for (let failure = 1; failure <= 3; failure++) {
      const answer = await attempt(`wrong password ${failure}`);
      expectProblem(answer, 401);
      expect(answer.headers['retry-after']).toBeUndefined();
    }
    // The fourth failure says how long to wait before the next attempt: 1 s, then 2, 4 …
    const fourth = await attempt('wrong password 4');
    expectProblem(fourth, 401);
    expect(fourth.headers['retry-after']).toBe('1');
    // The server did not sleep: the delays are the client's to honour.
    expect(Date.now() - started).toBeLessThan(2400);

    // An attempt within the wait is refused, even with the right password.
    const early = await attempt(TEST_PASSWORD);
    expectProblem(early, 429, PROBLEM_TYPES.tooManyRequests);
    expect(early.headers['retry-after']).toBe('1');

    await waitOver();
    expect((await attempt('wrong password 5')).headers['retry-after']).toBe('2');
    for (let failure = 6; failure <= 10; failure++) {
      await waitOver();
      expectProblem(await attempt(`wrong password ${failure}`), 401);
    }
    // Ten attempts in the window: refused for the rest of it, even the right password.
    await waitOver();
    const locked = await attempt(TEST_PASSWORD);
    expectProblem(locked, 429, PROBLEM_TYPES.tooManyRequests);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);

    // After the window, the right password works and clears the count.
    await database.db
      .update(schema.signInThrottles)
      .set({ firstFailureAt: sql`now() - interval '1 hour'`, lockedUntil: null })
      .where(pairKey);
    await attempt(TEST_PASSWORD).expect(200);
    const left = await database.db.select().from(schema.signInThrottles).where(pairKey);
    expect(left).toEqual([]);
  });

  it('refuses an expired session', async () => {
    const session = await signInAs(app, database.db, 'editor');
    await database.db
      .update(schema.sessions)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(schema.sessions.userId, session.user.id));
    const response = await request(app.server)
      .post('/api/v1/elections')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrfToken)
      .send(newElection(6));
    expect(expectProblem(response, 401).detail).toMatch(/expired/);
  });

  it('never writes a password or a token secret into a log line', async () => {
    const session = await signInAs(app, database.db, 'editor');
    const token = await createToken(app, session);
    await request(app.server).get('/api/v1/auth/tokens').set('authorization', `Bearer ${token}`);
    const logs = logLines.join('');
    expect(logLines.length).toBeGreaterThan(10);
    expect(logs).not.toContain(TEST_PASSWORD);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(session.cookie.split('=')[1]!);
    expect(logs).not.toContain(session.csrfToken);
  });

  it('never answers with a password hash', async () => {
    const admin = await signInAs(app, database.db, 'admin');
    const users = await request(app.server)
      .get('/api/v1/users')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(users.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(users.body)).not.toMatch(/argon2|passwordHash/);
  });
});
