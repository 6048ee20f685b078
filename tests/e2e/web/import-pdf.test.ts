import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED_SOURCES_DIR } from '@tracker/db';
import type { RecommendationDetail, ReportDetail, ReportSource } from '@tracker/shared';
import {
  expectAccessible,
  expectInView,
  highlightedLines,
  runAxe,
  signIn,
  useWebApp,
  waitForSettled,
  watchPageErrors,
} from '../../helpers/browser.js';
import { cliUser } from '../../helpers/create-user-cli.js';
import { dataset, seedReport } from '../../helpers/seed-expectations.js';
import { SEED_RUNNING_HEADERS, buildReportPdfWithPages } from '../../server/importer/pdf-corpus.js';

const EDITOR = cliUser('pdf-importer', 'PDF Importer');

/** The 2004 final report: none of the other browser tests imports it (each has its own database). */
const SLUG = 'kz-2004-final';
const REPORT = seedReport(SLUG);
const SOURCE_FILE = REPORT.sourceFile!;
const ELECTION = dataset.manifest.elections.find((item) => item.key === REPORT.election)!;
const EXPECTED = dataset.recommendations
  .filter((item) => item.report === SLUG)
  .sort((a, b) => a.position - b.position);

/**
 * A report's PDF through the web app, on an empty tracker: an editor uploads a realistic PDF
 * (A4, running header, page numbers, footnotes, hyphenated lines; built from the seed text),
 * checks what was read and proposed, saves, and a reader follows a recommendation's line link to
 * its lines in the text extracted from the PDF.
 */
