import { connect } from 'node:net';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, schema } from '@tracker/db';
import type { DatabaseHandle } from '@tracker/db';
import type { App } from '@tracker/server';
import { buildTestApp, listenOnLoopback } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';
import { insertElection, insertRecommendation, insertReport } from '../helpers/fixtures.js';
import { expectedLineage } from '../helpers/lineage.js';
import type { LinkEnds } from '../helpers/lineage.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

/** Milliseconds `work` took, and its result. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

describe('the dense lineage: 100 links among 25 recommendations', () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const recommendationIds: number[] = [];
  const links: LinkEnds[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    const election = await insertElection(database.db);
    for (let index = 0; index < 25; index++) {
      const report = await insertReport(database.db, {
        electionId: election.id,
        publishedOn: `20${String(index).padStart(2, '0')}-06-01`,
      });
      const recommendation = await insertRecommendation(database.db, {
        reportId: report.id,
        text: `Dense lineage recommendation ${index}.`,
      });
      recommendationIds.push(recommendation.id);
    }
    // 90 links from each recommendation to most earlier ones (a web of diamonds), and 10 back
    // (cycles): the old walk followed every path through them.
    const pairs: [number, number][] = [];
    for (let later = 1; later < 25 && pairs.length < 90; later++) {
      for (let earlier = Math.max(0, later - 5); earlier < later && pairs.length < 90; earlier++) {
        pairs.push([later, earlier]);
      }
    }
    for (let index = 0; index < 10; index++) pairs.push([index * 2, index * 2 + 5]);
    const inserted = await database.db
      .insert(schema.recommendationLinks)
      .values(
        pairs.map(([later, earlier]) => ({
          laterRecommendationId: recommendationIds[later]!,
          earlierRecommendationId: recommendationIds[earlier]!,
          kind: 'continues' as const,
        })),
      )
      .returning();
    for (const link of inserted) {
      links.push({
        id: link.id,
        later: link.laterRecommendationId,
        earlier: link.earlierRecommendationId,
      });
    }
    expect(links).toHaveLength(100);
    // The cache is off: every answer is computed.
    app = await buildTestApp(database, { answerCacheBytes: 0 });
    ({ baseUrl: base } = await listenOnLoopback(app));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('shows each link once, at its smallest depth, for every recommendation', async () => {
    const timings: number[] = [];
    for (const id of recommendationIds) {
      const { ms, value: response } = await timed(() =>
        fetch(`${base}/api/v1/recommendations/${id}`, { signal: AbortSignal.timeout(20_000) }),
      );
      timings.push(ms);
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        lineage: Record<'earlier' | 'later', { id: number; depth: number; via: number }[]>;
      };
      for (const direction of ['earlier', 'later'] as const) {
        const shown = body.lineage[direction];
        // Each link at most once: the walk visits each recommendation once.
        expect(new Set(shown.map((link) => link.id)).size, `${id} ${direction}`).toBe(shown.length);
        expect(
          shown
            .map(({ id: linkId, depth, via }) => ({ linkId, depth, via }))
            .sort((a, b) => a.linkId - b.linkId),
          `${id} ${direction}`,
        ).toEqual(expectedLineage(links, id, direction));
      }
    }
    console.log(
      `dense lineage, detail pages one at a time: median ${percentile(timings, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(timings, 95).toFixed(1)} ms, max ${Math.max(...timings).toFixed(1)} ms`,
    );
  }, 60_000);

  it('keeps answering other requests while every page of the web loads at once', async () => {
    const pages = [
      ...recommendationIds.map((id) => `/api/v1/recommendations/${id}`),
      `/api/v1/recommendations?report=${encodeURIComponent('x')}`,
      '/api/v1/recommendations?pageSize=100',
    ];
    const loads = Promise.all(
      pages.map((path) =>
        timed(() => fetch(`${base}${path}`, { signal: AbortSignal.timeout(20_000) })),
      ),
    );
    const health = await timed(() =>
      fetch(`${base}/api/health`, { signal: AbortSignal.timeout(20_000) }),
    );
    const answered = await loads;
    expect(health.value.status).toBe(200);
    for (const { value } of answered) expect(value.status).toBeLessThan(500);
    const timings = answered.map(({ ms }) => ms);
    console.log(
      `dense lineage, ${pages.length} pages at once: median ${percentile(timings, 50).toFixed(1)} ms, ` +
        `max ${Math.max(...timings).toFixed(1)} ms; /api/health meanwhile ${health.ms.toFixed(1)} ms`,
    );
  }, 60_000);
});

// Registered only on PostgreSQL, in plain code, so that a PGlite run lists nothing skipped.
if (onPostgres) {
  describe('the statement timeout (PostgreSQL)', () => {
    let database: TestDatabase;
    let limited: DatabaseHandle;
    let app: App;
    let base: string;

    beforeAll(async () => {
      database = await createTestDatabase('seeded');
      limited = await openDatabase({ url: database.url, poolSize: 2, statementTimeoutMs: 300 });
      app = await buildTestApp(limited, { answerCacheBytes: 0 });
      ({ baseUrl: base } = await listenOnLoopback(app));
    }, 60_000);

    afterAll(async () => {
      await app?.close();
      await limited?.close();
      await database?.destroy();
    });

    it('cancels a statement that runs too long on every session', async () => {
      const started = performance.now();
      await expect(limited.db.execute('select pg_sleep(3)')).rejects.toMatchObject({
        cause: expect.objectContaining({ code: '57014' }),
      });
      expect(performance.now() - started).toBeLessThan(2_500);
    });

    it('gives every session its options: no JIT, no read-ahead advice, the timeout', async () => {
      const setting = async (name: string) =>
        (
          await queryRows<{ value: string }>(
            limited.db,
            sql`select current_setting(${name}) as value`,
          )
        )[0]?.value;
      expect(await setting('jit')).toBe('off');
      expect(await setting('effective_io_concurrency')).toBe('0');
      expect(await setting('statement_timeout')).toBe('300ms');
    });

    it('answers 503 with Retry-After when a query is held up past the timeout', async () => {
      const blocker = new pg.Client({ connectionString: database.url });
      await blocker.connect();
      try {
        await blocker.query('begin');
        await blocker.query('lock table recommendations in access exclusive mode');
        const { ms, value: response } = await timed(() =>
          fetch(`${base}/api/v1/recommendations?pageSize=5`, {
            signal: AbortSignal.timeout(8_000),
          }),
        );
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        console.log(`statement timeout 300 ms: answered 503 after ${ms.toFixed(0)} ms`);
      } finally {
        await blocker.query('rollback');
        await blocker.end();
      }
      // The connection is good again afterwards.
      const after = await fetch(`${base}/api/v1/recommendations?pageSize=5`);
      expect(after.status).toBe(200);
    }, 30_000);
  });
}

/** Writes `chunks` one every `intervalMs` until the server closes the socket; resolves then. */
function dribble(port: number, chunks: string[], intervalMs: number) {
  return new Promise<{ closedAfterMs: number; answer: string; sent: number }>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const started = performance.now();
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (data) => (answer += data.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ closedAfterMs: performance.now() - started, answer, sent });
    });
    socket.on('connect', () => {
      timer = setInterval(() => {
        const chunk = chunks[sent];
        if (chunk === undefined) return;
        sent += 1;
        if (!socket.destroyed) socket.write(chunk);
      }, intervalMs);
    });
  });
}

