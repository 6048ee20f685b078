import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { exportDump, importDump, schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { releaseListSchema, releaseSchema } from '@tracker/shared';
import type { DataRelease } from '@tracker/shared';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import { parseCsv } from '../../../../helpers/csv.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';

interface Field {
  name: string;
  type: string;
  description: string;
}
interface Resource {
  name: string;
  path: string;
  format: string;
  schema: { fields: Field[] };
}

/** Whether a CSV cell (text) is a value of the declared Frictionless type; '' is missing. */
function csvCellFits(type: string, cell: string): boolean {
  if (cell === '') return true;
  switch (type) {
    case 'integer':
      return /^-?\d+$/.test(cell) && Number.isSafeInteger(Number(cell));
    case 'boolean':
      return cell === 'true' || cell === 'false';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(cell) && !Number.isNaN(Date.parse(`${cell}T00:00:00Z`));
    case 'datetime':
      return (
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(cell) &&
        !Number.isNaN(Date.parse(cell))
      );
    case 'string':
      return true;
    default:
      return false;
  }
}

/** Whether a JSON value is of the declared type; null is missing. */
function jsonValueFits(type: string, value: unknown): boolean {
  if (value === null) return true;
  if (type === 'integer') return Number.isSafeInteger(value);
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'string') return typeof value === 'string';
  return typeof value === 'string' && csvCellFits(type, value);
}

/**
 * A check of the archive against its own datapackage.json, of the strength of a Frictionless
 * validation: every resource's file exists; a CSV's header is the schema's field names in order;
 * every cell of every row parses as its field's type; a JSON file's rows have exactly the fields,
 * typed; the CSV and JSON of a table hold the same rows; the checksums match; every column has a
 * description. Answers the problems found (none for a valid archive).
 */
function validateArchive(files: Record<string, Uint8Array>) {
  const problems: string[] = [];
  const pkg = JSON.parse(strFromU8(files['datapackage.json']!)) as {
    profile: string;
    resources: Resource[];
  };
  expect(pkg.profile).toBe('tabular-data-package');
  const rowsByTable = new Map<string, { csv?: string[][]; json?: Record<string, unknown>[] }>();
  for (const resource of pkg.resources) {
    const file = files[resource.path];
    if (!file) {
      problems.push(`${resource.name}: ${resource.path} missing`);
      continue;
    }
    const fields = resource.schema.fields;
    for (const field of fields) {
      if (!field.description?.trim())
        problems.push(`${resource.name}.${field.name}: no description`);
      if (!['integer', 'string', 'boolean', 'date', 'datetime'].includes(field.type)) {
        problems.push(`${resource.name}.${field.name}: unknown type ${field.type}`);
      }
    }
    const table = resource.name.replace(/-json$/, '');
    const entry = rowsByTable.get(table) ?? {};
    rowsByTable.set(table, entry);
    if (resource.format === 'csv') {
      const [header, ...rows] = parseCsv(strFromU8(file));
      if (JSON.stringify(header) !== JSON.stringify(fields.map((f) => f.name))) {
        problems.push(`${resource.name}: header ${JSON.stringify(header)} is not the schema's`);
      }
      rows.forEach((row, index) => {
        if (row.length !== fields.length) problems.push(`${resource.name} row ${index + 1}: width`);
        fields.forEach((field, column) => {
          if (!csvCellFits(field.type, row[column] ?? '')) {
            problems.push(`${resource.name} row ${index + 1} ${field.name}: ${row[column]}`);
          }
        });
      });
      entry.csv = rows;
    } else {
      const rows = JSON.parse(strFromU8(file)) as Record<string, unknown>[];
      rows.forEach((row, index) => {
        if (JSON.stringify(Object.keys(row)) !== JSON.stringify(fields.map((f) => f.name))) {
          problems.push(`${resource.name} row ${index + 1}: keys are not the schema's`);
        }
        for (const field of fields) {
          if (!jsonValueFits(field.type, row[field.name])) {
            problems.push(
              `${resource.name} row ${index + 1} ${field.name}: ${String(row[field.name])}`,
            );
          }
        }
      });
      entry.json = rows;
    }
  }
  for (const [table, { csv, json }] of rowsByTable) {
    if (!csv || !json) {
      problems.push(`${table}: needs both CSV and JSON`);
      continue;
    }
    if (csv.length !== json.length)
      problems.push(`${table}: ${csv.length} CSV rows, ${json.length} JSON`);
    // The same values: each CSV cell is the JSON value written as text ('' for null).
    const asText = json.map((row) => Object.values(row).map((v) => (v === null ? '' : String(v))));
    if (JSON.stringify(asText) !== JSON.stringify(csv))
      problems.push(`${table}: CSV and JSON differ`);
  }
  const sums = strFromU8(files['SHA256SUMS']!).trim().split('\n');
  expect(sums.length).toBe(Object.keys(files).length - 1);
  for (const line of sums) {
    const [hash, name] = line.split('  ');
    const file = files[name!];
    if (!file || createHash('sha256').update(file).digest('hex') !== hash) {
      problems.push(`SHA256SUMS: ${name} does not match`);
    }
  }
  return { problems, rowsByTable };
}

