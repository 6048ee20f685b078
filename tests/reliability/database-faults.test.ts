import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import { healthSchema, problemSchema } from '@tracker/shared';
import type { ServerProcess } from '../helpers/server-process.js';
import {
  apiClient,
  editorToken,
  serverDatabase,
  sleep,
  until,
  startTestServer,
} from './server-under-test.js';
import type { ServerDatabase } from './server-under-test.js';

/** The figures of this file, printed at the end for the CI log. */
const figures = {
  faultsInjected: 0,
  requestsServed: 0,
  answers503: 0,
  writesAcknowledged: 0,
  recordsLost: 0,
};

interface Written {
  id: number;
  version: number;
  note: string;
}

/**
 * Every election made by the test (id above `sinceId`) is whole: it has its create history entry,
 * one update entry per version after the first, and no history entry names one that is missing.
 */
async function expectWholeRecords(db: Database, sinceId: number) {
  const rows = await queryRows<{ id: number; version: number; creates: number; updates: number }>(
    db,
    sql`select e.id, e.version,
          (select count(*) from history_entries h where h.entity_type = 'election'
             and h.entity_id = e.id and h.action = 'create')::int as creates,
          (select count(*) from history_entries h where h.entity_type = 'election'
             and h.entity_id = e.id and h.action = 'update')::int as updates
        from elections e where e.id > ${sinceId}`,
  );
  for (const row of rows) {
    expect(row.creates, `election ${row.id} has its create entry`).toBe(1);
    expect(row.version, `election ${row.id}: one update entry per version`).toBe(1 + row.updates);
  }
  const orphans = await queryRows<{ id: number }>(
    db,
    sql`select distinct h.entity_id as id from history_entries h
        where h.entity_type = 'election' and h.entity_id > ${sinceId}
          and not exists (select 1 from elections e where e.id = h.entity_id)`,
  );
  expect(orphans, 'history entries of elections that do not exist').toEqual([]);
  return rows;
}

