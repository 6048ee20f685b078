import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SEED_SOURCES_DIR } from '@tracker/db';
import type { App } from '@tracker/server';
import { MAX_REPORT_PDF_BYTES, PROBLEM_TYPES, importParseResultSchema } from '@tracker/shared';
import { asUser, signInAs } from '../../helpers/accounts.js';
import type { SignedIn } from '../../helpers/accounts.js';
import { expectProblem, useTestApp } from '../../helpers/app.js';
import type { TestDatabase } from '../../helpers/database.js';
import { dataset, recommendations } from '../../helpers/seed-expectations.js';
import { SEED_RUNNING_HEADERS, buildReportPdf } from './pdf-corpus.js';

describe('POST /api/v1/imports/parse-pdf', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;
  let pdf: Buffer;

  const upload = (body: Buffer | string, type = 'application/pdf') =>
    asUser(editor, request(app.server).post('/api/v1/imports/parse-pdf'))
      .set('content-type', type)
      .send(body);

  useTestApp('migrated', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
    const file = '002_f9e03738dbfd80ab.txt';
    pdf = await buildReportPdf(
      readFileSync(join(SEED_SOURCES_DIR, file), 'utf8'),
      SEED_RUNNING_HEADERS[file]!,
    );
  });

  it('reads the recommendations of a PDF, with their pages, and answers the extracted text', async () => {
    const response = await upload(pdf);
    expect(response.status).toBe(200);
    const result = importParseResultSchema.parse(response.body);
    const seed = recommendations.filter((item) => item.report === 'kz-2019-final');
    expect(result.recommendations.map((r) => [r.number, r.text])).toEqual(
      seed.map((r) => [r.number, r.text]),
    );
    const source = result.source!;
    expect(source.pages.length).toBeGreaterThan(10);
    const lines = source.text.split('\n');
    for (const recommendation of result.recommendations) {
      // Provenance: the page and the lines of the extracted text.
      const page = source.pages.find((p) => p.page === recommendation.sourcePageStart)!;
      expect(page.lineStart).toBeLessThanOrEqual(recommendation.sourceLineStart);
      expect(page.lineEnd).toBeGreaterThanOrEqual(recommendation.sourceLineStart);
      expect(lines[recommendation.sourceLineStart - 1]).toMatch(
        new RegExp(`^${recommendation.number}\\. `),
      );
    }
    expect(source.text).not.toContain('Early Presidential Election, 9 June 2019\n');
    // The cover page's country in capitals is the report's, not the running header's (which
    // names it too): proposed as on the text export's cover.
    expect(result.proposedMetadata?.country?.value.code).toBe(dataset.manifest.country.code);
  });

  it('refuses what is not a PDF, saying so', async () => {
    const problem = expectProblem(await upload('just some text'), 422, PROBLEM_TYPES.badRequest);
    expect(problem.title).toBe('Not a PDF');
  });

  it('refuses a damaged PDF, saying so', async () => {
    const problem = expectProblem(await upload('%PDF-1.7\nnothing more'), 422);
    expect(problem.title).toBe('Damaged PDF');
  });

  it('refuses a PDF without text (a scan), saying so', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve) =>
      doc.on('end', () => resolve(Buffer.concat(chunks))),
    );
    doc.rect(100, 100, 200, 200).fill('#888');
    doc.end();
    const problem = expectProblem(await upload(await done), 422);
    expect(problem.title).toBe('PDF without text');
  });

  it('refuses an encrypted PDF, saying so', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument({ size: 'A4', userPassword: 'secret', pdfVersion: '1.7' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve) =>
      doc.on('end', () => resolve(Buffer.concat(chunks))),
    );
    doc.text('RECOMMENDATIONS');
    doc.end();
    const problem = expectProblem(await upload(await done), 422);
    expect(problem.title).toBe('Encrypted PDF');
  });

  it('refuses an upload over the size limit', async () => {
    const big = Buffer.alloc(MAX_REPORT_PDF_BYTES + 1, 0x20);
    big.write('%PDF-1.7\n');
    expectProblem(await upload(big), 413);
  });

  it('keeps answering other requests while a report is read', async () => {
    const parsing = upload(pdf);
    const started = performance.now();
    const health = await request(app.server).get('/api/health');
    const elapsed = performance.now() - started;
    expect(health.status).toBe(200);
    expect((await parsing).status).toBe(200);
    // Not a timing test: only that the health check did not wait for the whole parse.
    expect(elapsed).toBeLessThan(5_000);
  });
});