describe('importing a report’s PDF through the web app', { timeout: 120_000 }, () => {
  const web = useWebApp({ users: [EDITOR], template: 'migrated' });
  let page: Page;
  let errors: string[];
  let pdf: Buffer;
  /** What the PDF prints on each page (from the generator, not from the reader under test). */
  let printed: string[][];
  /** The text the server extracted, as the import form holds it. */
  let extracted: string;

  beforeAll(async () => {
    ({ pdf, pages: printed } = await buildReportPdfWithPages(
      readFileSync(join(SEED_SOURCES_DIR, SOURCE_FILE), 'utf8'),
      SEED_RUNNING_HEADERS[SOURCE_FILE]!,
    ));
    page = await web.newPage();
    errors = watchPageErrors(page);
  });

  /** The PDF page a recommendation starts on: where its number and first words are printed. */
  function printedPage(number: string, text: string): number {
    const start = `${number}. ${text.split(' ').slice(0, 3).join(' ')}`;
    const index = printed.findIndex((lines) => lines.some((line) => line.startsWith(start)));
    if (index < 0) throw new Error(`recommendation ${number} is printed on no page`);
    return index + 1;
  }

  const rows = () => page.locator('[data-testid="import-row"]');
  const hintOf = (id: string) => page.locator(`#${id}-hint`);

  it('reads the uploaded PDF: the seed’s recommendations, their PDF pages, the cover’s proposals', async () => {
    await signIn(page, EDITOR, '/editor/import');
    await page.setInputFiles('#import-sourceFileUpload', {
      name: 'kz-2004-final.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    // Read on the server as soon as it is chosen: the review step appears.
    await page.locator('[data-testid="parse-summary"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="pdf-loaded"]').waitFor();
    expect(await page.inputValue('#import-report-sourceFile')).toBe('kz-2004-final.pdf');
    // The extracted text is what will be saved: it is in the text field, not the PDF's bytes.
    extracted = await page.inputValue('#import-sourceText');
    expect(extracted).toContain(EXPECTED[0]!.text!.slice(0, 40));
    expect(extracted).not.toContain('%PDF');

    expect(EXPECTED).toHaveLength(24);
    expect(await rows().count()).toBe(EXPECTED.length);
    for (const [index, item] of EXPECTED.entries()) {
      expect(await page.inputValue(`#import-recommendations-${index}-number`)).toBe(item.number);
      // Verbatim: footnote references, running headers and hyphenation left out.
      expect(await page.inputValue(`#import-recommendations-${index}-text`)).toBe(item.text);
    }
    // Each row says which page of the PDF it starts on.
    const pages = await page.locator('[data-testid="row-pages"]').allInnerTexts();
    expect(pages).toHaveLength(EXPECTED.length);
    for (const [index, item] of EXPECTED.entries()) {
      expect(pages[index]).toMatch(
        new RegExp(`^PDF pages? ${printedPage(item.number, item.text!)}(–\\d+)?$`),
      );
    }

    // The cover page proposed the country and the kinds of election and report: marked so.
    expect(await page.inputValue('#import-country')).toBe('A country not yet in the tracker…');
    expect(await page.inputValue('#import-election-countryCode')).toBe(
      dataset.manifest.country.code,
    );
    expect(await page.inputValue('#import-election-countryName')).toBe(
      dataset.manifest.country.name,
    );
    expect(await page.inputValue('#import-election-kind')).toBe(ELECTION.kind);
    expect(await page.inputValue('#import-report-kind')).toBe(REPORT.kind);
    for (const id of [
      'import-election-countryCode',
      'import-election-kind',
      'import-report-kind',
    ]) {
      expect(await hintOf(id).innerText()).toMatch(/proposed from the cover page/);
    }
    expect(await page.locator('[data-testid="proposed-intro"]').count()).toBe(1);
    expectAccessible(await runAxe(page));
  });

  it('saves the reviewed import: the API holds the seed’s texts, the extracted text and the pages', async () => {
    // What the cover did not propose, the editor enters (from the seed's manifest).
    await page.fill('#import-election-heldOn', ELECTION.heldOn);
    if (ELECTION.secondRoundOn) {
      await page.fill('#import-election-secondRoundOn', ELECTION.secondRoundOn);
    }
    await page.fill('#import-report-slug', REPORT.slug);
    await page.fill('#import-report-publisher', REPORT.publisher);
    await page.fill('#import-report-title', REPORT.title);
    await page.fill('#import-report-publishedOn', REPORT.publishedOn);
    const shownPages = await page.locator('[data-testid="row-pages"]').allInnerTexts();
    await page.click('[data-testid="save-import"]');
    await page.waitForURL(`**/reports/${SLUG}/suggestions?imported=${EXPECTED.length}`);
    await waitForSettled(page);

    const report = await web.app.api<ReportDetail>(`/api/v1/reports/${SLUG}`);
    expect(report.sourceFile).toBe('kz-2004-final.pdf');
    expect(report.election.heldOn).toBe(ELECTION.heldOn);
    const details = await Promise.all(
      report.recommendations.map((item) =>
        web.app.api<RecommendationDetail>(`/api/v1/recommendations/${item.id}`),
      ),
    );
    expect(details.map((item) => [item.number, item.text])).toEqual(
      EXPECTED.map((item) => [item.number, item.text]),
    );
    // Where each stands: the PDF page the review showed.
    expect(details.map((item) => item.location)).toEqual(shownPages);
    const source = await web.app.api<ReportSource>(`/api/v1/reports/${SLUG}/source`);
    expect(source.text).toBe(extracted);
    expect(errors).toEqual([]);
  });

  it('a saved recommendation’s line link lands on its lines in the extracted text, in view', async () => {
    // A recommendation printed over several lines, late in the report (far down the text).
    const item = EXPECTED.at(-1)!;
    const report = await web.app.api<ReportDetail>(`/api/v1/reports/${SLUG}`);
    const id = report.recommendations.find((rec) => rec.number === item.number)!.id;
    const rec = await web.app.api<RecommendationDetail>(`/api/v1/recommendations/${id}`);
    const lines = rec.sourceLines!;
    expect(lines.end).toBeGreaterThan(lines.start);

    await page.goto(`/recommendations/${id}`);
    await waitForSettled(page);
    // The provenance names the PDF page it is printed on.
    expect(rec.location).toMatch(
      new RegExp(`^PDF pages? ${printedPage(item.number, item.text!)}(–\\d+)?$`),
    );
    const location = page.locator('.meta-list dd').filter({ hasText: rec.location! });
    expect(await location.count()).toBe(1);
    const link = page.locator('[data-testid="source-lines-link"]').first();
    await link.click();
    await page.waitForURL(`**/reports/${SLUG}/source#L${lines.start}-L${lines.end}`);
    await page.locator('.source-line--highlighted').first().waitFor();
    await waitForSettled(page);

    expect(await highlightedLines(page)).toEqual(
      Array.from({ length: lines.end - lines.start + 1 }, (_, index) => lines.start + index),
    );
    // The highlighted lines are the recommendation's, as printed: its number, then its text.
    const shown = (
      await page.locator('.source-line--highlighted .source-line__text').allInnerTexts()
    ).map((line) => line.trim());
    expect(shown[0]).toMatch(new RegExp(`^${item.number}\\. `));
    const joined = shown.join('\n').replace(/-\n/g, '').replace(/\n/g, ' ');
    expect(joined).toContain(item.text!.slice(0, 60));
    expect(joined).toContain(item.text!.slice(-30));
    await expectInView(page, `#L${lines.start}`);
    expect(errors).toEqual([]);
  });
});
