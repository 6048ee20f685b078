import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../helpers/server-process.js';
import {
  apiClient,
  editorToken,
  rssKib,
  serverDatabase,
  sleep,
  startTestServer,
} from './server-under-test.js';
import type { ServerDatabase } from './server-under-test.js';

/**
 * How long the mixed load runs: 20 s as part of the suite, 120 s by `npm run soak` (which sets
 * SOAK_SECONDS), and `SOAK_SECONDS=600 npm run soak` for a longer one.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 20);
const READERS = 4;
const WRITERS = 3;
const COUNTERS = 3;
const SAMPLE_EVERY_MS = 2000;
/** Memory may settle upwards, but the second half must not keep climbing past the first. */
const MAX_GROWTH = 1.25;
const MAX_GROWTH_KIB = 32 * 1024;

const READ_PATHS = [
  '/api/v1/recommendations?country=KZ&priority=true&unaddressed=true',
  '/api/v1/recommendations?sort=yearsOpen&order=desc&pageSize=50',
  '/api/v1/statistics?country=KZ',
  '/api/v1/statistics/matrix?country=KZ',
  '/api/v1/changes?pageSize=50',
  '/api/v1/reports',
  '/api/health',
];
const SEARCH_WORDS = ['media', 'election', 'complaint', 'registration', 'observer', 'law'];

/**
 * A few minutes of mixed reads and writes against the server process: no errors, no lost update
 * (counters incremented by PATCH, retrying on 409, add up exactly), and resident memory that
 * levels off rather than growing for as long as the load lasts.
 */
describe(`soak: ${SECONDS} s of mixed reads and writes`, () => {
  let target: ServerDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    target = await serverDatabase();
    server = await startTestServer(target);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await target?.destroy();
  });

  it(
    'serves every request, loses no update, and does not keep growing in memory',
    async () => {
      const api = apiClient(server.baseUrl, await editorToken(server.baseUrl));
      // Counters: elections whose note holds a number, incremented by read-modify-write.
      const counters: number[] = [];
      for (let i = 0; i < COUNTERS; i++) {
        const created = await api.createElection(500_000 + i, '0');
        expect(created.status).toBe(201);
        counters.push((created.body as { id: number }).id);
      }

      const statuses: Record<string, number> = {};
      const failures: string[] = [];
      const note = (label: string, status: number) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 400 && status !== 409 && failures.length < 20) {
          failures.push(`${label}: ${status}`);
        }
      };
      const increments = new Map<number, number>(counters.map((id) => [id, 0]));
      const deadline = Date.now() + SECONDS * 1000;
      let requests = 0;

      const reader = async (index: number) => {
        for (let i = 0; Date.now() < deadline; i++) {
          // Half the reads are searches the answer cache has not seen, so they reach the database.
          const path =
            i % 2 === 0
              ? READ_PATHS[(i + index) % READ_PATHS.length]!
              : `/api/v1/recommendations?q=${SEARCH_WORDS[i % SEARCH_WORDS.length]}&page=${(i % 5) + 1}&pageSize=${10 + (i % 40)}`;
          const response = await fetch(`${server.baseUrl}${path}`);
          await response.arrayBuffer();
          requests++;
          note(`GET ${path}`, response.status);
        }
      };
      const writer = async (index: number) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const id = counters[(i + index) % COUNTERS]!;
          // Read, add one, write back with the version read; on 409 start again.
          for (;;) {
            const current = await api.election(id);
            requests++;
            if (!current) {
              failures.push(`GET election ${id}: missing`);
              return;
            }
            const response = await api.updateElection(
              id,
              current.version,
              String(Number(current.note) + 1),
            );
            requests++;
            note(`PATCH election ${id}`, response.status);
            if (response.status === 200) {
              increments.set(id, increments.get(id)! + 1);
              break;
            }
            if (response.status !== 409) break;
          }
        }
      };

      const samples: number[] = [];
      const sampler = (async () => {
        while (Date.now() < deadline) {
          samples.push(rssKib(server.child.pid!));
          await sleep(SAMPLE_EVERY_MS);
        }
      })();
      await Promise.all([
        ...Array.from({ length: READERS }, (_, i) => reader(i)),
        ...Array.from({ length: WRITERS }, (_, i) => writer(i)),
        sampler,
      ]);

      // No lost update: each counter holds exactly the increments acknowledged for it.
      let lost = 0;
      for (const id of counters) {
        const record = await api.election(id);
        lost += Math.abs(Number(record?.note) - increments.get(id)!);
        expect(Number(record?.note), `counter ${id}`).toBe(increments.get(id));
        expect(record?.version, `versions of counter ${id}`).toBe(1 + increments.get(id)!);
      }

      const half = Math.floor(samples.length / 2);
      const firstHalf = Math.max(...samples.slice(0, half));
      const secondHalf = Math.max(...samples.slice(half));
      console.log(
        `soak (${SECONDS} s): ${requests} requests, statuses ${JSON.stringify(statuses)}, ` +
          `increments ${[...increments.values()].join('/')}, lost updates ${lost}`,
      );
      console.log(
        `soak memory (RSS MiB every ${SAMPLE_EVERY_MS / 1000} s): ` +
          samples.map((kib) => (kib / 1024).toFixed(0)).join(' '),
      );
      console.log(
        `soak memory: peak first half ${(firstHalf / 1024).toFixed(1)} MiB, ` +
          `second half ${(secondHalf / 1024).toFixed(1)} MiB`,
      );

      expect(failures).toEqual([]);
      expect(lost).toBe(0);
      expect([...increments.values()].every((count) => count > 0)).toBe(true);
      expect(samples.length).toBeGreaterThanOrEqual(4);
      expect(secondHalf).toBeLessThanOrEqual(
        Math.max(firstHalf * MAX_GROWTH, firstHalf + MAX_GROWTH_KIB),
      );
      expect(server.child.exitCode).toBeNull();
    },
    SECONDS * 1000 + 120_000,
  );
});
