import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@tracker/db';
import type { DatabaseHandle } from '@tracker/db';
import type { App } from '@tracker/server';
import { createUser, TEST_PASSWORD } from '../helpers/accounts.js';
import { buildTestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

/** The most attempts one account may make from one address in the window (LIMITS.pair). */
const PAIR_LIMIT = 10;
const BURST = 200;
/** Where the right password is in the burst: well past any limit. */
const RIGHT_AT = 90;

/**
 * A burst of parallel sign-ins on one account, the right password among them. Each attempt is
 * counted before its password is checked, so no burst gets more guesses than the limit, however
 * many instances share the database.
 */
describe('a burst of parallel sign-ins', () => {
  let database: TestDatabase;
  let second: DatabaseHandle;
  let apps: App[];

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    // A second instance has its own connections (PostgreSQL); PGlite has one process only.
    second = database.url ? await openDatabase({ url: database.url, poolSize: 5 }) : database;
    apps = [await buildTestApp(database), await buildTestApp(second)];
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    if (second !== database) await second.close();
    await database.destroy();
  });

  async function burst(instances: App[]) {
    const user = await createUser(database.db, 'editor');
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, index) =>
        instances[index % instances.length]!.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: {
            email: user.email,
            password: index === RIGHT_AT ? TEST_PASSWORD : `wrong guess ${index}`,
          },
        }),
      ),
    );
    const count = (status: number) =>
      answers.filter((answer) => answer.statusCode === status).length;
    return { signedIn: count(200), checked: count(401) + count(200), refused: count(429) };
  }

  for (const [name, size] of [
    ['on one instance', 1],
    ['on two instances sharing the database', 2],
  ] as const) {
    it(`checks no more passwords than the limit allows, ${name}`, async () => {
      const { signedIn, checked, refused } = await burst(apps.slice(0, size));
      expect(signedIn).toBe(0);
      expect(checked).toBeGreaterThan(0);
      expect(checked).toBeLessThanOrEqual(PAIR_LIMIT);
      expect(checked + refused).toBe(BURST);
    });
  }
});
