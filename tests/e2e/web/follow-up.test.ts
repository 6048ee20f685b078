import { describe, expect, it } from 'vitest';
import type { RecommendationDetail, RecommendationPage, ReportDetail } from '@tracker/shared';
import {
  editorStatus,
  expectAccessible,
  runAxe,
  useWebApp,
  watchPageErrors,
} from '../../helpers/browser.js';
import { cliUser } from '../../helpers/create-user-cli.js';

const EDITOR = cliUser('follow-up', 'Follow-up Adviser');

/**
 * An adviser's follow-up work: one sentence of a report recorded against several earlier
 * recommendations at once, and a lineage link found by searching a number, with its public
 * effect shown before saving.
 */
describe('follow-up work', { timeout: 90_000 }, () => {
  const web = useWebApp({ users: [EDITOR] });
  const signedInPage = (returnPath: string) => web.signedInPage(EDITOR, returnPath);

  it('records one sentence against three recommendations in one step', async () => {
    const page = await signedInPage('/reports/kz-2023-psfc/suggestions');
    const errors = watchPageErrors(page);
    const cards = page.locator('[data-testid="suggestion"]');
    await cards.first().waitFor();
    const card = cards.filter({ has: page.locator('[data-testid="candidate"] >> nth=2') }).first();
    const sentence = (await card.locator('blockquote').innerText()).trim();
    const candidates = card.locator('[data-testid="candidate"]');
    expect(await candidates.count()).toBe(3);
    for (let index = 0; index < 3; index++) await candidates.nth(index).check();
    await card.locator('select.suggestion__status').selectOption('not_implemented');
    await card.locator('[data-testid="basis-inferred"]').check();
    // Inferred without a confidence and a note: nothing is sent, the fields say why.
    await card.locator('[data-testid="record-assessment"]').click();
    await expect.poll(() => card.locator('.field__error').count()).toBeGreaterThan(0);
    await card.locator('select[id$="-confidence"]').selectOption('medium');
    await card.locator('textarea').fill('A general statement on these priority recommendations.');
    expectAccessible(await runAxe(page));
    expect(await card.locator('[data-testid="record-assessment"]').innerText()).toContain('3');
    await card.locator('[data-testid="record-assessment"]').click();
    await page.locator('[data-testid="recorded-list"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="recorded-list"] li').count()).toBe(3);

    const report = await web.app.api<ReportDetail>('/api/v1/reports/kz-2023-psfc');
    const made = report.assessmentsMade.filter((assessment) => assessment.quote === sentence);
    expect(made).toHaveLength(3);
    for (const assessment of made) {
      expect(assessment).toMatchObject({
        status: 'not_implemented',
        basis: 'inferred',
        confidence: 'medium',
      });
      expect(assessment.sourceLines).not.toBeNull();
    }
    expect(errors).toEqual([]);
  });

  it('links lineage found by searching a number, after seeing what it changes in public', async () => {
    const list = await web.app.api<RecommendationPage>(
      '/api/v1/recommendations?report=kz-2019-final&sort=number&pageSize=100',
    );
    const candidates = await Promise.all(
      list.items.map((item) =>
        web.app.api<RecommendationDetail>(`/api/v1/recommendations/${item.id}`),
      ),
    );
    const recommendation = candidates.find(
      (item) => item.lineage.earlier.length === 0 && item.openSince === '2019-10-04',
    )!;
    const page = await signedInPage(`/recommendations/${recommendation.id}`);
    const errors = watchPageErrors(page);
    await page.click('[data-testid="editor-lineage"]');
    await page.fill('#lineage-query', '2004 17');
    await page.click('[data-testid="lineage-search"] button[type="submit"]');
    const results = page.locator('[data-testid="lineage-suggestions"] > li');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().innerText()).toContain('17');
    await results.first().locator('button[data-testid^="link-"]').click();
    await page.waitForSelector('[data-testid="link-form"]');
    const preview = page.locator('[data-testid="lineage-preview"]');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('open since 2004 instead of 2019');
    expectAccessible(await runAxe(page));
    // Unchanged in public until saved.
    const before = await web.app.api<RecommendationDetail>(
      `/api/v1/recommendations/${recommendation.id}`,
    );
    expect(before.openSince).toBe('2019-10-04');

    await page.check('#link-kind-continues');
    await page.selectOption('#link-confidence', 'low');
    await page.fill('#link-note', 'Both on campaign finance oversight.');
    await page.click('[data-testid="link-form"] button[type="submit"]');
    await expect.poll(editorStatus(page)).toMatch(/Linked to/);
    const after = await web.app.api<RecommendationDetail>(
      `/api/v1/recommendations/${recommendation.id}`,
    );
    expect(after.openSince).toBe('2004-12-15');
    expect(errors).toEqual([]);
  });
});
