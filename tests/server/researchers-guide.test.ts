import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { App } from '@tracker/server';
import { asUser, signInAs } from '../helpers/accounts.js';
import { listenOnLoopback, useTestApp } from '../helpers/app.js';
import { parseCsv } from '../helpers/csv.js';
import type { TestDatabase } from '../helpers/database.js';

const run = promisify(execFile);

/** Whether a command runs and exits 0 (a language, or a language with its packages). */
async function available(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args, { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * What the Python example does, with the standard library only: the same requests, the same
 * answers read, the same lines printed. Run when requests or pandas is missing, so the calls the
 * guide documents are still exercised from Python.
 */
const STDLIB_EQUIVALENT = `
import csv, io, json, os, urllib.parse, urllib.request, zipfile, collections
base = os.environ["TRACKER"]
def answer(path, **params):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read(), response.headers
def get(path, **params):
    return answer(path, **params)[0]
body, headers = answer("/api/v1/recommendations", country="KZ", pageSize=100)
page = json.loads(body)
print(page["total"], "recommendations for Kazakhstan")
print("cite as", next(link.split(">")[0].lstrip(" <") for link in headers["Link"].split(",") if 'rel="cite-as"' in link))
rows = list(csv.DictReader(io.StringIO(get("/api/v1/recommendations/export.csv", country="KZ").decode("utf-8-sig"))))
print(dict(collections.Counter(row["currentStatus"] for row in rows)))
releases = json.loads(get("/api/v1/releases"))["items"]
if releases:
    with zipfile.ZipFile(io.BytesIO(get(releases[0]["archiveUrl"]))) as z:
        assessments = list(csv.DictReader(io.TextIOWrapper(z.open("data/assessments.csv"), "utf-8")))
    print(len(assessments), "assessments in release", releases[0]["number"])
print(json.loads(get("/api/v1/citation", url="/recommendations?country=KZ"))["citation"]["text"])
`;

function codeBlock(markdown: string, language: string): string {
  const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(markdown)?.[1];
  expect(block, `a ${language} block in the guide`).toBeDefined();
  return block!;
}

describe('the researcher’s guide in /docs runs against a seeded server', () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  let guide: string;
  let total: number;
  let release: string;

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    ({ baseUrl: base } = await listenOnLoopback(app));
    const admin = await signInAs(app, database.db, 'admin');
    const published = await asUser(admin, request(app.server).post('/api/v1/releases')).send({
      notes: 'For the guide.',
    });
    expect(published.status).toBe(201);
    release = published.body.number;
    guide = (await request(app.server).get('/openapi.json')).body.info.description;
    total = (await request(app.server).get('/api/v1/recommendations?country=KZ')).body.total;
    expect(total).toBeGreaterThan(0);
  });

  /** What both examples print about the citation: the list's permalink and the page's citation. */
  const expectCitation = (stdout: string) => {
    expect(stdout).toContain(`cite as ${base}/api/v1/recommendations?country=KZ&pageSize=100`);
    expect(stdout).toContain(
      `ODIHR Recommendations Follow-up Tracker. (${release.slice(0, 4)}). Browse and search recommendations [Data set, release ${release}]. Retrieved `,
    );
    expect(stdout).toContain(`, from ${base}/recommendations?country=KZ`);
  };

  it('Python: runs the requests/pandas example, or its standard-library equivalent where those are missing', async () => {
    expect(await available('python3', ['--version']), 'python3 is needed for this test').toBe(true);
    // The Python on the PATH first, then Debian's own (python3-requests, python3-pandas).
    let python = 'python3';
    for (const candidate of ['python3', '/usr/bin/python3']) {
      if (await available(candidate, ['-c', 'import requests, pandas'])) {
        python = candidate;
        break;
      }
    }
    const full = await available(python, ['-c', 'import requests, pandas']);
    let code = codeBlock(guide, 'python');
    // The guide's own code is at least valid Python wherever it is not run.
    await run(python, ['-c', 'import os; compile(os.environ["GUIDE"], "guide", "exec")'], {
      env: { ...process.env, GUIDE: code },
    });
    if (!full) {
      console.warn(
        'researcher’s guide: Python has no requests and/or pandas here; running the example’s standard-library (urllib) equivalent instead of the guide’s code.',
      );
      code = STDLIB_EQUIVALENT;
    }
    const { stdout } = await run(python, ['-c', code], {
      env: { ...process.env, TRACKER: base },
      timeout: 120_000,
    });
    expect(stdout).toContain(`${total} recommendations for Kazakhstan`);
    expect(stdout).toMatch(/fully_implemented|not_implemented|partially_implemented/);
    const assessments = (
      await request(app.server).get('/api/v1/assessments?thirdParty=false&pageSize=1')
    ).body.total;
    expect(stdout).toContain(`${assessments} assessments in release ${release}`);
    expectCitation(stdout);
  });

  it('R: runs the httr2 example where R and httr2 are installed, and says so where they are not', async () => {
    const code = codeBlock(guide, 'r');
    if (!(await available('Rscript', ['-e', 'library(httr2)']))) {
      console.warn(
        'researcher’s guide: R with httr2 is not installed here, so the R example was not run; checking the answers it reads instead.',
      );
      const csv = (await request(app.server).get('/api/v1/recommendations/export.csv?country=KZ'))
        .text;
      expect(csv.split('\r\n')[0]).toContain('"currentStatus"');
      return;
    }
    const { stdout } = await run('Rscript', ['-e', code], {
      env: { ...process.env, TRACKER: base },
      timeout: 120_000,
    });
    expect(stdout).toContain(`${total} recommendations for Kazakhstan`);
    // table() prints the statuses found (sorted) and, under each, how many the export has.
    const [header = [], ...rows] = parseCsv(
      (await request(app.server).get('/api/v1/recommendations/export.csv?country=KZ')).text.replace(
        /^\uFEFF/,
        '',
      ),
    );
    const column = header.indexOf('currentStatus');
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row[column]!, (counts.get(row[column]!) ?? 0) + 1);
    const table = stdout.split(/^cite as .*$/m)[1]!.split(/^ODIHR /m)[0]!;
    const names = [...counts.keys()].sort();
    expect(table.match(/[a-z_]{4,}/g)).toEqual(names);
    expect(table.match(/\b\d+\b/g)?.map(Number)).toEqual(names.map((name) => counts.get(name)));
    expectCitation(stdout);
  });
});
