import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED_SOURCES_DIR } from '@tracker/db';
import type {
  RecommendationDetail,
  RecommendationPage,
  RecommendationRecord,
  ReportPage,
  ReportSummary,
} from '@tracker/shared';
import {
  editorStatus,
  expectAccessible,
  open,
  runAxe,
  signIn,
  useWebApp,
  waitForSettled,
  watchPageErrors,
} from '../../helpers/browser.js';
import { cliUser } from '../../helpers/create-user-cli.js';
import type { CliUser } from '../../helpers/create-user-cli.js';
import {
  chooseReport as chooseReportIn,
  distinctiveWordsOf,
  quotableLine as quotableLineOf,
  unassessedWithLaterReport as unassessedAndLater,
} from '../../helpers/assessment-targets.js';

const EDITOR = cliUser('adviser', 'Election Adviser');
const SECOND_EDITOR = cliUser('second', 'Second Adviser', 'admin');

/**
 * The editor workspace against the real server and database: sign-in, recording an assessment
 * (the public page then shows it), two editors changing one record (the second sees both
 * versions and chooses), sign-out, and the accessibility of the editor's screens.
 */
describe('the editor workspace', { timeout: 90_000 }, () => {
  const web = useWebApp({ users: [EDITOR, SECOND_EDITOR] });
  const freshPage = () => web.newPage();

  /** Signs in; on a recommendation's page, also waits for its editor tools. */
  async function signInAs(page: Page, user: CliUser, returnPath?: string) {
    await signIn(page, user, returnPath);
    if (returnPath?.startsWith('/recommendations/')) {
      await page.waitForSelector('[data-testid="editor-tools"]');
    }
  }

  const unassessedWithLaterReport = (skip: number[] = []) => unassessedAndLater(web.app, skip);
  const quotableLine = (reportId: number) => quotableLineOf(web.app, reportId);

  const distinctivePartOf = (report: ReportSummary) => distinctiveWordsOf(web.app, report);
  const chooseReport = (page: Page, report: ReportSummary) =>
    chooseReportIn(page, web.app, 'assessment-assessingReportId', report);

  it('sign-in: refuses a wrong password next to the form, then returns the editor where they were', async () => {
    const { recommendation } = await unassessedWithLaterReport();
    const page = await freshPage();
    const errors = watchPageErrors(page);

    // A public visitor sees no editing controls.
    await open(page, `/recommendations/${recommendation.id}`);
    expect(await page.locator('[data-testid="editor-tools"]').count()).toBe(0);
    await page.click('.account__link');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await waitForSettled(page);

    // Empty fields are named next to them.
    await page.click('form button[type="submit"]');
    await expect.poll(() => page.getAttribute('#sign-in-email', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#sign-in-email', 'aria-describedby')).toBe(
      'sign-in-email-error',
    );
    expect(await page.locator('#sign-in-email-error').innerText()).toMatch(/enter/i);
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('sign-in-email');

    await page.fill('#sign-in-email', EDITOR.email);
    await page.fill('#sign-in-password', 'not the password at all');
    await page.click('form button[type="submit"]');
    await page.waitForSelector('[data-testid="sign-in-error"]');
    expect(await page.locator('[data-testid="sign-in-error"]').innerText()).toMatch(
      /e-mail or password is wrong/,
    );
    expectAccessible(await runAxe(page));

    await page.fill('#sign-in-password', EDITOR.password);
    await page.click('form button[type="submit"]');
    await page.waitForSelector('[data-testid="editor-tools"]');
    expect(new URL(page.url()).pathname).toBe(`/recommendations/${recommendation.id}`);
    expect(await page.locator('[data-testid="signed-in-user"]').innerText()).toContain(EDITOR.name);
    // Only the refused sign-in answered with an error.
    expect(errors.filter((error) => !/401/.test(error))).toEqual([]);
  });

  it('records an assessment; the public page shows the new status and the history entry', async () => {
    const { recommendation, laterReport } = await unassessedWithLaterReport();
    const page = await freshPage();
    const errors = watchPageErrors(page);
    await signInAs(page, EDITOR, `/recommendations/${recommendation.id}`);

    await page.click('[data-testid="editor-assess"]');
    await page.waitForSelector('[data-testid="assessment-form"]');
    // Focus moves to the panel that opened.
    expect(await page.evaluate<string>('document.activeElement.tagName')).toBe('H3');

    // Without the required fields nothing is sent; each says what is missing next to it.
    await page.click('[data-testid="assessment-form"] button[type="submit"]');
    await expect.poll(() => page.getAttribute('#assessment-quote', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#assessment-quote', 'aria-describedby')).toContain(
      'assessment-quote-error',
    );
    expect(await page.evaluate<string>('document.activeElement.id')).toBe(
      'assessment-assessingReportId',
    );
    expectAccessible(await runAxe(page));

    // Quotes are checked against the assessing report's stored text: a line of it, with its number.
    const { quote, line } = await quotableLine(laterReport.id);
    // The assessing report is found by typing part of its title: the server searches as one types.
    const reportInput = page.locator('#assessment-assessingReportId');
    expect(await reportInput.getAttribute('role')).toBe('combobox');
    expect(await reportInput.getAttribute('aria-expanded')).toBe('false');
    const fragment = await distinctivePartOf(laterReport);
    await reportInput.fill(fragment);
    const options = page.locator('#assessment-assessingReportId-list [role="option"]');
    await expect
      .poll(() => options.allInnerTexts())
      .toEqual([expect.stringContaining(laterReport.title)]);
    expect(await reportInput.getAttribute('aria-expanded')).toBe('true');
    expectAccessible(await runAxe(page));
    await reportInput.press('ArrowDown');
    expect(await reportInput.getAttribute('aria-activedescendant')).toBe(
      'assessment-assessingReportId-option-0',
    );
    await reportInput.press('Enter');
    expect(await reportInput.getAttribute('aria-expanded')).toBe('false');
    expect(await reportInput.inputValue()).toMatch(
      new RegExp(`^Kazakhstan: .*${laterReport.publishedOn.slice(0, 4)}`),
    );
    await page.selectOption('#assessment-status', 'partially_implemented');
    await page.fill('#assessment-quote', quote);
    await page.fill('#assessment-sourceLineStart', String(line));
    await page.fill('#assessment-sourceLineEnd', String(line));
    await page.fill('#assessment-location', 'Section IV, paragraph 2');
    await page.fill('#assessment-note', 'Recorded by the end-to-end test.');
    await page.fill('#assessment-reason', 'Recorded from the follow-up report');
    await page.click('[data-testid="assessment-form"] button[type="submit"]');

    await expect
      .poll(editorStatus(page), {
        message: `quote ${quote} at line ${line}`,
        timeout: 10_000,
      })
      .toMatch(/Assessment saved/);
    await waitForSettled(page);
    expect(await page.locator('[data-testid="timeline"]').innerText()).toContain(quote);
    expect(await page.locator('.rec-summary').innerText()).toContain('Partially implemented');

    // Anyone, signed in or not, now reads the new status and the history entry.
    const publicPage = await freshPage();
    await open(publicPage, `/recommendations/${recommendation.id}`);
    expect(await publicPage.locator('[data-testid="editor-tools"]').count()).toBe(0);
    expect(await publicPage.locator('.rec-summary').innerText()).toContain('Partially implemented');
    expect(await publicPage.locator('[data-testid="timeline"]').innerText()).toContain(quote);
    const history = publicPage.locator('section[aria-labelledby="history-title"]');
    await history.locator('.change-list__item').first().waitFor();
    const entry = (await history.locator('.change-list__item').first().innerText()).trim();
    expect(entry).toMatch(/Added assessment: Partially implemented/);
    expect(entry).toContain(`by ${EDITOR.name}`);
    expect(entry).toContain('Recorded from the follow-up report');

    const detail = await web.app.api<RecommendationDetail>(
      `/api/v1/recommendations/${recommendation.id}`,
    );
    expect(detail.currentStatus).toBe('partially_implemented');
    expect(detail.assessments.map((assessment) => assessment.quote)).toContain(quote);
    expect(errors).toEqual([]);
  });

  /**
   * A recommendation with two later reports the form offers: one whose text is stored (quotes from
   * it are checked) and one without (known only from a citation: quotes from it are not).
   */
  async function laterReportsWithAndWithoutText() {
    const reports = await web.app.api<ReportPage>('/api/v1/reports?country=KZ&pageSize=100');
    const list = await web.app.api<RecommendationPage>(
      '/api/v1/recommendations?country=KZ&sort=year&order=asc&pageSize=100',
    );
    for (const item of list.items) {
      const later = reports.items.filter((report) => report.publishedOn > item.report.publishedOn);
      const withText = later.find((report) => report.hasSourceText);
      const withoutText = later.find((report) => !report.hasSourceText);
      if (withText && withoutText) return { recommendation: item, withText, withoutText };
    }
    throw new Error('no recommendation with later reports both with and without a stored text');
  }

  it('the assessment form says whether the quote can be checked against the chosen report', async () => {
    const { recommendation, withText, withoutText } = await laterReportsWithAndWithoutText();
    const page = await freshPage();
    const errors = watchPageErrors(page);
    await signInAs(page, EDITOR, `/recommendations/${recommendation.id}`);
    await page.click('[data-testid="editor-assess"]');
    await page.waitForSelector('[data-testid="assessment-form"]');
    const notice = page.locator('[data-testid="quote-check"]');
    // Nothing to say before a report is chosen.
    expect(await notice.count()).toBe(0);

    await chooseReport(page, withoutText);
    expect(await notice.innerText()).toBe(
      'This report has no stored text, so the quote cannot be checked against it: copy it exactly from the report.',
    );

    expect(await page.locator('[data-testid="pick-quote"]').count()).toBe(0);
    expectAccessible(await runAxe(page));

    await chooseReport(page, withText);
    expect(await notice.innerText()).toContain(
      'The quote is checked against the report’s stored text at these lines.',
    );
    expect(await notice.innerText()).not.toMatch(/no stored text/);
    // Its text can be opened to pick the quote there.
    expect(await page.locator('[data-testid="pick-quote"]').count()).toBe(1);

    // In Russian too.
    await page.click('[data-locale="ru"]');
    await chooseReport(page, withoutText);
    expect(await notice.innerText()).toMatch(/нет сохранённого текста.*нельзя сверить/);
    expect(errors).toEqual([]);
  });

  it('picks the quote in the report’s source view: the form comes back with the lines and their text', async () => {
    const { recommendation, laterReport } = await unassessedWithLaterReport();
    expect(laterReport.hasSourceText).toBe(true);
    const { line } = await quotableLine(laterReport.id);
    // What the two lines say in the seed's text, which the form should take as the quote.
    const sourceLines = readFileSync(join(SEED_SOURCES_DIR, laterReport.sourceFile!), 'utf8')
      .split('\n')
      .slice(line - 1, line + 1)
      .map((text) => text.trim())
      .filter((text) => text !== '');
    const expectedQuote = sourceLines.join(' ');
    const page = await freshPage();
    const errors = watchPageErrors(page);
    await signInAs(page, EDITOR, `/recommendations/${recommendation.id}`);
    await page.click('[data-testid="editor-assess"]');
    await page.waitForSelector('[data-testid="assessment-form"]');
    await chooseReport(page, laterReport);
    await page.click('[data-testid="pick-quote"]');
    await page.waitForURL(`**/reports/${laterReport.slug}/source?quoteFor=${recommendation.id}`);
    await page.locator('[data-testid="pick-quote-intro"]').waitFor();
    expect(await page.locator('[data-testid="use-as-quote"]').count()).toBe(0);

    // A first line, then Shift and the last: the range is highlighted and offered as the quote.
    await page.locator(`#L${line} .source-line__number`).click();
    await page.locator(`#L${line + 1} .source-line__number`).click({ modifiers: ['Shift'] });
    await page.waitForURL(`**/source?quoteFor=${recommendation.id}#L${line}-L${line + 1}`);
    expectAccessible(await runAxe(page));
    await page.click('[data-testid="use-as-quote"]');

    await page.waitForURL((url) => url.pathname === `/recommendations/${recommendation.id}`);
    await page.waitForSelector('[data-testid="assessment-form"]');
    await expect
      .poll(() => page.inputValue('#assessment-assessingReportId'))
      .toMatch(new RegExp(`^Kazakhstan: .*${laterReport.publishedOn.slice(0, 4)}`));
    expect(await page.inputValue('#assessment-sourceLineStart')).toBe(String(line));
    expect(await page.inputValue('#assessment-sourceLineEnd')).toBe(String(line + 1));
    await expect.poll(() => page.inputValue('#assessment-quote')).toBe(expectedQuote);
    // The query that carried the quote is gone: a reload starts afresh.
    await expect.poll(() => new URL(page.url()).search).toBe('');

    await page.selectOption('#assessment-status', 'not_implemented');
    await page.click('[data-testid="assessment-form"] button[type="submit"]');
    await expect.poll(editorStatus(page), { timeout: 10_000 }).toMatch(/Assessment saved/);
    const detail = await web.app.api<RecommendationDetail>(
      `/api/v1/recommendations/${recommendation.id}`,
    );
    const saved = detail.assessments.find((item) => item.assessingReport.id === laterReport.id);
    expect(saved?.quote).toBe(expectedQuote);
    expect(saved?.sourceLines).toEqual({ start: line, end: line + 1 });
    expect(errors).toEqual([]);
  });

  it('two editors change one recommendation: the second sees both versions and chooses', async () => {
    const { recommendation } = await unassessedWithLaterReport();
    const first = await freshPage();
    const second = await freshPage();
    await signInAs(first, EDITOR, `/recommendations/${recommendation.id}`);
    await signInAs(second, SECOND_EDITOR, `/recommendations/${recommendation.id}`);

    // Both open the form on the same version.
    for (const page of [first, second]) {
      await page.click('[data-testid="editor-edit"]');
      await page.waitForSelector('[data-testid="recommendation-edit-form"]');
    }
    expectAccessible(await runAxe(first));
    const before = await web.app.api<RecommendationDetail>(
      `/api/v1/recommendations/${recommendation.id}`,
    );

    // A change needs a reason, named next to its field.
    await first.fill('#rec-edit-heading', 'Heading set by the first editor');
    await first.click('[data-testid="recommendation-edit-form"] button[type="submit"]');
    await expect.poll(() => first.getAttribute('#rec-edit-reason', 'aria-invalid')).toBe('true');
    expect(await first.locator('#rec-edit-reason-error').innerText()).toMatch(/why/i);

    await first.fill('#rec-edit-reason', 'Heading as printed');
    await first.click('[data-testid="recommendation-edit-form"] button[type="submit"]');
    await expect.poll(editorStatus(first)).toMatch(/Saved/);

    const secondText = `${before.text ?? ''} (corrected by the second editor)`;
    await second.fill('#rec-edit-text', secondText);
    await second.fill('#rec-edit-reason', 'Typo in the text');
    await second.click('[data-testid="recommendation-edit-form"] button[type="submit"]');

    // Nothing is overwritten silently: both versions, field by field.
    const conflict = second.locator('[data-testid="edit-conflict"]');
    await conflict.waitFor();
    expect(await second.evaluate<string>('document.activeElement.id')).toBe('conflict-title');
    const headingRow = conflict.locator('tr[data-field="heading"]');
    expect(await headingRow.locator('[data-testid="conflict-current"]').innerText()).toBe(
      'Heading set by the first editor',
    );
    expect(await headingRow.locator('[data-testid="conflict-yours"]').innerText()).toBe(
      before.heading ?? '(empty)',
    );
    const textRow = conflict.locator('tr[data-field="text"]');
    expect(await textRow.locator('[data-testid="conflict-yours"]').innerText()).toBe(secondText);
    expect(await textRow.locator('[data-testid="conflict-current"]').innerText()).toBe(
      before.text ?? '(empty)',
    );
    expectAccessible(await runAxe(second));
    // The server kept the first editor's version.
    const meanwhile = await web.app.api<RecommendationDetail>(
      `/api/v1/recommendations/${recommendation.id}`,
    );
    expect(meanwhile.text).toBe(before.text);
    expect(meanwhile.heading).toBe('Heading set by the first editor');

    // Keep mine: the second editor's change, based on the current version; the first one's stays.
    await conflict.locator('[data-testid="keep-mine"]').click();
    await expect.poll(editorStatus(second)).toMatch(/Saved/);
    await waitForSettled(second);
    expect(await second.locator('[data-testid="recommendation-text"]').innerText()).toBe(
      secondText,
    );
    const after = await web.app.api<RecommendationDetail>(
      `/api/v1/recommendations/${recommendation.id}`,
    );
    expect(after.text).toBe(secondText);
    expect(after.heading).toBe('Heading set by the first editor');
  });

  it('take theirs writes nothing and shows the current version', async () => {
    const { recommendation } = await unassessedWithLaterReport();
    const page = await freshPage();
    await signInAs(page, EDITOR, `/recommendations/${recommendation.id}`);
    await page.click('[data-testid="editor-edit"]');
    await page.waitForSelector('[data-testid="recommendation-edit-form"]');

    // Someone else changes the priority meanwhile, through the API in another browser.
    const other = await freshPage();
    await signInAs(other, SECOND_EDITOR);
    const record = await other.evaluate<RecommendationRecord>(
      `fetch('/api/v1/recommendations/${recommendation.id}/record').then((r) => r.json())`,
    );
    const csrf = await other.evaluate<string>(
      `fetch('/api/v1/auth/session').then((r) => r.json()).then((s) => s.csrfToken)`,
    );
    const status = await other.evaluate<number>(
      `fetch('/api/v1/recommendations/${recommendation.id}', {
         method: 'PATCH',
         headers: { 'content-type': 'application/json', 'x-csrf-token': ${JSON.stringify(csrf)} },
         body: JSON.stringify({ priority: ${!record.priority}, version: ${record.version}, reason: 'Priority corrected' }),
       }).then((r) => r.status)`,
    );
    expect(status).toBe(200);

    await page.fill('#rec-edit-heading', 'A heading nobody will keep');
    await page.fill('#rec-edit-reason', 'Trying a heading');
    await page.click('[data-testid="recommendation-edit-form"] button[type="submit"]');
    const conflict = page.locator('[data-testid="edit-conflict"]');
    await conflict.waitFor();
    expect(
      await conflict
        .locator('tr[data-field="priority"] [data-testid="conflict-current"]')
        .innerText(),
    ).toBe(record.priority ? 'No' : 'Yes');
    await conflict.locator('[data-testid="take-theirs"]').click();
    await expect.poll(editorStatus(page)).toMatch(/discarded/);
    const after = await web.app.api<RecommendationDetail>(
      `/api/v1/recommendations/${recommendation.id}`,
    );
    expect(after.priority).toBe(!record.priority);
    expect(after.heading).not.toBe('A heading nobody will keep');
  });

  it('links a recommendation to a suggested earlier one; the public lineage shows it', async () => {
    const reports = await web.app.api<ReportPage>('/api/v1/reports?country=KZ&kind=final_report');
    const latest = [...reports.items].sort((a, b) =>
      b.publishedOn.localeCompare(a.publishedOn),
    )[0]!;
    const list = await web.app.api<RecommendationPage>(
      `/api/v1/recommendations?report=${latest.slug}&sort=number&pageSize=100`,
    );
    const recommendation = list.items.find((item) => item.textEntered)!;
    const page = await freshPage();
    const errors = watchPageErrors(page);
    await signInAs(page, EDITOR, `/recommendations/${recommendation.id}`);

    await page.click('[data-testid="editor-lineage"]');
    const suggestions = page.locator('[data-testid="lineage-suggestions"] > li');
    await suggestions.first().waitFor();
    // Each suggestion says how similar it is and quotes the start of its text.
    expect(await suggestions.first().innerText()).toMatch(/Similarity \d/);
    const linkButton = page
      .locator('[data-testid="lineage-suggestions"] button[data-testid^="link-"]')
      .first();
    const earlierId = Number((await linkButton.getAttribute('data-testid'))!.replace('link-', ''));
    await linkButton.click();
    await page.waitForSelector('[data-testid="link-form"]');
    expectAccessible(await runAxe(page));

    await page.check('#link-kind-continues');
    await page.selectOption('#link-confidence', 'medium');
    await page.fill('#link-note', 'Same issue, asked again.');
    await page.click('[data-testid="link-form"] button[type="submit"]');
    await expect.poll(editorStatus(page)).toMatch(/Linked to/);
    await waitForSettled(page);
    const earlier = page.locator(
      `[data-testid="lineage-earlier"] a[href="/recommendations/${earlierId}"]`,
    );
    expect(await earlier.count()).toBe(1);

    const detail = await web.app.api<RecommendationDetail>(
      `/api/v1/recommendations/${recommendation.id}`,
    );
    const link = detail.lineage.earlier.find((item) => item.recommendation.id === earlierId);
    expect(link).toMatchObject({ kind: 'continues', confidence: 'medium', depth: 1 });
    expect(errors).toEqual([]);
  });

  it('signing out hides the editing controls', async () => {
    const { recommendation } = await unassessedWithLaterReport();
    const page = await freshPage();
    await signInAs(page, EDITOR, `/recommendations/${recommendation.id}`);
    expect(await page.locator('[data-testid="editor-tools"]').count()).toBe(1);

    await page.click('[data-testid="sign-out"]');
    await page.waitForSelector('.account__link');
    expect(await page.locator('[data-testid="editor-tools"]').count()).toBe(0);
    // After a reload too: the session is gone on the server, not only in the page.
    await open(page, `/recommendations/${recommendation.id}`);
    expect(await page.locator('[data-testid="editor-tools"]').count()).toBe(0);
    const session = await page.evaluate<number>(
      `fetch('/api/v1/auth/session').then((r) => r.status)`,
    );
    expect(session).toBe(401);
  });

  it('in Russian, the editor’s screens are translated', async () => {
    const { recommendation } = await unassessedWithLaterReport();
    const page = await freshPage();
    await signInAs(page, EDITOR, `/recommendations/${recommendation.id}`);
    await page.click('[data-locale="ru"]');
    expect(await page.locator('#editor-tools-title').innerText()).toBe('Инструменты редактора');
    await page.click('[data-testid="editor-assess"]');
    await page.waitForSelector('[data-testid="assessment-form"]');
    expect(await page.locator('label[for="assessment-quote"]').innerText()).toContain('Цитата');
    expectAccessible(await runAxe(page));
  });
});
