import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@tracker/db';
import { buildTestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

const run = promisify(execFile);
const cli = (name: string) =>
  fileURLToPath(new URL(`../../server/dist/cli/${name}.js`, import.meta.url));

/** The public answers a researcher would compare between the original and the restored copy. */
const API_PATHS = [
  '/api/v1/recommendations?pageSize=100',
  '/api/v1/recommendations?q=defamation',
  '/api/v1/statistics?country=KZ',
  '/api/v1/statistics/matrix?country=KZ',
  '/api/v1/changes?pageSize=100',
  '/api/v1/reports',
];

/**
 * `npm run db:export` then `npm run db:import` into an empty database, as an operator runs them:
 * the restored database answers the API exactly as the original.
 */
describe('db:export and db:import', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tracker-backup-'));
  let source: TestDatabase | undefined;
  let target: TestDatabase | undefined;
  let sourceEnv: Record<string, string>;
  let targetEnv: Record<string, string>;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      source = await createTestDatabase('seeded');
      target = await createTestDatabase('empty');
      sourceEnv = { DATABASE_URL: source.url! };
      targetEnv = { DATABASE_URL: target.url! };
    } else {
      // The CLI seeds nothing: a source directory is made by the seed command itself.
      sourceEnv = { DATA_DIR: join(folder, 'source') };
      targetEnv = { DATA_DIR: join(folder, 'target') };
      await run(process.execPath, [cli('seed')], {
        env: { PATH: process.env.PATH!, ...sourceEnv },
      });
    }
    // The seed command migrates and seeds a PGlite directory from nothing: slow on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await source?.destroy();
    await target?.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  const open = async (env: Record<string, string>) =>
    openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });

  it('restores a gzip dump that answers the API exactly as the original', async () => {
    const dump = join(folder, 'tracker.ndjson.gz');
    const exported = await run(process.execPath, [cli('export-database'), dump], {
      env: { PATH: process.env.PATH!, ...sourceEnv },
    });
    expect(exported.stdout).toMatch(/wrote \d+ rows/);
    const imported = await run(process.execPath, [cli('import-database'), dump], {
      env: { PATH: process.env.PATH!, ...targetEnv },
    });
    expect(imported.stdout).toMatch(/restored \d+ rows/);

    const answers = async (env: Record<string, string>) => {
      const database = await open(env);
      const app = await buildTestApp(database);
      try {
        const bodies: unknown[] = [];
        for (const path of API_PATHS) {
          const response = await request(app.server).get(path);
          expect(response.status, path).toBe(200);
          bodies.push(response.body);
        }
        return bodies;
      } finally {
        await app.close();
        await database.close();
      }
    };
    expect(await answers(targetEnv)).toEqual(await answers(sourceEnv));
    // PGlite opens its data directory four times here: slow on a busy machine.
  }, 180_000);

  it('refuses a broken dump with a clear message and exit code 1', async () => {
    const broken = join(folder, 'broken.ndjson');
    writeFileSync(broken, '{"format":"odihr-follow-up-tracker-dump","version":99}\n');
    await expect(
      run(process.execPath, [cli('import-database'), broken], {
        env: { PATH: process.env.PATH!, ...targetEnv },
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/newer tracker/) });
  });
});
