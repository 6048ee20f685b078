import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KAZAKHSTAN_DATASET_DIR, sourcePath } from '@tracker/db';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../server/dist/cli/import-report.js', import.meta.url));

/** `npm run import -- <file>` as a user runs it, on the built CLI. */
describe('the import command', () => {
  it('prints the reviewed recommendations of the 2019 final report as JSON', async () => {
    const { stdout, stderr } = await run(process.execPath, [
      CLI,
      sourcePath('002_f9e03738dbfd80ab.txt'),
    ]);
    const committed = JSON.parse(
      readFileSync(`${KAZAKHSTAN_DATASET_DIR}/recommendations/kz-2019-final.json`, 'utf8'),
    );
    expect(JSON.parse(stdout)).toEqual(committed);
    expect(stderr).toMatch(/31/);
  });

  it('says what could not be parsed in a report without a numbered list', async () => {
    const { stdout } = await run(process.execPath, [CLI, sourcePath('001_7753549e037c9a3a.txt')]);
    const result = JSON.parse(stdout);
    expect(result.recommendations).toEqual([]);
    expect(result.problems).toHaveLength(1);
  });

  it('fails with a message for a missing file', async () => {
    await expect(run(process.execPath, [CLI, '/nonexistent/report.txt'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/report\.txt/),
    });
  });
});

describe('the import command on a PDF', () => {
  it('reads a generated report PDF and writes its extracted text', async () => {
    const { buildReportPdf } = await import('../server/importer/pdf-corpus.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    const pdf = join(dir, 'report.pdf');
    writeFileSync(
      pdf,
      await buildReportPdf(readFileSync(sourcePath('003_5c4751061d60951e.txt'), 'utf8'), {
        country: 'Republic of Kazakhstan',
        election: 'Parliamentary Elections, 19 September and 3 October 2004',
        title: 'OSCE/ODIHR Election Observation Mission Final Report',
      }),
    );
    const textFile = join(dir, 'report.txt');
    const { stdout, stderr } = await run(process.execPath, [CLI, pdf, '--text-out', textFile]);
    const committed = JSON.parse(
      readFileSync(`${KAZAKHSTAN_DATASET_DIR}/recommendations/kz-2004-final.json`, 'utf8'),
    ) as { recommendations: { number: string; text: string }[] };
    const result = JSON.parse(stdout) as { recommendations: { number: string; text: string }[] };
    expect(result.recommendations.map((r) => [r.number, r.text])).toEqual(
      committed.recommendations.map((r) => [r.number, r.text]),
    );
    expect(readFileSync(textFile, 'utf8')).toContain('XVI. RECOMMENDATIONS');
    expect(stderr).toMatch(/24 recommendations/);
  });

  it('fails with a clear message for a file that claims to be a PDF but is not readable', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'import-cli-')), 'broken.pdf');
    writeFileSync(file, '%PDF-1.4 this is not really a PDF');
    await expect(run(process.execPath, [CLI, file])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/The PDF cannot be read/),
    });
  });
});
