import { and, eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { asUser, signInAs } from '../../helpers/accounts.js';
import type { SignedIn } from '../../helpers/accounts.js';
import { buildTestApp } from '../../helpers/app.js';
import { createTestDatabase } from '../../helpers/database.js';
import type { TestDatabase } from '../../helpers/database.js';

/**
 * The public answers are cached in memory; these tests show a write is visible on the very next
 * read through the instance that made it, and through a second instance on the same database as
 * soon as the database's change notification reaches it (the README's promise: that instance
 * learns of the write only from the notification, which PostgreSQL delivers after the commit, so
 * a plain read racing it may still get the kept answer; a no-cache read never does).
 */
describe('the answer cache', () => {
  let database: TestDatabase;
  let first: App;
  let second: App;
  let editor: SignedIn;
  let recommendationId: number;

  const as = (req: request.Test) => asUser(editor, req);
  const detail = (app: App) =>
    request(app.server).get(`/api/v1/recommendations/${recommendationId}`).expect(200);
  const version = async () =>
    (
      await database.db
        .select({ version: schema.recommendations.version })
        .from(schema.recommendations)
        .where(eq(schema.recommendations.id, recommendationId))
    )[0]!.version;
  /** Polls every 10 ms, for at most `limitMs` (the staleness bound the README gives, with room). */
  const waitUntil = async (condition: () => boolean, limitMs = 2000) => {
    for (let i = 0; i < limitMs / 10 && !condition(); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(condition()).toBe(true);
  };

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    // Two servers on one database, as two instances behind a load balancer (on PGlite: two apps
    // in one process sharing the engine, notified through it all the same).
    // With PUBLIC_URL, as deployed: answers are kept per URL (without it, per Host, and supertest
    // comes in on a new port each time).
    first = await buildTestApp(database, { publicUrl: 'http://tracker.test' });
    second = await buildTestApp(database, { publicUrl: 'http://tracker.test' });
    await waitUntil(() => first.answerCache.current() !== undefined);
    await waitUntil(() => second.answerCache.current() !== undefined);
    editor = await signInAs(first, database.db, 'editor');
    const [row] = await database.db
      .select({ id: schema.recommendations.id })
      .from(schema.recommendations)
      .innerJoin(schema.reports, eq(schema.reports.id, schema.recommendations.reportId))
      .where(and(eq(schema.reports.slug, 'kz-2019-final'), eq(schema.recommendations.number, '4')));
    recommendationId = row!.id;
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.destroy();
  });

  it('answers a repeated public read from memory, with the same ETag and a 304 on revalidation', async () => {
    first.answerCache.invalidate();
    const fresh = await detail(first);
    expect(first.answerCache.size.entries).toBe(1);
    const repeat = await detail(first);
    expect(repeat.text).toBe(fresh.text);
    // The cached answer goes out with exactly the headers of the first (security, CORS, caching).
    const { date: _freshDate, ...freshHeaders } = fresh.headers;
    const { date: _repeatDate, ...repeatHeaders } = repeat.headers;
    expect(repeatHeaders).toEqual(freshHeaders);
    expect(repeatHeaders).toMatchObject({
      'cache-control': 'public, max-age=0, must-revalidate',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    });
    const notModified = await request(first.server)
      .get(`/api/v1/recommendations/${recommendationId}`)
      .set('if-none-match', fresh.headers.etag!)
      .expect(304);
    expect(notModified.headers).toMatchObject({
      etag: fresh.headers.etag,
      'cache-control': 'public, max-age=0, must-revalidate',
    });
    expect(notModified.headers['content-type']).toBeUndefined();
  });

  it('answers a hit without computing it again', async () => {
    // Changes made with triggers off send no notification: only a cache answering from memory
    // can still show the old heading.
    const setHeading = (heading: string) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(
          sql`update recommendations set heading = ${heading} where id = ${recommendationId}`,
        );
      });
    first.answerCache.invalidate();
    const original = (await detail(first)).body.heading as string | null;
    await setHeading('Changed unseen');
    try {
      expect((await detail(first)).body.heading).toBe(original);
      first.answerCache.invalidate();
      expect((await detail(first)).body.heading).toBe('Changed unseen');
    } finally {
      await setHeading(original as string);
      first.answerCache.invalidate();
    }
  });

  it('keeps nothing when turned off (ANSWER_CACHE_MB=0)', async () => {
    const uncached = await buildTestApp(database, { answerCacheBytes: 0 });
    try {
      await detail(uncached);
      await detail(uncached);
      expect(uncached.answerCache.size.entries).toBe(0);
      expect(uncached.answerCache.current()).toBeUndefined();
    } finally {
      await uncached.close();
    }
  });

  it('keeps an answer in both encodings, each with its own ETag, and 304s for each', async () => {
    first.answerCache.invalidate();
    const path = `/api/v1/recommendations/${recommendationId}`;
    const get = (encoding: string, etag?: string) => {
      const req = request(first.server).get(path).set('accept-encoding', encoding);
      return etag ? req.set('if-none-match', etag) : req;
    };
    const gzipped = await get('gzip, deflate, br').expect(200);
    const plain = await get('identity').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.body).toEqual(plain.body);
    for (const answer of [gzipped, plain]) {
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
    }
    expect(gzipped.headers.etag).toBe(plain.headers.etag!.replace(/"$/, '-gzip"'));
    // From memory now, in either encoding, with the headers it first went out with.
    const without = ({ date: _date, ...headers }: Record<string, string>) => headers;
    expect(without((await get('gzip')).headers)).toEqual(without(gzipped.headers));
    expect(without((await get('br;q=1, gzip;q=0')).headers)).toEqual(without(plain.headers));
    const notModified = await get('gzip', gzipped.headers.etag).expect(304);
    expect(notModified.headers['content-encoding']).toBeUndefined();
    expect(notModified.headers.etag).toBe(gzipped.headers.etag);
    // The other encoding's tag does not match: the client gets the representation it asked for.
    expect((await get('identity', gzipped.headers.etag).expect(200)).body).toEqual(plain.body);
  });

  it('shows a write on the next read through the instance that made it', async () => {
    const before = await detail(first);
    await detail(first);
    await as(request(first.server).patch(`/api/v1/recommendations/${recommendationId}`))
      .send({ heading: 'Heading changed on the first instance', version: await version() })
      .expect(200);
    const after = await detail(first);
    expect(after.body.heading).toBe('Heading changed on the first instance');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('shows a write made through one instance on the other once its notification arrives', async () => {
    for (let round = 1; round <= 5; round++) {
      // Both instances hold the current answer in memory.
      await detail(second);
      await detail(second);
      expect(second.answerCache.size.entries).toBeGreaterThan(0);
      const generationBefore = second.answerCache.dataGeneration();
      const heading = `Heading changed on the first instance, round ${round}`;
      await as(request(first.server).patch(`/api/v1/recommendations/${recommendationId}`))
        .send({ heading, version: await version() })
        .expect(200);
      // A client asking for a fresh answer gets it at once, notification or not.
      const fresh = await detail(second).set('cache-control', 'no-cache');
      expect(fresh.body.heading).toBe(heading);
      // Only the change notification tells the second instance: without it this never passes.
      await waitUntil(() => second.answerCache.dataGeneration() !== generationBefore, 5000);
      expect((await detail(second)).body.heading).toBe(heading);
    }
  });

  it('forgets its answers when the data changes outside the API (a CLI, psql)', async () => {
    const search = async () =>
      (await request(second.server).get('/api/v1/recommendations?q=quokkas').expect(200)).body
        .total as number;
    expect(await search()).toBe(0);
    expect(await search()).toBe(0);
    await database.db.execute(
      sql`update recommendations set text = text || ' Quokkas.' where id = ${recommendationId}`,
    );
    await waitUntil(() => second.answerCache.size.entries === 0);
    expect(await search()).toBe(1);
  });
});