describe('citable data releases', () => {
  let database: TestDatabase;
  let app: App;
  let admin: SignedIn;
  let editor: SignedIn;
  const year = new Date().getUTCFullYear();

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    admin = await signInAs(app, database.db, 'admin');
    editor = await signInAs(app, database.db, 'editor');
  });

  const publish = (who: SignedIn | undefined, body: unknown) => {
    const req = request(app.server).post('/api/v1/releases');
    return (who ? asUser(who, req) : req).send(body as object);
  };
  const download = async (number: string) => {
    const answer = await request(app.server)
      .get(`/api/v1/releases/${number}/archive.zip`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    return answer;
  };

  let first: DataRelease;

  it('lets only admins publish: 401 signed out, 403 for an editor, 400 without notes', async () => {
    expectProblem(await publish(undefined, { notes: 'x' }), 401);
    expectProblem(await publish(editor, { notes: 'x' }), 403);
    expectProblem(await publish(admin, {}), 400);
    expectProblem(await publish(admin, { notes: '   ' }), 400);
    const list = await request(app.server).get('/api/v1/releases');
    expect(list.body).toEqual({ items: [] });
  });

  it('numbers releases year.sequence and counts every public record as added in the first', async () => {
    const answer = await publish(admin, { notes: 'First release, for the 2026 paper.' });
    expect(answer.status).toBe(201);
    first = releaseSchema.parse(answer.body);
    expect(first.number).toBe(`${year}.1`);
    expect(first.counts.recommendations).toBeGreaterThan(0);
    expect(first.counts.assessments).toBeGreaterThan(0);
    for (const [table, count] of Object.entries(first.counts)) {
      expect(first.changes[table]).toEqual({ added: count, changed: 0, removed: 0 });
    }
  });

  it('serves an archive that is valid against its datapackage.json, holds no account data, and matches its checksum', async () => {
    const answer = await download(first.number);
    const bytes = answer.body as Buffer;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(first.sha256);
    expect(bytes.length).toBe(first.size);
    expect(answer.headers.etag).toBe(`"${first.sha256}"`);
    expect(answer.headers['content-disposition']).toContain(`release-${first.number}.zip`);
    const files = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(files).sort()).toEqual(
      [
        'CITATION.cff',
        'SHA256SUMS',
        'datapackage.json',
        ...Object.keys(first.counts).flatMap((t) => [`data/${t}.csv`, `data/${t}.json`]),
      ].sort(),
    );
    const { problems, rowsByTable } = validateArchive(files);
    expect(problems).toEqual([]);
    for (const [table, count] of Object.entries(first.counts)) {
      expect(rowsByTable.get(table)?.json?.length, table).toBe(count);
    }
    // The counts are the database's.
    const recommendations = await database.db.select().from(schema.recommendations);
    expect(first.counts.recommendations).toBe(recommendations.length);
    const everything = Object.values(files)
      .map((file) => strFromU8(file))
      .join('\n');
    expect(everything).not.toContain(admin.user.email);
    expect(everything).not.toContain('$argon2');
    expect(everything).not.toMatch(/password|email/i);
    const citation = strFromU8(files['CITATION.cff']!);
    expect(citation).toContain('cff-version: 1.2.0');
    expect(citation).toContain(`version: "${first.number}"`);
  });

  it('gives the same bytes when downloaded again after later edits, and counts the changes in the next release', async () => {
    const before = (await download(first.number)).body as Buffer;
    const [country] = await database.db.select().from(schema.countries).limit(1);
    await database.db
      .update(schema.countries)
      .set({ name: `${country!.name} (renamed)`, version: country!.version + 1 })
      .where(eq(schema.countries.id, country!.id));
    const after = (await download(first.number)).body as Buffer;
    expect(after.equals(before)).toBe(true);

    const second = releaseSchema.parse((await publish(admin, { notes: 'Second.' })).body);
    expect(second.number).toBe(`${year}.2`);
    expect(second.sha256).not.toBe(first.sha256);
    expect(second.changes.countries).toEqual({ added: 0, changed: 1, removed: 0 });
    expect(second.changes.recommendations).toEqual({ added: 0, changed: 0, removed: 0 });
    expect((await download(first.number)).body.equals(before)).toBe(true);

    const list = releaseListSchema.parse((await request(app.server).get('/api/v1/releases')).body);
    expect(list.items.map((r) => r.number)).toEqual([`${year}.2`, `${year}.1`]);
    expect(list.items[1]).toEqual({
      ...first,
      archiveUrl: `/api/v1/releases/${first.number}/archive.zip`,
    });
  });

  it('answers 304 to a matching If-None-Match, 404 for an unknown release and 400 for a malformed number', async () => {
    const again = await request(app.server)
      .get(`/api/v1/releases/${first.number}/archive.zip`)
      .set('if-none-match', `"${first.sha256}"`);
    expect(again.status).toBe(304);
    expectProblem(await request(app.server).get('/api/v1/releases/1999.9/archive.zip'), 404);
    expectProblem(await request(app.server).get('/api/v1/releases/latest/archive.zip'), 400);
  });

  it('keeps a release’s very bytes through a backup and restore', async () => {
    const lines: string[] = [];
    await exportDump(database.db, async (chunk) => {
      lines.push(...chunk.split('\n').filter((line) => line !== ''));
    });
    const restored = await createTestDatabase('migrated');
    try {
      await importDump(
        restored.db,
        (async function* () {
          yield* lines;
        })(),
      );
      const [row] = await restored.db
        .select()
        .from(schema.dataReleases)
        .where(eq(schema.dataReleases.number, first.number));
      const bytes = Buffer.from(row!.archive);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(first.sha256);
      expect(bytes.equals((await download(first.number)).body as Buffer)).toBe(true);
    } finally {
      await restored.destroy();
    }
  });
});
