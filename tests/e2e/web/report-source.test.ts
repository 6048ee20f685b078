import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RecommendationDetail, RecommendationPage, ReportSource } from '@tracker/shared';
import {
  expectInView,
  highlightedLines,
  open,
  runAxe,
  seriousViolations,
  useWebApp,
  waitForSettled,
  watchPageErrors,
} from '../../helpers/browser.js';

/**
 * Sources a reader can check: a recommendation's line link opens its report's stored text with
 * those lines highlighted and in view; the source view passes axe.
 */
describe('the source view of a report', { timeout: 60_000 }, () => {
  const web = useWebApp();
  let page: Page;

  beforeAll(async () => {
    page = await web.newPage();
  });

  it('a recommendation’s line link lands on its lines, highlighted and in view', async () => {
    const list = await web.app.api<RecommendationPage>(
      '/api/v1/recommendations?report=kz-2019-final&pageSize=100',
    );
    const summary = list.items.find((item) => item.number === '2')!;
    const rec = await web.app.api<RecommendationDetail>(`/api/v1/recommendations/${summary.id}`);
    const lines = rec.sourceLines!;
    const errors = watchPageErrors(page);
    await open(page, `/recommendations/${rec.id}`);

    const link = page.locator('[data-testid="source-lines-link"]').first();
    const anchor = lines.start === lines.end ? `L${lines.start}` : `L${lines.start}-L${lines.end}`;
    expect(await link.getAttribute('href')).toBe(`/reports/kz-2019-final/source#${anchor}`);
    await link.click();
    await page.waitForURL(`**/reports/kz-2019-final/source#${anchor}`);
    await page.locator('.source-line--highlighted').first().waitFor();
    await waitForSettled(page);

    const expected = Array.from(
      { length: lines.end - lines.start + 1 },
      (_, index) => lines.start + index,
    );
    expect(await highlightedLines(page)).toEqual(expected);
    // The highlighted lines hold the recommendation's text, and are on screen.
    const shown = await page
      .locator('.source-line--highlighted .source-line__text')
      .allInnerTexts();
    expect(shown.join(' ')).toContain(rec.text!.slice(0, 30));
    expect(await page.locator(`#L${lines.start}`).isVisible()).toBe(true);
    await expectInView(page, `#L${lines.start}`);

    // Every line of the stored text is listed, numbered as the API counts them.
    const source = await web.app.api<ReportSource>('/api/v1/reports/kz-2019-final/source');
    expect(await page.locator('.source-line').count()).toBe(source.lineCount);

    // A line number links that line; shift-click another makes a range.
    await page.locator('#L10 .source-line__number').click();
    await page.waitForURL('**#L10');
    expect(await highlightedLines(page)).toEqual([10]);
    await page.locator('#L12 .source-line__number').click({ modifiers: ['Shift'] });
    await page.waitForURL('**#L10-L12');
    expect(await highlightedLines(page)).toEqual([10, 11, 12]);
    expect(errors).toEqual([]);
  });

  it('an assessment quote links to its lines in the assessing report', async () => {
    await open(page, '/reports/kz-2023-psfc');
    const link = page.locator('[data-testid="source-lines-link"]').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/reports\/kz-2023-psfc\/source#L\d+(-L\d+)?$/);
    await link.click();
    await page.locator('.source-line--highlighted').first().waitFor();
    expect((await highlightedLines(page)).length).toBeGreaterThan(0);
  });

  it('passes axe, with lines highlighted', async () => {
    await open(page, '/reports/kz-2020-nam/source#L5-L7');
    await page.locator('.source-line--highlighted').first().waitFor();
    expect(seriousViolations(await runAxe(page))).toEqual([]);
  });

  it('says so for a report without a stored text', async () => {
    await open(page, '/reports/kz-2015-final/source');
    await page.locator('.notice').first().waitFor();
    expect(await page.locator('.source-line').count()).toBe(0);
  });
});
