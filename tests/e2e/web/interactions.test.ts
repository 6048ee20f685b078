import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type {
  Assessment,
  AssessmentPage,
  RecommendationDetail,
  RecommendationExportRow,
  RecommendationPage,
  Statistics,
} from '@tracker/shared';
import { open, useWebApp, waitForSettled, watchPageErrors } from '../../helpers/browser.js';

/**
 * The public web app in use, against the real server and database: what it shows is what the API
 * says, the browse page keeps its whole state in the URL, and the language switch, keyboard use,
 * and the loading, empty and error states work.
 */
describe('the public web app, in use', { timeout: 60_000 }, () => {
  const web = useWebApp();

  const text = async (page: Page, selector: string) =>
    (await page.locator(selector).first().innerText()).trim();
  const attributes = async (page: Page, selector: string, name: string) => {
    const values: (string | null)[] = [];
    for (const element of await page.locator(selector).all()) {
      values.push(await element.getAttribute(name));
    }
    return values;
  };
  const query = (page: Page) => new URL(page.url()).searchParams;
  const activeElement = (page: Page) =>
    page.evaluate<string>(
      `(document.activeElement.id || document.activeElement.className || document.activeElement.tagName).toString()`,
    );

  async function recommendationNumbered(report: string, number: string) {
    const list = await web.app.api<RecommendationPage>(
      `/api/v1/recommendations?report=${report}&pageSize=100`,
    );
    const found = list.items.find((item) => item.number === number);
    if (!found) throw new Error(`no recommendation ${number} in ${report}`);
    return web.app.api<RecommendationDetail>(`/api/v1/recommendations/${found.id}`);
  }

  it('home: shows the API’s count of unaddressed priority recommendations, and lists each', async () => {
    const statistics = await web.app.api<Statistics>('/api/v1/statistics?country=KZ');
    expect(statistics.priority.unaddressed).toBeGreaterThan(0);

    const page = await web.freshPage();
    const errors = watchPageErrors(page);
    await open(page, '/');

    expect(await text(page, '[data-testid="unaddressed-priority-count"]')).toBe(
      String(statistics.priority.unaddressed),
    );
    const cards = '.topic-group [data-recommendation-id]';
    expect(await page.locator(cards).count()).toBe(statistics.priority.unaddressed);
    for (const status of await attributes(
      page,
      `${cards} .rec-card__head [data-status]`,
      'data-status',
    )) {
      expect(['not_implemented', 'not_assessed']).toContain(status);
    }
    expect(await page.locator(`${cards} .tag--priority`).count()).toBe(
      statistics.priority.unaddressed,
    );
    // The status matrix has a row per priority recommendation.
    expect(await page.locator('.matrix tbody th[scope="row"]').count()).toBe(
      statistics.priority.total,
    );
    expect(errors).toEqual([]);
  });

  it('browse: a filter changes the URL and the results, as the API filters them', async () => {
    const page = await web.freshPage();
    const errors = watchPageErrors(page);
    await open(page, '/recommendations');
    const all = await web.app.api<RecommendationPage>('/api/v1/recommendations?pageSize=1');
    expect(await text(page, '[data-testid="result-count"]')).toContain(
      `${all.total} recommendations`,
    );

    await page.getByLabel('Not implemented', { exact: true }).check();
    await page.waitForURL(/status=not_implemented/);
    await waitForSettled(page);
    const notImplemented = await web.app.api<RecommendationPage>(
      '/api/v1/recommendations?status=not_implemented&pageSize=25',
    );
    expect(notImplemented.total).toBeLessThan(all.total);
    expect(await text(page, '[data-testid="result-count"]')).toContain(
      `${notImplemented.total} recommendations`,
    );
    expect(
      await attributes(page, '.results [data-recommendation-id]', 'data-recommendation-id'),
    ).toEqual(notImplemented.items.map((item) => String(item.id)));
    for (const status of await attributes(
      page,
      '.results .rec-card__head [data-status]',
      'data-status',
    )) {
      expect(status).toBe('not_implemented');
    }

    await page.selectOption('#filter-topic', 'media');
    await page.waitForURL(/topic=media/);
    await waitForSettled(page);
    expect(query(page).get('status')).toBe('not_implemented');
    const media = await web.app.api<RecommendationPage>(
      '/api/v1/recommendations?status=not_implemented&topic=media&pageSize=25',
    );
    expect(await page.locator('.results [data-recommendation-id]').count()).toBe(media.total);

    // Each active filter can be removed on its own.
    await page.getByRole('link', { name: 'Remove filter: Media' }).click();
    await page.waitForURL((url) => !url.searchParams.has('topic'));
    await waitForSettled(page);
    expect(query(page).get('status')).toBe('not_implemented');
    expect(errors).toEqual([]);
  });

  it('browse: a search changes the URL and shows the matches highlighted', async () => {
    const page = await web.freshPage();
    const errors = watchPageErrors(page);
    await open(page, '/recommendations');
    await page.fill('#search-input', 'polling station');
    await page.press('#search-input', 'Enter');
    await page.waitForURL(/q=polling/);
    await waitForSettled(page);

    expect(query(page).get('q')).toBe('polling station');
    expect(query(page).get('sort')).toBe('relevance');
    const expected = await web.app.api<RecommendationPage>(
      '/api/v1/recommendations?q=polling%20station&sort=relevance',
    );
    expect(expected.total).toBeGreaterThan(0);
    const ids = await attributes(
      page,
      '.results [data-recommendation-id]',
      'data-recommendation-id',
    );
    expect(ids).toEqual(expected.items.map((item) => String(item.id)));
    for (const card of await page.locator('.results .rec-card').all()) {
      const marks = await card.locator('mark').allInnerTexts();
      expect(marks.length).toBeGreaterThan(0);
      for (const mark of marks) expect(mark).toMatch(/poll|station/i);
    }

    // The URL alone reproduces the view.
    const again = await page.context().newPage();
    await open(again, page.url());
    expect(await again.inputValue('#search-input')).toBe('polling station');
    expect(
      await attributes(again, '.results [data-recommendation-id]', 'data-recommendation-id'),
    ).toEqual(ids);

    // A search that matches nothing says so.
    await page.fill('#search-input', 'xylophonequartz');
    await page.press('#search-input', 'Enter');
    await page.waitForURL(/q=xylophonequartz/);
    await waitForSettled(page);
    expect(await text(page, '.results .notice--empty')).toContain('No recommendation matches');
    expect(await page.locator('.results [data-recommendation-id]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('browse: sorting and pages are in the URL; the reader is taken to the new page of results', async () => {
    const page = await web.freshPage();
    await open(page, '/recommendations?pageSize=10');
    await page.selectOption('#sort', 'yearsOpen-desc');
    await page.waitForURL(/sort=yearsOpen/);
    await waitForSettled(page);
    await page.click('[data-testid="page-next"]');
    await page.waitForURL(/page=2/);
    await waitForSettled(page);

    const expected = await web.app.api<RecommendationPage>(
      '/api/v1/recommendations?sort=yearsOpen&pageSize=10&page=2',
    );
    expect(
      await attributes(page, '.results [data-recommendation-id]', 'data-recommendation-id'),
    ).toEqual(expected.items.map((item) => String(item.id)));
    expect(await text(page, '[data-testid="result-count"]')).toContain('11–20');
    expect(await activeElement(page)).toBe('results-title');
  });

  it('browse: the export buttons download the current filter and sort, as CSV and JSON', async () => {
    const page = await web.freshPage();
    await open(page, '/recommendations?status=not_implemented&priority=true&sort=yearsOpen&page=1');
    const csvHref = await page.locator('[data-testid="export-csv"]').getAttribute('href');
    const jsonHref = await page.locator('[data-testid="export-json"]').getAttribute('href');
    for (const href of [csvHref, jsonHref]) {
      const url = new URL(href!, web.app.baseUrl);
      expect(url.searchParams.get('status')).toBe('not_implemented');
      expect(url.searchParams.get('priority')).toBe('true');
      // The exports take the filters and the sort, not the paging.
      expect(url.searchParams.get('sort')).toBe('yearsOpen');
      expect(url.searchParams.has('page')).toBe(false);
    }
    const list = await web.app.api<RecommendationPage>(
      '/api/v1/recommendations?status=not_implemented&priority=true&sort=yearsOpen&pageSize=100',
    );
    const rows = await web.app.api<RecommendationExportRow[]>(jsonHref!);
    expect(rows.map((row) => row.id)).toEqual(list.items.map((item) => item.id));
    const csv = await fetch(new URL(csvHref!, web.app.baseUrl));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain('"currentStatus"');
  });

  it('recommendation: shows its text, source, timeline of assessments with quotes, and lineage', async () => {
    const detail = await recommendationNumbered('kz-2019-final', '2');
    expect(detail.assessments.length).toBeGreaterThan(0);
    expect(detail.lineage.earlier.length).toBeGreaterThan(0);

    // Arrive as a reader does, from the home page: focus moves to the new page's heading.
    const page = await web.freshPage();
    const errors = watchPageErrors(page);
    await open(page, '/');
    await page.click(`.topic-group [data-recommendation-id="${detail.id}"] .rec-card__title a`);
    await page.waitForURL(new RegExp(`/recommendations/${detail.id}$`));
    await waitForSettled(page);
    expect(await page.evaluate<string>('document.activeElement.tagName')).toBe('H1');

    expect(await text(page, '#main h1')).toContain(`Recommendation ${detail.number}`);
    expect(await text(page, '[data-testid="recommendation-text"]')).toBe(detail.text);
    expect(
      await page
        .locator('[data-testid="recommendation-text"]')
        .evaluate((element) => element.closest('[lang]')?.getAttribute('lang')),
    ).toBe('en');

    const timeline = page.locator('[data-testid="timeline"] > li');
    expect(await timeline.count()).toBe(1 + detail.assessments.length);
    for (const assessment of detail.assessments) {
      const entry = page.locator(
        `[data-testid="timeline"] [data-assessment-id="${assessment.id}"]`,
      );
      expect((await entry.locator('blockquote').innerText()).trim()).toBe(assessment.quote);
      expect(
        await entry.locator('.assessment__head [data-status]').getAttribute('data-status'),
      ).toBe(assessment.status);
    }
    expect(await page.locator('[data-testid="lineage-earlier"] > li').count()).toBe(
      detail.lineage.earlier.length,
    );
    for (const link of detail.lineage.earlier) {
      expect(
        await page
          .locator(
            `[data-testid="lineage-earlier"] a[href="/recommendations/${link.recommendation.id}"]`,
          )
          .count(),
      ).toBe(1);
    }
    expect(errors).toEqual([]);
  });

  it('recommendation: third-party evidence is marked as such and kept out of the timeline', async () => {
    const evidence = await web.app.api<AssessmentPage>(
      '/api/v1/assessments?thirdParty=true&pageSize=1',
    );
    const first: Assessment | undefined = evidence.items[0];
    if (!first) throw new Error('the seed data set has no third-party evidence');
    const detail = await web.app.api<RecommendationDetail>(
      `/api/v1/recommendations/${first.recommendation.id}`,
    );

    const page = await web.freshPage();
    await open(page, `/recommendations/${detail.id}`);
    const items = page.locator('[data-testid="third-party"] [data-assessment-id]');
    expect(await items.count()).toBe(detail.thirdPartyEvidence.length);
    for (const item of await items.all()) {
      expect(await item.locator('.tag--third-party').innerText()).toBe('Third-party evidence');
    }
    for (const assessment of detail.thirdPartyEvidence) {
      expect(
        await page
          .locator(`[data-testid="timeline"] [data-assessment-id="${assessment.id}"]`)
          .count(),
      ).toBe(0);
    }
  });

  it('switches the interface to Russian and back, remembering the choice; data stays in English', async () => {
    const page = await web.freshPage();
    await open(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const dataText = await text(page, '.rec-card__text[lang="en"]');

    await page.click('[data-locale="ru"]');
    await page.waitForFunction(`document.documentElement.lang === 'ru'`);
    expect(await text(page, '#main h1')).toBe(
      'Какие приоритетные рекомендации остаются невыполненными?',
    );
    expect(await page.getAttribute('[data-locale="ru"]', 'aria-pressed')).toBe('true');
    expect(await page.title()).toContain('Мониторинг рекомендаций БДИПЧ');
    expect(await text(page, '.rec-card__text[lang="en"]')).toBe(dataText);
    // Dates and numbers in the language's own format.
    expect(await text(page, '.rec-card__facts')).toMatch(/\d{1,2} [а-я]+ \d{4} г\./);

    await page.reload();
    await waitForSettled(page);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await page.click('nav[aria-label="Основная навигация"] >> text=Поиск и просмотр');
    await page.waitForURL(/\/recommendations$/);
    await waitForSettled(page);
    expect(await text(page, '[data-testid="result-count"]')).toMatch(/\d+ рекомендаци/);

    await page.click('[data-locale="en"]');
    await page.waitForFunction(`document.documentElement.lang === 'en'`);
    expect(await text(page, '#main h1')).toBe('Browse and search recommendations');
    await page.reload();
    await waitForSettled(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });

  it('shows dates only as precisely as the source gives them, in each language', async () => {
    const reports = await web.app.api<{ items: { slug: string; publishedOnPrecision: string }[] }>(
      '/api/v1/reports?pageSize=100',
    );
    expect(
      reports.items.find((report) => report.slug === 'kz-2015-final')?.publishedOnPrecision,
    ).toBe('year');
    const page = await web.freshPage();
    await open(page, '/reports/kz-2015-final');
    const published = 'dl.meta-list time';
    expect(await text(page, published)).toBe('2015');
    await open(page, '/reports/kz-2019-final');
    expect(await text(page, published)).toBe('4 October 2019');
    await page.click('[data-locale="ru"]');
    await page.waitForFunction(`document.documentElement.lang === 'ru'`);
    expect(await text(page, published)).toBe('4 октября 2019 г.');
    await open(page, '/reports/kz-2015-final');
    expect(await text(page, published)).toBe('2015');
  });

  it('is usable by keyboard: the skip link comes first and leads to the main content', async () => {
    const page = await web.freshPage();
    await open(page, '/about');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('skip-link');
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(`document.activeElement && document.activeElement.id === 'main'`);
    // The next Tab lands inside the main content, not back in the header.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate<boolean>(
        `document.getElementById('main').contains(document.activeElement)`,
      ),
    ).toBe(true);
  });

  it('shows a loading state, then an error with a retry that recovers', async () => {
    const page = await web.freshPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let failing = true;
    await page.route(/\/api\/v1\/statistics\?/, async (route) => {
      await held;
      if (failing) {
        await route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'urn:problem:service-unavailable',
            title: 'Service unavailable',
            status: 503,
            detail: 'The database is not reachable.',
          }),
        });
      } else {
        await route.continue();
      }
    });
    await page.goto('/');
    await page.locator('.headline .loading[role="status"]').waitFor();
    expect(await text(page, '.headline .loading')).toBe('Loading…');

    release();
    const alert = page.locator('.headline [role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The database is not reachable.');

    failing = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.locator('[data-testid="unaddressed-priority-count"]').waitFor();
    const statistics = await web.app.api<Statistics>('/api/v1/statistics?country=KZ');
    expect(await text(page, '[data-testid="unaddressed-priority-count"]')).toBe(
      String(statistics.priority.unaddressed),
    );
    expect(await alert.count()).toBe(0);
  });

  it('answers an unknown recommendation or page with a clear "not found"', async () => {
    const page = await web.freshPage();
    await open(page, '/recommendations/999999');
    expect(await text(page, '#main h1')).toBe('Page not found');
    expect(await text(page, '#main')).toContain('There is no recommendation at this address.');
    await open(page, '/reports/no-such-report');
    expect(await text(page, '#main h1')).toBe('Page not found');
  });
});
