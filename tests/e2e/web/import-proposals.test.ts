import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ReportDetail } from '@tracker/shared';
import {
  runAxe,
  seriousViolations,
  signIn,
  useWebApp,
  watchPageErrors,
} from '../../helpers/browser.js';
import { cliUser } from '../../helpers/create-user-cli.js';
import { seedReport } from '../../helpers/seed-expectations.js';

const EDITOR = cliUser('proposals', 'Proposals Editor');
const NAM = seedReport('kz-2020-nam');
const namPath = fileURLToPath(
  new URL(`../../../db/seed/sources/${NAM.sourceFile}`, import.meta.url),
);

/**
 * The import page on the seeded data set: the cover page's proposals fill the empty form, each
 * marked; saving a text already stored is refused, naming the report, and saved on confirmation.
 */
describe('import page: cover-page proposals and duplicates', { timeout: 120_000 }, () => {
  const web = useWebApp({ users: [EDITOR] });
  let page: Page;

  beforeAll(async () => {
    page = await web.newPage();
  });

  it('proposes the metadata, then asks before saving a text already stored', async () => {
    const errors = watchPageErrors(page);
    await signIn(page, EDITOR, '/editor/import');

    await page.setInputFiles('#import-sourceFileUpload', namPath);
    await page.locator('[data-testid="loaded-file"]').waitFor();
    await page.click('[data-testid="read-text"]');
    await page.locator('[data-testid="parse-summary"]').waitFor();

    // The empty fields now hold the cover page's values, each marked as proposed.
    expect(await page.inputValue('#import-report-title')).toBe(NAM.title);
    expect(await page.inputValue('#import-report-publishedOn')).toBe(NAM.publishedOn);
    expect(await page.inputValue('#import-report-kind')).toBe('needs_assessment');
    expect(await page.inputValue('#import-country')).toBe('Kazakhstan (KZ)');
    // The election is in the tracker already: chosen rather than made again.
    const election = await page.inputValue('#import-election-id');
    expect(election).not.toBe('new');
    for (const id of ['report-title', 'report-publishedOn', 'report-kind']) {
      expect(await page.locator(`#import-${id}-hint`).innerText()).toContain(
        'proposed from the cover page',
      );
    }
    await page.locator('[data-testid="proposed-intro"]').waitFor();
    expect(await page.locator('[data-testid="proposed-intro"]').innerText()).toContain('Warsaw');
    expect(seriousViolations(await runAxe(page))).toEqual([]);

    // Editing a proposed value removes its mark.
    await page.fill('#import-report-title', `${NAM.title} (copy)`);
    expect(await page.locator('#import-report-title-hint').innerText()).not.toContain(
      'proposed from the cover page',
    );

    await page.fill('#import-report-slug', 'kz-2020-nam-copy');
    await page.click('[data-testid="save-import"]');
    const warning = page.locator('[data-testid="duplicate-report"]');
    await warning.waitFor();
    expect(await warning.innerText()).toContain(NAM.title);
    expect(await warning.innerText()).toContain(NAM.slug);
    await expect(web.app.api('/api/v1/reports/kz-2020-nam-copy')).rejects.toThrow(/404/);

    await page.click('[data-testid="save-duplicate"]');
    await page.waitForURL('**/reports/kz-2020-nam-copy/suggestions**');
    const saved = await web.app.api<ReportDetail>('/api/v1/reports/kz-2020-nam-copy');
    expect(saved.title).toBe(`${NAM.title} (copy)`);
    // The refused save's 409 is the only failure the page logged.
    expect(errors.filter((error) => !/409|status of 409/.test(error))).toEqual([]);
  });
});
