import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  editorStatus,
  expectAccessible,
  horizontalOverflow,
  open,
  runAxe,
  screenshot,
  signIn,
  useWebApp,
  waitForSettled,
  watchPageErrors,
} from '../../helpers/browser.js';
import {
  chooseReport,
  quotableLine,
  unassessedWithLaterReport,
} from '../../helpers/assessment-targets.js';
import { cliUser } from '../../helpers/create-user-cli.js';
import type { CliUser } from '../../helpers/create-user-cli.js';

const PROPOSER = cliUser('proposer', 'Proposing Adviser');
const REVIEWER = cliUser('reviewer', 'Reviewing Adviser');

/**
 * Review before publishing (REVIEW_REQUIRED=true) in the browser: one editor's assessment waits
 * as a proposal, the public page unchanged, until a second editor approves it on the queue page.
 */
describe('review before publishing', { timeout: 120_000 }, () => {
  const web = useWebApp({ users: [PROPOSER, REVIEWER], env: { REVIEW_REQUIRED: 'true' } });

  /** An unassessed recommendation of Kazakhstan, a later ODIHR report, and a line of its text. */
  async function assessable() {
    const { recommendation, laterReport: report } = await unassessedWithLaterReport(web.app);
    return { recommendation, report, ...(await quotableLine(web.app, report.id)) };
  }

  /** Records an assessment through the editor tools as `user`; it must become a proposal. */
  async function proposeAssessment(
    user: CliUser,
    target: Awaited<ReturnType<typeof assessable>>,
    status: string,
  ): Promise<Page> {
    const page = await signedIn(user, `/recommendations/${target.recommendation.id}`);
    const errors = watchPageErrors(page);
    await page.waitForSelector('[data-testid="editor-tools"]');
    await page.click('[data-testid="editor-assess"]');
    await page.waitForSelector('[data-testid="assessment-form"]');
    await chooseReport(page, web.app, 'assessment-assessingReportId', target.report);
    await page.selectOption('#assessment-status', status);
    await page.fill('#assessment-quote', target.quote);
    await page.fill('#assessment-sourceLineStart', String(target.line));
    await page.fill('#assessment-sourceLineEnd', String(target.line));
    await page.fill('#assessment-reason', 'Recorded from the follow-up report');
    await page.click('[data-testid="assessment-form"] button[type="submit"]');
    await expect
      .poll(editorStatus(page), { timeout: 10_000 })
      .toBe('Saved as a proposal; another editor must approve it before it is public.');
    expect(errors).toEqual([]);
    return page;
  }

  /** The recommendation's page as the public reads it: its status line and its timeline. */
  async function publicView(id: number) {
    const page = await web.newPage();
    await open(page, `/recommendations/${id}`);
    const view = {
      summary: await page.locator('.rec-summary').innerText(),
      timeline: await page.locator('[data-testid="timeline"]').innerText(),
      page,
    };
    return view;
  }

  async function signedIn(user: CliUser, path: string, viewport: 'desktop' | 'phone' = 'desktop') {
    const page = await web.newPage(viewport);
    await signIn(page, user, path);
    return page;
  }

  it('publishes an editor’s assessment only once another editor approves it', async () => {
    const target = await assessable();
    const { recommendation, report, quote } = target;
    const before = await publicView(recommendation.id);
    expect(before.summary).not.toContain('Partially implemented');
    expect(before.timeline).not.toContain(quote);

    // Editor A records an assessment: it is saved as a proposal.
    const proposer = await proposeAssessment(PROPOSER, target, 'partially_implemented');
    await expect
      .poll(() => proposer.locator('[data-testid="nav-proposals"]').innerText())
      .toBe('Proposals (1)');

    // The public page has not changed.
    const waiting = await publicView(recommendation.id);
    expect(waiting.summary).toBe(before.summary);
    expect(waiting.timeline).not.toContain(quote);

    // Editor B opens the queue: the proposal reads as what would change, and who proposed it.
    const reviewer = await signedIn(REVIEWER, '/editor/proposals');
    const reviewerErrors = watchPageErrors(reviewer);
    const card = reviewer.locator('article.proposal');
    await card.first().waitFor();
    expect(await card.count()).toBe(1);
    const text = await card.innerText();
    expect(text).toContain('New: assessment');
    expect(text).toContain(`Proposed by ${PROPOSER.name}`);
    expect(text).toContain(quote);
    expect(text).toContain('Partially implemented');
    expect(text).toContain(report.title);

    // Only then, on approval, does the public page show the new status.
    await reviewer.click('[data-testid="proposal-approve"]');
    await expect
      .poll(() => reviewer.locator('[data-testid="proposals-status"]').innerText())
      .toBe('Approved: the change is now public.');
    await reviewer.locator('[data-testid="proposals-empty"]').waitFor();
    expect(await reviewer.locator('[data-testid="nav-proposals"]').innerText()).toBe('Proposals');
    expect(reviewerErrors).toEqual([]);

    const published = await publicView(recommendation.id);
    expect(published.summary).toContain('Partially implemented');
    expect(published.timeline).toContain(quote);
    // The history names both people.
    const history = published.page.locator('section[aria-labelledby="history-title"]');
    await history.locator('.change-list__item').first().waitFor();
    expect(await history.locator('.change-list__item').first().innerText()).toContain(
      `proposed by ${PROPOSER.name}, approved by ${REVIEWER.name}`,
    );
  });

  it('the queue page passes axe at desktop and phone widths, in English and Russian', async () => {
    // A proposal to show.
    const proposer = await proposeAssessment(PROPOSER, await assessable(), 'not_implemented');

    for (const viewport of ['desktop', 'phone'] as const) {
      const page: Page = await signedIn(REVIEWER, '/editor/proposals', viewport);
      await page.locator('article.proposal').first().waitFor();
      await waitForSettled(page);
      expectAccessible(await runAxe(page));
      expect(await horizontalOverflow(page)).toBe(0);
      await screenshot(page, 'editor-proposals', viewport);
      // A rejection needs a reason: named next to the field, which gets focus.
      await page.click('[data-testid="proposal-reject"]');
      const reason = page.locator('[data-testid="proposal-reason"]');
      await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate<string>('document.activeElement.tagName')).toBe('TEXTAREA');
      expectAccessible(await runAxe(page));
    }

    // The proposer's own view: no approve button, a withdraw button; in Russian.
    await open(proposer, '/editor/proposals');
    await proposer.locator('article.proposal').first().waitFor();
    expect(await proposer.locator('[data-testid="proposal-approve"]').count()).toBe(0);
    await proposer.click('.language-switch button[lang="ru"]');
    await expect.poll(() => proposer.locator('h1').innerText()).toBe('Предложения на проверку');
    expectAccessible(await runAxe(proposer));
    await proposer.fill('[data-testid="proposal-reason"]', 'Записано по ошибке.');
    await proposer.click('[data-testid="proposal-reject"]');
    await expect
      .poll(() => proposer.locator('[data-testid="proposals-status"]').innerText())
      .toBe('Отклонено: ничего не опубликовано.');
    // The rejected proposals, with who rejected them and why.
    await proposer.selectOption('[data-testid="proposals-state"]', 'rejected');
    await expect
      .poll(() => proposer.locator('article.proposal').first().innerText())
      .toContain(`Отклонил(а): ${PROPOSER.name}`);
    expect(await proposer.locator('article.proposal').first().innerText()).toContain(
      'Записано по ошибке.',
    );
    expect(new URL(proposer.url()).search).toBe('?state=rejected');
    expectAccessible(await runAxe(proposer));
  });
});
