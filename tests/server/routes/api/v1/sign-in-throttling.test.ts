import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { loadConfig } from '../../../../../server/src/config.js';
import { createUser, signInAs, TEST_PASSWORD } from '../../../../helpers/accounts.js';
import { buildTestApp } from '../../../../helpers/app.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';

/**
 * Throttling slows and refuses an attacker without locking the real user out: limits are kept per
 * account and address together, and a browser that signed in before passes the account's limit.
 */
describe('sign-in throttling that cannot be turned against the user', () => {
  let database: TestDatabase;
  let app: App;
  let proxied: App;

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    app = await buildTestApp(database);
    proxied = await buildTestApp(database, { trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
  });
  afterAll(async () => {
    await app.close();
    await proxied.close();
    await database.destroy();
  });

  /** Time passes: every wait imposed so far is over (the counts stay). */
  const waitsOver = () => database.db.update(schema.signInThrottles).set({ lockedUntil: null });

  function signIn(
    target: App,
    email: string,
    password: string,
    from: { address?: string; forwardedFor?: string; cookie?: string } = {},
  ) {
    return target.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password },
      ...(from.address ? { remoteAddress: from.address } : {}),
      headers: {
        ...(from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {}),
        ...(from.cookie ? { cookie: from.cookie } : {}),
      },
    });
  }

  /** Guesses from one address until it is refused for the rest of the window. */
  async function exhaust(target: App, email: string, from: Parameters<typeof signIn>[3]) {
    for (let guess = 0; guess < 20; guess++) {
      await waitsOver();
      const answer = await signIn(target, email, `wrong guess ${guess}`, from);
      if (answer.statusCode === 429) return answer;
      expect(answer.statusCode).toBe(401);
    }
    throw new Error('never refused');
  }

  function deviceCookieOf(answer: { cookies: { name: string; value: string }[] }): string {
    const device = answer.cookies.find((cookie) => cookie.name === 'tracker_device');
    expect(device).toBeDefined();
    return `tracker_device=${device!.value}`;
  }

  it('refuses an attacker guessing from one address, while the user signs in from another', async () => {
    const user = await createUser(database.db, 'editor');
    const refused = await exhaust(app, user.email, { address: '203.0.113.66' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The attacker's address stays refused, even with the right password …
    expect(
      (await signIn(app, user.email, TEST_PASSWORD, { address: '203.0.113.66' })).statusCode,
    ).toBe(429);
    // … but the user, elsewhere, is not locked out.
    const own = await signIn(app, user.email, TEST_PASSWORD, { address: '198.51.100.7' });
    expect(own.statusCode).toBe(200);
  });

  it('refuses guesses spread over many addresses, but not the user’s known browser, whose sign-in lifts the limit', async () => {
    const user = await createUser(database.db, 'editor');
    const known = await signIn(app, user.email, TEST_PASSWORD, { address: '198.51.100.8' });
    expect(known.statusCode).toBe(200);
    const device = deviceCookieOf(known);

    // Three guesses from each of many addresses: the account's own limit is reached.
    let refusedAt = 0;
    for (let address = 1; address <= 40 && !refusedAt; address++) {
      for (let guess = 0; guess < 3; guess++) {
        const answer = await signIn(app, user.email, `wrong ${guess}`, {
          address: `192.0.2.${address}`,
        });
        if (answer.statusCode === 429) refusedAt = address;
      }
    }
    expect(refusedAt).toBeGreaterThan(0);
    // A new browser is refused, even with the right password.
    expect(
      (await signIn(app, user.email, TEST_PASSWORD, { address: '198.51.100.9' })).statusCode,
    ).toBe(429);
    // The browser that signed in before is not, and its sign-in lifts the account's limit.
    const again = await signIn(app, user.email, TEST_PASSWORD, {
      address: '198.51.100.9',
      cookie: device,
    });
    expect(again.statusCode).toBe(200);
    expect(
      (await signIn(app, user.email, TEST_PASSWORD, { address: '198.51.100.10' })).statusCode,
    ).toBe(200);
  });

  it('does not take a forged device cookie, nor one given to another account', async () => {
    const [victim, other] = [
      await createUser(database.db, 'editor'),
      await createUser(database.db, 'editor'),
    ];
    const otherDevice = deviceCookieOf(await signIn(app, other.email, TEST_PASSWORD));
    for (const cookie of [otherDevice, 'tracker_device=forged.c2lnbmF0dXJl']) {
      await exhaust(app, victim.email, { address: '203.0.113.70', cookie });
      expect(
        (await signIn(app, victim.email, 'wrong', { address: '203.0.113.70' })).statusCode,
      ).toBe(429);
      await database.db
        .delete(schema.signInThrottles)
        .where(sql`${schema.signInThrottles.key} like ${`%${victim.email}%`}`);
    }
  });

  it('lifts an account’s limit when an admin resets its password', async () => {
    const admin = await signInAs(app, database.db, 'admin');
    const user = await createUser(database.db, 'editor');
    for (let address = 1; address <= 40; address++) {
      const answer = await signIn(app, user.email, 'wrong', {
        address: `192.0.2.${100 + address}`,
      });
      if (answer.statusCode === 429) break;
    }
    expect(
      (await signIn(app, user.email, TEST_PASSWORD, { address: '198.51.100.20' })).statusCode,
    ).toBe(429);
    const reset = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      payload: { password: 'a brand new unusual passphrase', version: user.version },
    });
    expect(reset.statusCode).toBe(200);
    const after = await signIn(app, user.email, 'a brand new unusual passphrase', {
      address: '198.51.100.20',
    });
    expect(after.statusCode).toBe(200);
  });

  it('takes the client address from X-Forwarded-For only from a trusted proxy (TRUST_PROXY)', async () => {
    const user = await createUser(database.db, 'editor');
    // Behind the trusted proxy, each client is counted on its own …
    await exhaust(proxied, user.email, { address: '10.1.2.3', forwardedFor: '203.0.113.80' });
    const other = await signIn(proxied, user.email, TEST_PASSWORD, {
      address: '10.1.2.3',
      forwardedFor: '198.51.100.30',
    });
    expect(other.statusCode).toBe(200);

    // … and a client that is no trusted proxy cannot pose as many by forging the header.
    const victim = await createUser(database.db, 'editor');
    for (let guess = 0; guess < 20; guess++) {
      await waitsOver();
      const answer = await signIn(proxied, victim.email, `wrong ${guess}`, {
        address: '203.0.113.90',
        forwardedFor: `198.51.100.${guess}`,
      });
      if (answer.statusCode === 429) break;
    }
    const forged = await signIn(proxied, victim.email, TEST_PASSWORD, {
      address: '203.0.113.90',
      forwardedFor: '198.51.100.200',
    });
    expect(forged.statusCode).toBe(429);
  });

  it('prunes rows whose window has ended, a bounded number per attempt, keeping those that count', async () => {
    const hourAgo = sql`now() - interval '1 hour'`;
    const ended = Array.from({ length: 70 }, (_, index) => `address:2001:db8:7e57::${index}`);
    await database.db.insert(schema.signInThrottles).values([
      ...ended.map((key) => ({ key, failures: 5, firstFailureAt: hourAgo })),
      // Its window ended, but it must still wait: it stays.
      {
        key: 'pair:locked@example.org 2001:db8:7e57::ffff',
        failures: 9,
        firstFailureAt: hourAgo,
        lockedUntil: sql`now() + interval '1 minute'`,
      },
      // Inside its window: it counts, it stays.
      { key: 'account:recent@example.org', failures: 2 },
    ]);
    const keys = async () =>
      new Set(
        (
          await database.db.select({ key: schema.signInThrottles.key }).from(schema.signInThrottles)
        ).map((row) => row.key),
      );
    const left = (present: Set<string>) => ended.filter((key) => present.has(key)).length;

    expect(
      (await signIn(app, 'nobody@example.org', 'guess', { address: '198.51.100.50' })).statusCode,
    ).toBe(401);
    const afterOne = await keys();
    // A bounded number per attempt (other tests' rows of ended windows may go first).
    expect(left(afterOne)).toBeGreaterThanOrEqual(ended.length - 50);
    expect(left(afterOne)).toBeLessThan(ended.length);

    for (let attempt = 0; attempt < 5 && left(await keys()) > 0; attempt++) {
      await signIn(app, 'nobody@example.org', 'guess', { address: `198.51.100.${60 + attempt}` });
    }
    const afterMore = await keys();
    expect(left(afterMore)).toBe(0);
    expect(afterMore.has('pair:locked@example.org 2001:db8:7e57::ffff')).toBe(true);
    expect(afterMore.has('account:recent@example.org')).toBe(true);
  });

  it('reads TRUST_PROXY as a list of addresses and ranges, off by default', () => {
    expect(loadConfig({}).TRUST_PROXY).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    for (const bad of ['proxy.example.org', '10.0.0.0/33', '1.2.3.4/8/1', 'true']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });
});