describe('slow clients are cut at the configured timeouts', () => {
  let database: TestDatabase;
  let app: App;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    app = await buildTestApp(database, {
      httpTimeouts: { headersMs: 500, requestMs: 1_000, socketMs: 3_000, keepAliveMs: 1_000 },
    });
    ({ port } = await listenOnLoopback(app));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('cuts a client sending its headers slowly at the headers timeout', async () => {
    const headers = ['GET /api/health HTTP/1.1\r\n', 'Host: localhost\r\n'];
    for (let index = 0; index < 100; index++) headers.push(`X-Slow-${index}: ${index}\r\n`);
    const result = await dribble(port, headers, 100);
    console.log(`slow headers (timeout 500 ms): cut after ${result.closedAfterMs.toFixed(0)} ms`);
    expect(result.closedAfterMs).toBeLessThan(2_500);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 15_000);

  it('cuts a client sending its body slowly at the request timeout', async () => {
    const body = JSON.stringify({ email: 'slow@example.org', password: 'x'.repeat(200) });
    const chunks = [
      `POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\n\r\n`,
      ...body.split(''),
    ];
    const result = await dribble(port, chunks, 100);
    console.log(`slow body (timeout 1000 ms): cut after ${result.closedAfterMs.toFixed(0)} ms`);
    expect(result.sent).toBeLessThan(chunks.length);
    expect(result.closedAfterMs).toBeLessThan(3_500);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('closes a connection that sends nothing at the socket timeout', async () => {
    const result = await dribble(port, [], 100);
    console.log(
      `silent connection (timeout 3000 ms): closed after ${result.closedAfterMs.toFixed(0)} ms`,
    );
    expect(result.closedAfterMs).toBeLessThan(6_000);
  }, 15_000);
});
