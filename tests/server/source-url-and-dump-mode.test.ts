import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '@tracker/server';
import { asUser, signInAs } from '../helpers/accounts.js';
import type { SignedIn } from '../helpers/accounts.js';
import { expectProblem, useTestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';
import { insertElection } from '../helpers/fixtures.js';

const run = promisify(execFile);

describe('a report’s source URL is a web address', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;
  let electionId: number;

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
    electionId = (await insertElection(database.db)).id;
  });

  const create = (slug: string, sourceUrl: string) =>
    asUser(editor, request(app.server).post('/api/v1/reports')).send({
      slug,
      electionId,
      publisher: 'ODIHR',
      kind: 'final_report',
      title: 'Final Report',
      publishedOn: '2020-02-02',
      sourceUrl,
    });

  it.each([
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://example.org/report.pdf',
  ])('refuses %s with 400', async (sourceUrl) => {
    const problem = expectProblem(await create('refused-source', sourceUrl), 400);
    expect(problem.errors?.map((error) => error.path)).toContain('body.sourceUrl');
  });

  it('takes http and https addresses', async () => {
    expect((await create('http-source', 'http://example.org/r.pdf')).status).toBe(201);
    expect((await create('https-source', 'https://www.osce.org/odihr/r.pdf')).status).toBe(201);
  });
});

describe('db:export writes its dump for the owner only', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tracker-dump-mode-'));
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  const cli = (name: string) =>
    fileURLToPath(new URL(`../../server/dist/cli/${name}.js`, import.meta.url));

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase('seeded');
      env = { DATABASE_URL: database.url! };
    } else {
      env = { DATA_DIR: join(folder, 'data') };
      await run(process.execPath, [cli('seed')], { env: { PATH: process.env.PATH!, ...env } });
    }
  }, 120_000);
  afterAll(async () => {
    await database?.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it.each(['dump.ndjson', 'dump.ndjson.gz'])(
    '%s is mode 0600',
    async (name) => {
      const file = join(folder, name);
      // Under the usual umask (022) a file made without a mode is world-readable.
      await run(process.execPath, [cli('export-database'), file], {
        env: { PATH: process.env.PATH!, ...env },
      });
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    },
    120_000,
  );
});