/** Every write acknowledged with a 2xx is there, at least at the acknowledged version. */
async function expectAcknowledged(db: Database, acknowledged: Map<number, Written>) {
  const rows = await queryRows<{ id: number; version: number; note: string | null }>(
    db,
    sql`select id, version, note from elections`,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  let lost = 0;
  for (const written of acknowledged.values()) {
    const row = byId.get(written.id);
    const kept =
      row !== undefined &&
      row.version >= written.version &&
      (row.version > written.version || row.note === written.note);
    if (!kept) lost++;
  }
  figures.recordsLost += lost;
  expect(lost, 'acknowledged writes missing after the fault').toBe(0);
}

async function maxElectionId(db: Database): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select coalesce(max(id), 0)::int as id from elections`,
  );
  return row!.id;
}

/**
 * Writers that create elections and update them, concurrently, until told to stop or the server
 * goes away; every acknowledged write is remembered (its latest acknowledged version).
 */
function startWriters(baseUrl: string, token: string, count: number, firstDay: number) {
  const api = apiClient(baseUrl, token);
  const acknowledged = new Map<number, Written>();
  const statuses: Record<string, number> = {};
  /** The last answer of each server-error status, to show what went wrong. */
  const samples: Record<string, unknown> = {};
  let running = true;
  const writer = async (index: number) => {
    for (let round = 0; running; round++) {
      const note = `writer ${index} round ${round}`;
      try {
        const created = await api.createElection(firstDay + index * 100_000 + round, note);
        statuses[created.status] = (statuses[created.status] ?? 0) + 1;
        if (created.status >= 500) samples[created.status] = created.body;
        figures.requestsServed++;
        if (created.status !== 201) {
          await sleep(50);
          continue;
        }
        const record = created.body as Written;
        acknowledged.set(record.id, { id: record.id, version: record.version, note });
        figures.writesAcknowledged++;
        for (let update = 1; update <= 2 && running; update++) {
          const current = acknowledged.get(record.id)!;
          const changed = `${note} update ${update}`;
          const response = await api.updateElection(record.id, current.version, changed);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status >= 500) samples[response.status] = response.body;
          figures.requestsServed++;
          if (response.status === 200) {
            const body = response.body as Written;
            acknowledged.set(record.id, { id: record.id, version: body.version, note: changed });
            figures.writesAcknowledged++;
          }
        }
      } catch {
        statuses.unanswered = (statuses.unanswered ?? 0) + 1;
        await sleep(50);
      }
    }
  };
  const done = Promise.all(Array.from({ length: count }, (_, index) => writer(index)));
  return {
    acknowledged,
    statuses,
    samples,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

afterAll(() => {
  console.log('database faults: figures');
  console.table(figures);
});

describe('crash: the server is killed (SIGKILL) in the middle of a stream of writes', () => {
  let target: ServerDatabase;
  beforeAll(async () => {
    target = await serverDatabase();
  }, 120_000);
  afterAll(async () => {
    await target?.destroy();
  });

  it('keeps every acknowledged write, and every record whole with its history', async () => {
    let server: ServerProcess = await startTestServer(target);
    const token = await editorToken(server.baseUrl);
    const sinceId = await apiClient(server.baseUrl, token)
      .send('GET', '/api/v1/elections?pageSize=100')
      .then((response) =>
        Math.max(...(response.body as { items: { id: number }[] }).items.map((item) => item.id)),
      );

    const writers = startWriters(server.baseUrl, token, 6, 0);
    // Let some writes be acknowledged, then kill the process without warning.
    while (writers.acknowledged.size < 10) await sleep(50);
    const acknowledgedBefore = writers.acknowledged.size;
    await until(() => writers.acknowledged.size >= acknowledgedBefore + 5);
    await server.stop('SIGKILL');
    figures.faultsInjected++;
    await writers.stop();
    console.log('crash: answers before the kill', writers.statuses);
    expect(writers.acknowledged.size).toBeGreaterThanOrEqual(10);

    // The restart finds a lock file of a dead process and a data directory that was not closed.
    server = await startTestServer(target);
    const health = healthSchema.parse(await (await fetch(`${server.baseUrl}/api/health`)).json());
    expect(health.status).toBe('ok');
    // The restarted server answers for an acknowledged record, at its acknowledged version or later.
    const [first] = writers.acknowledged.values();
    const record = await apiClient(server.baseUrl, token).election(first!.id);
    expect(record?.version).toBeGreaterThanOrEqual(first!.version);
    expect(await server.stop('SIGTERM')).toBe(0);

    // PGlite: the data directory must open cleanly in another process after the two servers.
    const check = target.database ?? (await openDatabase({ dataDir: target.dataDir }));
    try {
      const rows = await expectWholeRecords(check.db, sinceId);
      expect(rows.length).toBeGreaterThanOrEqual(writers.acknowledged.size);
      await expectAcknowledged(check.db, writers.acknowledged);
    } finally {
      if (!target.database) await check.close();
    }
  }, 180_000);
});

/*
 * A lost connection only exists on PostgreSQL, a server the app reaches over the network: PGlite
 * runs inside the server's process, so it cannot be cut off without killing the process, which is
 * the crash test above (run on both engines). These tests are therefore registered only when
 * DATABASE_URL is set, in plain code, so that a PGlite run lists nothing skipped.
 */
if (process.env.DATABASE_URL) {
  describe('PostgreSQL outage: the connection is cut while the server is under load', () => {
    let target: ServerDatabase;
    let admin: pg.Client;
    let server: ServerProcess;

    beforeAll(async () => {
      target = await serverDatabase();
      const templates = inject('databaseTemplates');
      if (templates.engine !== 'postgres') throw new Error('PostgreSQL only');
      admin = new pg.Client({ connectionString: templates.adminUrl });
      await admin.connect();
      server = await startTestServer(target);
    }, 120_000);
    afterAll(async () => {
      // Whatever happened, the database must accept connections again before it is dropped.
      await admin?.query(`alter database "${target.name}" allow_connections true`);
      await admin?.end();
      await server?.stop();
      await target?.destroy();
    });

    async function cut() {
      await admin.query(`alter database "${target.name}" allow_connections false`);
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = $1 and pid <> pg_backend_pid()`,
        [target.name],
      );
      figures.faultsInjected++;
    }
    const restore = () => admin.query(`alter database "${target.name}" allow_connections true`);

    it('answers 503 with Retry-After during the outage, writes nothing by halves, and recovers by itself', async () => {
      const token = await editorToken(server.baseUrl);
      const api = apiClient(server.baseUrl, token);
      const sinceId = await maxElectionId(target.database!.db);
      const writers = startWriters(server.baseUrl, token, 4, 300_000);
      // Readers too, with queries the answer cache has not seen, so each one needs the database.
      let reading = true;
      let readCount = 0;
      const readers = Promise.all(
        Array.from({ length: 3 }, async () => {
          while (reading) {
            await fetch(`${server.baseUrl}/api/v1/recommendations?q=election&page=${++readCount}`)
              .then((response) => response.text())
              .catch(() => {});
            figures.requestsServed++;
          }
        }),
      );
      while (writers.acknowledged.size < 5) await sleep(50);

      await cut();
      try {
        // Until the terminated connections are noticed (at most 10 s).
        const cutAt = Date.now();
        let health = await fetch(`${server.baseUrl}/api/health`);
        while (health.status !== 503 && Date.now() - cutAt < 10_000) {
          await health.arrayBuffer();
          await sleep(50);
          health = await fetch(`${server.baseUrl}/api/health`);
        }
        expect(server.child.exitCode, server.output().slice(-4000)).toBeNull();
        expect(health.status).toBe(503);
        expect(healthSchema.parse(await health.json()).database.status).toBe('unavailable');

        const read = await fetch(`${server.baseUrl}/api/v1/recommendations?q=outage-${Date.now()}`);
        expect(read.status).toBe(503);
        expect(read.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(read.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(problemSchema.parse(await read.json()).status).toBe(503);

        const write = await api.createElection(900_000, 'during the outage');
        expect(write.status).toBe(503);
        expect(write.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(problemSchema.parse(write.body).status).toBe(503);
        figures.answers503 += 2;
        // The outage lasts until the writers have met it a few more times.
        const refusedBefore = writers.statuses['503'] ?? 0;
        await until(() => (writers.statuses['503'] ?? 0) >= refusedBefore + 10);
      } finally {
        await restore();
      }

      // No restart: the server reconnects by itself within a few seconds.
      const restoredAt = Date.now();
      let healthy = false;
      while (!healthy && Date.now() - restoredAt < 10_000) {
        healthy = (await fetch(`${server.baseUrl}/api/health`)).status === 200;
        if (!healthy) await sleep(200);
      }
      expect(healthy, 'healthy again within 10 s').toBe(true);
      console.log(`outage: healthy again ${Date.now() - restoredAt} ms after connections returned`);
      const again = await api.createElection(900_001, 'after the outage');
      expect(again.status).toBe(201);
      const reread = await fetch(`${server.baseUrl}/api/v1/recommendations?q=after-${Date.now()}`);
      expect(reread.status).toBe(200);

      // A few more acknowledged writes after the outage, then the load stops.
      const acknowledgedAfter = writers.acknowledged.size;
      await until(() => writers.acknowledged.size >= acknowledgedAfter + 5);
      reading = false;
      await writers.stop();
      await readers;
      console.log('outage: write answers', writers.statuses, `reads ${readCount}`);
      // Only answers a client can act on: success, or 503 (try again); a 409 when an update cut
      // off during its commit had in fact been written, and the writer retried an old version.
      const unexpected = Object.keys(writers.statuses).filter(
        (status) => !['200', '201', '409', '503'].includes(status),
      );
      const errors = server
        .output()
        .split('\n')
        .filter((line) => line.includes('"level":50'));
      expect(
        unexpected,
        `${JSON.stringify(writers.statuses)} ${JSON.stringify(writers.samples)}\n${errors.join('\n')}`,
      ).toEqual([]);
      expect(writers.statuses['503'] ?? 0).toBeGreaterThan(0);

      await expectWholeRecords(target.database!.db, sinceId);
      await expectAcknowledged(target.database!.db, writers.acknowledged);
      expect(server.child.exitCode).toBeNull();
    }, 90_000);
  });
}
