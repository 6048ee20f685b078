import { and, eq, ne } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { PROBLEM_TYPES } from '@tracker/shared';
import { asUser, createToken, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { buildTestApp, expectProblem, useTestApp } from '../../../../helpers/app.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';

const STRONG = 'plovdiv sunrise over the teapot';

describe('user management: passwords, ending access, the last admin', () => {
  let database: TestDatabase;
  let app: App;
  let admin: SignedIn;

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    admin = await signInAs(app, database.db, 'admin');
  });

  const asAdmin = (method: 'post' | 'patch', path: string, who: SignedIn = admin) =>
    asUser(who, request(app.server)[method](path));

  async function versionOf(id: number): Promise<number> {
    const [row] = await database.db.select().from(schema.users).where(eq(schema.users.id, id));
    return row!.version;
  }

  it('refuses common passwords and ones built from the user’s name or e-mail, naming the field', async () => {
    const invite = {
      email: 'maria.ivanova@example.org',
      displayName: 'Maria Ivanova',
      role: 'editor',
    };
    for (const password of [
      'aaaaaaaaaaaa',
      'password1234',
      'qwertyuiop123',
      'maria.ivanova2024',
      'ivanovamaria1',
      'mariaivanova@example.org',
    ]) {
      const answer = await asAdmin('post', '/api/v1/users').send({ ...invite, password });
      const problem = expectProblem(answer, 400, PROBLEM_TYPES.validation);
      expect(problem.errors?.[0]?.path).toBe('body.password');
      expect(problem.errors?.[0]?.message).toMatch(/guess|name or e-mail/);
    }
    const created = await asAdmin('post', '/api/v1/users').send({ ...invite, password: STRONG });
    expect(created.status).toBe(201);

    // A reset is held to the same rule.
    const reset = await asAdmin('patch', `/api/v1/users/${created.body.id}`).send({
      password: 'Ivanova Maria',
      version: created.body.version,
    });
    expect(expectProblem(reset, 400).errors?.[0]?.path).toBe('body.password');
  });

  async function sessionAndToken() {
    const user = await signInAs(app, database.db, 'editor');
    const token = await createToken(app, user);
    return { user, token };
  }

  async function expectNoAccess(user: SignedIn, token: string) {
    await request(app.server).get('/api/v1/auth/session').set('cookie', user.cookie).expect(401);
    await request(app.server)
      .get('/api/v1/auth/tokens')
      .set('authorization', `Bearer ${token}`)
      .expect(401);
  }

  it('ends every session and API token of a user whose password an admin resets', async () => {
    const { user, token } = await sessionAndToken();
    await asAdmin('patch', `/api/v1/users/${user.user.id}`)
      .send({ password: STRONG, version: await versionOf(user.user.id) })
      .expect(200);
    await expectNoAccess(user, token);
  });

  it('ends every session and API token of a deactivated user, and a reactivation revives none', async () => {
    const { user, token } = await sessionAndToken();
    await asAdmin('patch', `/api/v1/users/${user.user.id}`)
      .send({ active: false, version: await versionOf(user.user.id) })
      .expect(200);
    await asAdmin('patch', `/api/v1/users/${user.user.id}`)
      .send({ active: true, version: await versionOf(user.user.id) })
      .expect(200);
    await expectNoAccess(user, token);
  });

  it('keeps the session an admin changes their own password with, and ends their others', async () => {
    const self = await signInAs(app, database.db, 'admin');
    const [row] = await database.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.id, self.user.id));
    const elsewhere = await request(app.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: row!.email, password: 'correct horse battery staple' })
      .expect(200);
    const otherCookie = (elsewhere.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    await asAdmin('patch', `/api/v1/users/${self.user.id}`, self)
      .send({ password: STRONG, version: await versionOf(self.user.id) })
      .expect(200);
    await request(app.server).get('/api/v1/auth/session').set('cookie', self.cookie).expect(200);
    await request(app.server).get('/api/v1/auth/session').set('cookie', otherCookie).expect(401);
  });

  it('refuses to demote or deactivate the last active admin (409), and allows it with another', async () => {
    const fresh = await createTestDatabase('seeded');
    const solo = await buildTestApp(fresh);
    try {
      const only = await signInAs(solo, fresh.db, 'admin');
      const send = (body: object) =>
        asUser(only, request(solo.server).patch(`/api/v1/users/${only.user.id}`)).send(body);
      const version = async () =>
        (await fresh.db.select().from(schema.users).where(eq(schema.users.id, only.user.id)))[0]!
          .version;
      // Other admins of the seed data (if any) are inactive.
      await fresh.db
        .update(schema.users)
        .set({ active: false })
        .where(and(eq(schema.users.role, 'admin'), ne(schema.users.id, only.user.id)));

      expectProblem(
        await send({ role: 'editor', version: await version() }),
        409,
        PROBLEM_TYPES.conflict,
      );
      expectProblem(
        await send({ active: false, version: await version() }),
        409,
        PROBLEM_TYPES.conflict,
      );

      // Two admins each demoting themselves at once: one of them stays an admin.
      const second = await signInAs(solo, fresh.db, 'admin');
      const secondVersion = (
        await fresh.db.select().from(schema.users).where(eq(schema.users.id, second.user.id))
      )[0]!.version;
      const [a, b] = await Promise.all([
        send({ role: 'editor', version: await version() }),
        asUser(second, request(solo.server).patch(`/api/v1/users/${second.user.id}`)).send({
          role: 'editor',
          version: secondVersion,
        }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const admins = await fresh.db
        .select()
        .from(schema.users)
        .where(and(eq(schema.users.role, 'admin'), eq(schema.users.active, true)));
      expect(admins).toHaveLength(1);
    } finally {
      await solo.close();
      await fresh.destroy();
    }
  });
});
