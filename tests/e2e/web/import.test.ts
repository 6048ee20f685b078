import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RecommendationDetail, ReportDetail } from '@tracker/shared';
import {
  launchBrowser,
  newContext,
  open,
  runAxe,
  screenshot,
  seriousViolations,
  waitForSettled,
  watchPageErrors,
} from '../../helpers/browser.js';
import type { AxeViolation } from '../../helpers/browser.js';
import { createUserWithCli } from '../../helpers/create-user-cli.js';
import { cliUser } from '../../helpers/create-user-cli.js';
import { createServerTestDatabase } from '../../helpers/database.js';
import type { ServerTestDatabase } from '../../helpers/database.js';
import { dataset, seedReport } from '../../helpers/seed-expectations.js';
import { startServer } from '../../helpers/server-process.js';
import type { ServerProcess } from '../../helpers/server-process.js';

/** Waits for what follows a write: the server and the page may be slow on a busy machine. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

const EDITOR = cliUser('importer', 'Import Editor');

const sourcePath = (file: string) =>
  fileURLToPath(new URL(`../../../db/seed/sources/${file}`, import.meta.url));

/**
 * The import workflow of the editor workspace, on a fresh empty database (no seed data): an
 * editor imports the 2019 final report through the pages and gets exactly the seed's
 * recommendations, then imports the 2023 statement and turns one of its follow-up suggestions
 * into an assessment of a 2019 recommendation and dismisses another.
 */
