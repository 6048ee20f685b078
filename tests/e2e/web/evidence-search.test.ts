import { describe, expect, it } from 'vitest';
import type { AssessmentPage, RecommendationPage, ReportPage } from '@tracker/shared';
import {
  filterReportsByCountry,
  open,
  runAxe,
  seriousViolations,
  useWebApp,
  waitForSettled,
  watchPageErrors,
} from '../../helpers/browser.js';

/**
 * Evidence search and the reports list at scale, in Chromium against the built server: a word that
 * occurs only in an assessment quote finds its recommendation and leads to it, and the reports
 * page pages through the reports of a chosen country.
 */
describe('evidence search and the paged reports list', { timeout: 90_000 }, () => {
  const web = useWebApp();

  /** A word of an ODIHR assessment quote that the search finds in that quote only, and once. */
  async function wordOnlyInAQuote(): Promise<{ word: string; id: number }> {
    const assessments = await web.app.api<AssessmentPage>('/api/v1/assessments?pageSize=100');
    const words = new Set<string>();
    for (const assessment of assessments.items) {
      for (const word of assessment.quote.toLowerCase().match(/\b[a-z]{9,}\b/g) ?? []) {
        words.add(word);
      }
    }
    // Bounded: at most 60 candidate words are tried.
    for (const word of [...words].slice(0, 60)) {
      const found = await web.app.api<RecommendationPage>(`/api/v1/recommendations?q=${word}`);
      const [only] = found.items;
      if (
        found.total === 1 &&
        only?.matchedIn?.length === 1 &&
        only.matchedIn[0] === 'assessment_quote'
      ) {
        return { word, id: only.id };
      }
    }
    throw new Error('no word of an assessment quote is found there only');
  }

  it('finds a recommendation by a word only an assessment quote has, and leads to it', async () => {
    const { word, id } = await wordOnlyInAQuote();
    const page = await web.freshPage();
    const errors = watchPageErrors(page);
    await open(page, '/recommendations');

    await page.locator('#search-input').fill(word);
    await page.locator('form[role="search"] button[type="submit"]').click();
    await page.waitForURL((url) => url.searchParams.get('q') === word);
    await waitForSettled(page);

    const card = page.locator(`[data-recommendation-id="${id}"]`);
    await card.waitFor();
    expect(await page.locator('[data-recommendation-id]').count()).toBe(1);
    const matched = (await card.locator('[data-testid="matched-in"]').innerText()).toLowerCase();
    expect(matched).toContain('assessment quote');
    expect((await card.locator('.rec-card__evidence mark').first().innerText()).toLowerCase()).toBe(
      word,
    );
    expect(seriousViolations(await runAxe(page))).toEqual([]);

    await card.locator('.rec-card__title a').click();
    await page.waitForURL((url) => url.pathname === `/recommendations/${id}`);
    await waitForSettled(page);
    expect(await page.locator('#main').innerText()).toContain(word.slice(0, 6));
    expect(errors).toEqual([]);
  });

  it('pages through the reports of a country chosen in the filter', async () => {
    const all = await web.app.api<ReportPage>('/api/v1/reports?country=KZ&pageSize=3');
    expect(all.totalPages).toBeGreaterThan(1);
    const page = await web.freshPage();
    const errors = watchPageErrors(page);
    await open(page, '/reports?pageSize=3');

    await filterReportsByCountry(page, 'KZ');
    expect(await page.locator('.report-card').count()).toBe(3);
    const firstTitles = await page.locator('.report-card__title').allInnerTexts();
    expect(seriousViolations(await runAxe(page))).toEqual([]);

    await page.locator('.pagination a[rel="next"]').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await waitForSettled(page);
    const second = await web.app.api<ReportPage>('/api/v1/reports?country=KZ&pageSize=3&page=2');
    const secondTitles = await page.locator('.report-card__title').allInnerTexts();
    expect(secondTitles.map((title) => title.trim())).toEqual(
      second.items.map((report) => report.title.trim()),
    );
    expect(secondTitles).not.toEqual(firstTitles);
    expect(new URL(page.url()).searchParams.get('country')).toBe('KZ');
    expect(errors).toEqual([]);
  });

  it('answers an unknown page with 404 and the app’s not-found page', async () => {
    const page = await web.freshPage();
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await waitForSettled(page);
    expect(await page.locator('#main h1').innerText()).toMatch(/not found/i);
  });
});
