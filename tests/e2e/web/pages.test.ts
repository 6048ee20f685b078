import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { RecommendationPage } from '@tracker/shared';
import {
  horizontalOverflow,
  open,
  runAxe,
  screenshot,
  seriousViolations,
  useWebApp,
  watchPageErrors,
} from '../../helpers/browser.js';
import type { ViewportName } from '../../helpers/browser.js';

/**
 * Every page of the public web app, on the real server and the seeded data set, at desktop and
 * phone size: it renders without errors, axe-core finds no serious or critical violation, the
 * phone layout never scrolls sideways, and a screenshot is written (see SCREENSHOT_DIR in
 * tests/helpers/browser.ts; `npm run screenshots` refreshes docs/screenshots/).
 */
// Each test loads a page twice and runs axe on it: slower than most, on a busy 2-core machine too.
describe('the public web app, page by page', { timeout: 60_000 }, () => {
  const web = useWebApp();
  const contexts = {} as Record<ViewportName, BrowserContext>;
  /** A priority recommendation of 2019 that repeats one of 2004: it has a full page. */
  let recommendationId: number;

  beforeAll(async () => {
    contexts.desktop = await web.newContext('desktop');
    contexts.phone = await web.newContext('phone');
    const list = await web.app.api<RecommendationPage>(
      '/api/v1/recommendations?report=kz-2019-final&priority=true&pageSize=100',
    );
    const second = list.items.find((item) => item.number === '2');
    if (!second) throw new Error('the seed data set has no recommendation 2 of 2019');
    recommendationId = second.id;
  });

  const pages: { name: string; path: () => string; heading: RegExp; status?: number }[] = [
    { name: 'home', path: () => '/', heading: /priority recommendations remain unaddressed/ },
    {
      name: 'browse',
      path: () => '/recommendations?q=polling%20station&sort=relevance',
      heading: /Browse and search/,
    },
    {
      name: 'recommendation',
      path: () => `/recommendations/${recommendationId}`,
      heading: /Recommendation 2/,
    },
    { name: 'reports', path: () => '/reports', heading: /Reports by election/ },
    { name: 'report', path: () => '/reports/kz-2019-final', heading: /Final report 2019/ },
    { name: 'about', path: () => '/about', heading: /About the data and the API/ },
    // An unknown address answers 404 (with the app's not-found page): the one failed load it provokes.
    { name: 'not-found', path: () => '/no/such/page', heading: /Page not found/, status: 404 },
  ];

  for (const { name, path, heading, status } of pages) {
    it(`${name}: renders, passes axe, fits a phone, and is photographed`, async () => {
      for (const viewport of ['desktop', 'phone'] as const) {
        const page = await contexts[viewport].newPage();
        const errors = watchPageErrors(page);
        await open(page, path());

        expect(await page.locator('#main h1').innerText()).toMatch(heading);
        // Every public page ends with Cite this: before the first release, with a plain note.
        const cite = page.locator('#main section.cite-this');
        if (status === undefined) {
          await cite.getByText('Not yet in a data release').waitFor();
          expect(await cite.count()).toBe(1);
        } else {
          expect(await cite.count()).toBe(0);
        }
        expect(await page.locator('[role="alert"]').count(), `${viewport}: error shown`).toBe(0);
        expect(await horizontalOverflow(page), `${viewport}: horizontal scrolling`).toBe(0);

        const violations = seriousViolations(await runAxe(page));
        expect(violations, `${viewport}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);

        await screenshot(page, name, viewport);
        expect(errors).toEqual(
          status === undefined
            ? []
            : [
                `http ${status}: ${new URL(path(), page.url()).href}`,
                expect.stringMatching(new RegExp(`^console: .*status of ${status}`)),
              ],
        );
        await page.close();
      }
    });
  }

  it('home: the browser gets its scripts and the API answers compressed', async () => {
    // A context of its own: nothing in the browser's cache yet, so no answer is a revalidation.
    const context = await web.newContext('desktop');
    const page = await context.newPage();
    const seen: Promise<[string, string | undefined]>[] = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      seen.push(response.allHeaders().then((headers) => [pathname, headers['content-encoding']]));
    });
    await open(page, '/');
    const byPath = await Promise.all(seen);
    const scripts = byPath.filter(([path]) => /^\/assets\/index-.*\.js$/.test(path));
    expect(scripts.length).toBeGreaterThan(0);
    // Compressed at build time with brotli (client/vite.config.ts).
    for (const [, encoding] of scripts) expect(encoding).toBe('br');
    const statistics = byPath.filter(([path]) => path === '/api/v1/statistics');
    expect(statistics.length).toBeGreaterThan(0);
    for (const [, encoding] of statistics) expect(encoding).toBe('gzip');
    await context.close();
  });

  it('home, in Russian: photographed at both sizes', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const page = await contexts[viewport].newPage();
      await page.addInitScript(`localStorage.setItem('tracker.locale', 'ru')`);
      await open(page, '/');
      expect(await page.locator('#main h1').innerText()).toMatch(/остаются невыполненными/);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(seriousViolations(await runAxe(page))).toEqual([]);
      await screenshot(page, 'home-ru', viewport);
      await page.close();
    }
  });

  it('prints the recommendation page without navigation or controls, and with its sources', async () => {
    const page = await contexts.desktop.newPage();
    await open(page, `/recommendations/${recommendationId}`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.main-nav', '.language-switch', '.skip-link']) {
      expect(await page.locator(selector).isVisible(), selector).toBe(false);
    }
    expect(await page.locator('[data-testid="recommendation-text"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="timeline"]').isVisible()).toBe(true);
    expect(await page.pdf({ format: 'A4' })).toBeInstanceOf(Buffer);
    await page.close();
  });
});