describe('importing a report through the web app', { timeout: 120_000 }, () => {
  let server: ServerProcess;
  let database: ServerTestDatabase | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // Migrated, without the seed data: cloned from the template, on either engine.
    database = await createServerTestDatabase('migrated');
    const env = database.env;
    // Before the server starts: on PGlite it then holds the data directory alone.
    await createUserWithCli(env, EDITOR);
    [server, browser] = await Promise.all([
      startServer({ ...env, SEED_ON_START: 'false', NODE_ENV: 'production' }),
      launchBrowser(),
    ]);
    context = await newContext(browser, server.baseUrl, 'desktop');
    page = await context.newPage();
    errors = watchPageErrors(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.destroy();
  });

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${server.baseUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  }

  function expectAccessible(violations: AxeViolation[]) {
    expect(seriousViolations(violations), JSON.stringify(violations, null, 2)).toEqual([]);
  }

  /** The session check of a visitor not yet signed in (401) and the refused import (400). */
  const expectedFailure = (error: string) =>
    /http 401: .*\/api\/v1\/auth\/session$|http 400: .*\/api\/v1\/imports$|status of 40[01]/.test(
      error,
    );
  const activeId = () =>
    page.evaluate<string>('document.activeElement && document.activeElement.id');
  const rows = () => page.locator('[data-testid="import-row"]');

  /** The metadata fields of the import form, filled from the seed data set's manifest. */
  async function fillReport(slug: string) {
    const report = seedReport(slug);
    await page.fill('#import-report-slug', report.slug);
    await page.selectOption('#import-report-kind', report.kind);
    await page.fill('#import-report-publisher', report.publisher);
    await page.fill('#import-report-publishedOn', report.publishedOn);
    await page.selectOption('#import-report-publishedOnPrecision', report.publishedOnPrecision);
    await page.fill('#import-report-title', report.title);
    if (report.note) await page.fill('#import-report-note', report.note);
  }

  async function fillNewElection(key: string) {
    const election = dataset.manifest.elections.find((item) => item.key === key)!;
    await page.selectOption('#import-election-id', 'new');
    await page.selectOption('#import-election-kind', election.kind);
    await page.fill('#import-election-heldOn', election.heldOn);
    await page.selectOption('#import-election-heldOnPrecision', election.heldOnPrecision);
    if (election.secondRoundOn)
      await page.fill('#import-election-secondRoundOn', election.secondRoundOn);
    await page.setChecked('#import-election-early', election.early);
  }

  async function uploadAndRead(file: string) {
    await page.setInputFiles('#import-sourceFileUpload', sourcePath(file));
    await page.locator('[data-testid="loaded-file"]').waitFor();
    // The file's name becomes the report's source file, which line numbers refer to.
    expect(await page.inputValue('#import-report-sourceFile')).toBe(file);
    await page.click('[data-testid="read-text"]');
    await page.locator('[data-testid="parse-summary"]').waitFor();
  }

  it('signs in and imports the 2019 final report: the saved recommendations are the seed’s', async () => {
    await open(page, `/sign-in?return=${encodeURIComponent('/editor/import')}`);
    await page.fill('#sign-in-email', EDITOR.email);
    await page.fill('#sign-in-password', EDITOR.password);
    await page.click('form button[type="submit"]');
    await page.waitForURL('**/editor/import');
    await waitForSettled(page);
    // An empty database has no country yet: the form asks for a new one.
    expect(await page.inputValue('#import-country')).toBe('A country not yet in the tracker…');
    expectAccessible(await runAxe(page));

    // Reading without a text names the missing text next to its field.
    await page.click('[data-testid="read-text"]');
    await poll(activeId).toBe('import-sourceText');
    expect(await page.getAttribute('#import-sourceText', 'aria-invalid')).toBe('true');

    await page.fill('#import-election-countryCode', dataset.manifest.country.code);
    await page.fill('#import-election-countryName', dataset.manifest.country.name);
    await fillNewElection('kz-2019-presidential');
    await fillReport('kz-2019-final');
    await uploadAndRead('002_f9e03738dbfd80ab.txt');

    const expected = dataset.recommendations
      .filter((item) => item.report === 'kz-2019-final')
      .sort((a, b) => a.position - b.position);
    expect(expected).toHaveLength(31);
    await poll(() => rows().count()).toBe(31);
    // Focus moves to the review step that appeared.
    expect(await activeId()).toBe('import-step-2');
    expect(await page.inputValue('#import-recommendations-0-number')).toBe('1');
    expect(await page.inputValue('#import-recommendations-0-text')).toBe(expected[0]!.text);
    expect(await page.isChecked('#import-recommendations-0-priority')).toBe(true);
    expectAccessible(await runAxe(page));
    await screenshot(page, 'editor-import-review', 'desktop');

    // A row added and left empty is refused next to its fields; nothing is sent.
    await page.click('#import-add-row');
    await poll(() => rows().count()).toBe(32);
    expect(await activeId()).toBe('import-recommendations-31-number');
    expect(await page.inputValue('#import-recommendations-31-number')).toBe('32');
    await page.fill('#import-recommendations-31-number', '31');
    await page.click('[data-testid="save-import"]');
    const summary = page.locator('#import-error-summary');
    await summary.waitFor();
    // Focus moves to the summary, which links each refused field.
    await poll(activeId).toBe('import-error-summary');
    expect(await summary.locator('a[href="#import-recommendations-31-text"]').count()).toBe(1);
    expect(await page.getAttribute('#import-recommendations-31-number', 'aria-invalid')).toBe(
      'true',
    );
    expect(await page.locator('#import-recommendations-31-number-error').innerText()).toMatch(
      /another row has this number/i,
    );
    expect(await page.locator('#import-recommendations-31-text-error').innerText()).toMatch(
      /enter this/i,
    );
    expectAccessible(await runAxe(page));

    // Removed again; focus stays in the table, on "add".
    await page.locator('[id^="import-remove-"]').nth(31).click();
    await poll(() => rows().count()).toBe(31);
    expect(await activeId()).toBe('import-add-row');

    // A slug the server refuses: its message is shown next to the field, nothing is written.
    await page.fill('#import-report-slug', 'KZ 2019 final');
    await page.click('[data-testid="save-import"]');
    await page.locator('#import-report-slug-error').waitFor();
    expect(await page.getAttribute('#import-report-slug', 'aria-invalid')).toBe('true');
    expect(await summary.innerText()).toMatch(/Identifier/);
    await expect(api('/api/v1/reports/kz-2019-final')).rejects.toThrow(/404/);

    await page.fill('#import-report-slug', 'kz-2019-final');
    await page.click('[data-testid="save-import"]');
    await page.waitForURL('**/reports/kz-2019-final/suggestions?imported=31');
    await waitForSettled(page);
    expect(await page.locator('[data-testid="import-done"]').innerText()).toMatch(/31/);

    // What the API now holds is the seed's recommendations: number, priority, text and lines.
    const report = await api<ReportDetail>('/api/v1/reports/kz-2019-final');
    expect(report.sourceFile).toBe('002_f9e03738dbfd80ab.txt');
    expect(report.title).toBe(seedReport('kz-2019-final').title);
    expect(report.election.heldOn).toBe('2019-06-09');
    expect(report.recommendations.map((item) => item.number)).toEqual(
      expected.map((item) => item.number),
    );
    const details = await Promise.all(
      report.recommendations.map((item) =>
        api<RecommendationDetail>(`/api/v1/recommendations/${item.id}`),
      ),
    );
    expect(
      details.map((item) => ({
        number: item.number,
        priority: item.priority,
        heading: item.heading,
        text: item.text,
        lines: item.sourceLines,
      })),
    ).toEqual(
      expected.map((item) => ({
        number: item.number,
        priority: item.priority,
        heading: item.heading,
        text: item.text,
        lines: { start: item.lineStart, end: item.lineEnd },
      })),
    );
    // The only failed requests: the session check before signing in, and the refused slug.
    expect(errors.filter((error) => !expectedFailure(error))).toEqual([]);
    errors.length = 0;
  });

  it('lists the 2019 report’s follow-up sentences; with no earlier report there is nothing to map them to', async () => {
    // The 2019 report assesses the 2015 and 2016 reports, which this database does not hold.
    const sentences = page.locator('[data-testid="suggestion"]');
    expect(await sentences.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="suggestion-count"]').innerText()).toBe(
      `(${await sentences.count()})`,
    );
    expect(await page.locator('[data-testid="record-assessment"]').count()).toBe(0);
    expect(await sentences.first().innerText()).toMatch(/lines? \d+/);
    expectAccessible(await runAxe(page));
  });

  it('imports the 2023 statement, records one suggestion as an assessment and dismisses another', async () => {
    await open(page, '/editor/import');
    // Kazakhstan is in the tracker now, with its 2019 election.
    await poll(() => page.inputValue('#import-country')).toBe('Kazakhstan (KZ)');
    await poll(() => page.locator('#import-election-id option').count()).toBe(2);
    await fillNewElection('kz-2023-parliamentary');
    await fillReport('kz-2023-psfc');
    await uploadAndRead('001_7753549e037c9a3a.txt');
    // A statement of preliminary findings has no numbered recommendations: said, not guessed.
    expect(await rows().count()).toBe(0);
    expect(await page.locator('[data-testid="general-problems"]').innerText()).toMatch(
      /No numbered recommendations/,
    );
    expectAccessible(await runAxe(page));
    await page.click('[data-testid="save-import"]');
    await page.waitForURL('**/reports/kz-2023-psfc/suggestions?imported=0');
    await waitForSettled(page);
    expectAccessible(await runAxe(page));
    await screenshot(page, 'editor-follow-up-suggestions', 'desktop');

    const cards = page.locator('[data-testid="suggestion"]');
    const before = await cards.count();
    expect(before).toBeGreaterThan(1);
    // The first sentence with candidate recommendations (of the 2019 report).
    const card = cards.filter({ has: page.locator('[data-testid="record-assessment"]') }).first();
    const sentence = (await card.locator('blockquote').innerText()).trim();
    const candidate = card.locator('[data-testid="candidate"]').first();
    // Ticked at first only at or above the measured threshold; the editor ticks one here.
    if (!(await candidate.isChecked())) await candidate.check();
    expect(await candidate.isChecked()).toBe(true);
    const candidateLabel = await card.locator('.suggestion__candidate').first().innerText();
    const status = card.locator('select');
    if ((await status.inputValue()) === '') await status.selectOption('not_implemented');
    const chosenStatus = await status.inputValue();
    await card.locator('[data-testid="record-assessment"]').click();

    await poll(() => cards.count()).toBe(before - 1);
    await page.locator('[data-testid="recorded-list"]').waitFor();
    const number = /Recommendation (\S+),/.exec(candidateLabel)![1]!;
    expect(await page.locator('[data-testid="recorded-list"]').innerText()).toContain(
      `Recommendation ${number}`,
    );

    // The assessment as stored: the sentence verbatim, its lines, the chosen status, explicit.
    const statement = await api<ReportDetail>('/api/v1/reports/kz-2023-psfc');
    expect(statement.assessmentsMade).toHaveLength(1);
    const made = statement.assessmentsMade[0]!;
    expect(made.quote).toBe(sentence);
    expect(made.status).toBe(chosenStatus);
    expect(made.basis).toBe('explicit');
    expect(made.recommendation.number).toBe(number);
    expect(made.sourceLines).not.toBeNull();

    // Dismissed: gone from the list, and still gone after a reload.
    const dismissedSentence = (await cards.first().locator('blockquote').innerText()).trim();
    await cards.first().locator('[data-testid="dismiss-suggestion"]').click();
    await poll(() => cards.count()).toBe(before - 2);
    await page.reload();
    await waitForSettled(page);
    await poll(() => cards.count()).toBe(before - 2);
    const remaining = await cards.locator('blockquote').allInnerTexts();
    expect(remaining.map((text) => text.trim())).not.toContain(dismissedSentence);
    expect(remaining.map((text) => text.trim())).not.toContain(sentence);

    // Editors reach the list from the report page too.
    await open(page, '/reports/kz-2023-psfc');
    await page.click('[data-testid="follow-up-suggestions-link"]');
    await page.waitForURL('**/reports/kz-2023-psfc/suggestions');
    expect(errors).toEqual([]);
  });
});
