import { sql } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '@tracker/server';
import { useTestApp } from '../helpers/app.js';
import type { TestDatabase } from '../helpers/database.js';
import type { ServerProcess } from '../helpers/server-process.js';
import { editorToken, serverDatabase, startTestServer } from './server-under-test.js';
import type { ServerDatabase } from './server-under-test.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/**
 * `Cache-Control: no-cache` gets an answer computed from the database. Shown with a change the
 * cache cannot hear of (made with triggers off, so no change notification is sent): a plain read
 * still gets the kept answer, a no-cache read the new one. Both engines.
 */
describe('a no-cache read is computed from the database', () => {
  let database: TestDatabase;
  let app: App;
  let id: number;

  // As deployed, with PUBLIC_URL: answers are kept per URL whatever port supertest comes in on.
  useTestApp(
    'seeded',
    async (opened) => {
      ({ database, app } = opened);
      for (let i = 0; i < 200 && app.answerCache.current() === undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const list = await request(app.server).get('/api/v1/recommendations?pageSize=1').expect(200);
      id = list.body.items[0].id;
    },
    { publicUrl: 'http://tracker.test' },
  );

  it.each([
    ['cache-control', 'no-cache'],
    ['cache-control', 'max-age=0'],
    ['pragma', 'no-cache'],
  ])('with %s: %s', async (header, value) => {
    const path = `/api/v1/recommendations/${id}`;
    await request(app.server).get(path).expect(200);
    expect(app.answerCache.size.entries).toBeGreaterThan(0);
    const heading = `Changed unheard, ${header} ${value}`;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update recommendations set heading = ${heading} where id = ${id}`);
    });
    const kept = await request(app.server).get(path).expect(200);
    expect(kept.body.heading).not.toBe(heading);
    const fresh = await request(app.server).get(path).set(header, value).expect(200);
    expect(fresh.body.heading).toBe(heading);
    app.answerCache.invalidate();
  });
});

/**
 * Two server processes on one PostgreSQL database, as behind a load balancer. After each write
 * through A, a client sending `Cache-Control: no-cache` reads the new answer through B at once,
 * every time; a client that does not may be served B's cached answer until the change
 * notification reaches B: that staleness is measured and printed.
 */
// Registered only on PostgreSQL, in plain code, so that a PGlite run lists nothing skipped.
if (onPostgres) {
  describe('read-your-writes across two instances (PostgreSQL)', () => {
    const ROUNDS = 200;
    let target: ServerDatabase;
    let a: ServerProcess;
    let b: ServerProcess;
    let token: string;
    let id: number;

    beforeAll(async () => {
      target = await serverDatabase();
      [a, b] = await Promise.all([startTestServer(target), startTestServer(target)]);
      token = await editorToken(a.baseUrl);
      const list = (await (
        await fetch(`${a.baseUrl}/api/v1/recommendations?pageSize=1`)
      ).json()) as {
        items: { id: number }[];
      };
      id = list.items[0]!.id;
    }, 120_000);
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await target?.destroy();
    });

    it(`reads its own write through the other instance ${ROUNDS} times of ${ROUNDS}`, async () => {
      const path = `/api/v1/recommendations/${id}`;
      const headingOn = async (baseUrl: string, headers: Record<string, string> = {}) =>
        (
          (await (await fetch(`${baseUrl}${path}`, { headers })).json()) as {
            heading: string | null;
          }
        ).heading;
      let version = (
        (await (
          await fetch(`${a.baseUrl}${path}/record`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { version: number }
      ).version;
      const write = async (heading: string) => {
        const written = await fetch(`${a.baseUrl}${path}`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ heading, version }),
        });
        expect(written.status).toBe(200);
        version = ((await written.json()) as { version: number }).version;
      };
      let fresh = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        // B holds the current answer in its cache.
        await headingOn(b.baseUrl);
        await headingOn(b.baseUrl);
        const heading = `Two instances, no-cache round ${round}`;
        await write(heading);
        if ((await headingOn(b.baseUrl, { 'cache-control': 'no-cache' })) === heading) fresh += 1;
      }
      // Everyone else: how long after the write's answer B's cache still serves the old answer.
      let stale = 0;
      const staleness: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        await headingOn(b.baseUrl);
        await headingOn(b.baseUrl);
        const heading = `Two instances, plain round ${round}`;
        await write(heading);
        const committed = performance.now();
        let reads = 0;
        while ((await headingOn(b.baseUrl)) !== heading) {
          reads += 1;
          if (performance.now() - committed > 5_000) throw new Error('B never saw the write');
        }
        if (reads > 0) {
          stale += 1;
          staleness.push(performance.now() - committed);
        }
      }
      console.log(
        `two instances, ${ROUNDS} writes on A each: no-cache reads on B fresh ${fresh}/${ROUNDS}; ` +
          `plain reads on B right after the write stale ${stale}/${ROUNDS}` +
          (staleness.length > 0
            ? `, stale for p50 ${percentile(staleness, 50).toFixed(1)} ms, ` +
              `p95 ${percentile(staleness, 95).toFixed(1)} ms, max ${Math.max(...staleness).toFixed(1)} ms`
            : ''),
      );
      expect(fresh).toBe(ROUNDS);
    }, 300_000);
  });
}
