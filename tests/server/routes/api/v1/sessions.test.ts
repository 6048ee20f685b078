import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { PROBLEM_TYPES } from '@tracker/shared';
import { signInAs } from '../../../../helpers/accounts.js';
import { buildTestApp, expectProblem } from '../../../../helpers/app.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';

describe('sessions: idle timeout, sign-out, who is asking before the body', () => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    // SESSION_IDLE_MINUTES=30
    app = await buildTestApp(database, { sessionIdleSeconds: 30 * 60 });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const idleFor = (userId: number, minutes: number) =>
    database.db
      .update(schema.sessions)
      .set({ lastSeenAt: sql`now() - make_interval(mins => ${minutes})` })
      .where(eq(schema.sessions.userId, userId));

  it('ends a session left idle for longer than the idle timeout, besides the absolute one', async () => {
    const session = await signInAs(app, database.db, 'editor');
    await idleFor(session.user.id, 20);
    // In use within the timeout: it goes on, and the use is noted.
    await request(app.server).get('/api/v1/auth/session').set('cookie', session.cookie).expect(200);
    const [row] = await database.db
      .select({
        idle: sql<number>`extract(epoch from now() - ${schema.sessions.lastSeenAt})::float8`,
      })
      .from(schema.sessions)
      .where(eq(schema.sessions.userId, session.user.id));
    expect(row!.idle).toBeLessThan(60);

    await idleFor(session.user.id, 31);
    await request(app.server).get('/api/v1/auth/session').set('cookie', session.cookie).expect(401);
    const write = await request(app.server)
      .post('/api/v1/elections')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrfToken)
      .send({ countryCode: 'KZ', kind: 'local', heldOn: '2031-01-01' });
    expect(expectProblem(write, 401).detail).toMatch(/expired|ended/);
  });

  it('refuses a sign-out made with the session cookie but without its CSRF token', async () => {
    const session = await signInAs(app, database.db, 'editor');
    for (const token of [undefined, 'not the token']) {
      const attempt = request(app.server)
        .post('/api/v1/auth/sign-out')
        .set('cookie', session.cookie);
      if (token) attempt.set('x-csrf-token', token);
      expectProblem(await attempt, 403, PROBLEM_TYPES.csrf);
    }
    // The session was not ended by the forged sign-outs.
    await request(app.server).get('/api/v1/auth/session').set('cookie', session.cookie).expect(200);
    await request(app.server)
      .post('/api/v1/auth/sign-out')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrfToken)
      .expect(204);
    await request(app.server).get('/api/v1/auth/session').set('cookie', session.cookie).expect(401);
    // A stale cookie is simply cleared.
    await request(app.server)
      .post('/api/v1/auth/sign-out')
      .set('cookie', session.cookie)
      .expect(204);
  });

  it('answers an anonymous write 401 before looking at its body (a JSON type with no body)', async () => {
    for (const [method, url] of [
      ['DELETE', '/api/v1/auth/tokens/1'],
      ['DELETE', '/api/v1/elections/1'],
      ['POST', '/api/v1/elections'],
      ['PATCH', '/api/v1/users/1'],
    ] as const) {
      const answer = await app.inject({
        method,
        url,
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.statusCode, `${method} ${url}`).toBe(401);
      const broken = await app.inject({
        method,
        url,
        headers: { 'content-type': 'application/json' },
        payload: '{"not json',
      });
      expect(broken.statusCode, `${method} ${url} with a broken body`).toBe(401);
    }
  });
});
