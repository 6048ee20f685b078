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
