import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { DataRelease, RecommendationPage } from '@tracker/shared';
import {
  horizontalOverflow,
  open,
  runAxe,
  seriousViolations,
  useWebApp,
  watchPageErrors,
} from '../../helpers/browser.js';
import type { ViewportName } from '../../helpers/browser.js';
import { cliUser } from '../../helpers/create-user-cli.js';

const ADMIN = cliUser('releases-admin', 'Release Admin', 'admin');

/**
 * The releases page and the "Cite this" block, on the built app and a published release, at
 * desktop and phone size; and /docs in the site's look on a phone.
 */
describe('data releases and citations in the web app', { timeout: 90_000 }, () => {
  const web = useWebApp({ users: [ADMIN] });
  let release: DataRelease;
  let recommendationId: number;
  const contexts = {} as Record<ViewportName, BrowserContext>;

  beforeAll(async () => {
    contexts.desktop = await web.newContext('desktop');
    contexts.phone = await web.newContext('phone');
    const signIn = await fetch(`${web.app.baseUrl}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const published = await fetch(`${web.app.baseUrl}/api/v1/releases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ notes: 'The first data release, for the browser test.' }),
    });
    expect(published.status).toBe(201);
    release = (await published.json()) as DataRelease;
    const list = await web.app.api<RecommendationPage>('/api/v1/recommendations?pageSize=1');
    recommendationId = list.items[0]!.id;
  }, 180_000);

  it('lists the release with its download, changes and a suggested citation; passes axe; fits a phone', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const page = await contexts[viewport].newPage();
      const errors = watchPageErrors(page);
      await open(page, '/releases');
      expect(await page.locator('#main h1').innerText()).toBe('Data releases');
      const download = page.locator(`.releases-page a[href="${release.archiveUrl}"]`);
      expect(await download.innerText()).toContain(`Download release ${release.number}`);
      const text = await page.locator('#main').innerText();
      expect(text).toContain(release.sha256);
      expect(text).toMatch(
        new RegExp(`\\[Data set, release ${release.number.replace('.', '\\.')}\\]`),
      );
      expect(await horizontalOverflow(page), `${viewport}: horizontal scrolling`).toBe(0);
      const violations = seriousViolations(await runAxe(page));
      expect(violations, `${viewport}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('ends every public page with "Cite this": its permalink (filters sorted), the latest release and a citation; no other page', async () => {
    const page = await contexts.desktop.newPage();
    const errors = watchPageErrors(page);
    const base = web.app.baseUrl;
    const pages: [string, string][] = [
      ['/', `${base}/`],
      ['/countries/KZ', `${base}/countries/KZ`],
      [
        '/recommendations?status=not_implemented&country=KZ',
        `${base}/recommendations?country=KZ&status=not_implemented`,
      ],
      [`/recommendations/${recommendationId}`, `${base}/recommendations/${recommendationId}`],
      ['/reports?country=KZ', `${base}/reports?country=KZ`],
      ['/reports/kz-2019-final', `${base}/reports/kz-2019-final`],
      ['/reports/kz-2019-final/source#L10-L12', `${base}/reports/kz-2019-final/source#L10-L12`],
      ['/about', `${base}/about`],
      ['/releases', `${base}/releases`],
    ];
    for (const [path, permalink] of pages) {
      await open(page, path);
      const block = page.locator('#main section.cite-this');
      // The latest release is fetched after the page renders: wait for its link, not a fixed time.
      await block.locator(`a[href="${release.archiveUrl}"]`).waitFor();
      expect(await block.count(), path).toBe(1);
      expect(await block.locator('a.cite-this__permalink').getAttribute('href'), path).toBe(
        permalink,
      );
      const text = await block.innerText();
      expect(text, path).toContain(`Release ${release.number}`);
      const citation = await block.locator('.cite-this__text').innerText();
      expect(citation, path).toMatch(
        new RegExp(
          `^ODIHR Recommendations Follow-up Tracker\\. \\(${release.publishedAt.slice(0, 4)}\\)\\. .+ \\[Data set, release ${release.number.replace('.', '\\.')}\\]\\. Retrieved \\d{1,2} \\w+ \\d{4}, from `,
        ),
      );
      expect(citation.endsWith(`from ${permalink}`), `${path}: ${citation}`).toBe(true);
      // Named as the page names itself (its title, before " · " and the site's name).
      const title = (await page.title()).split(' · ')[0]!;
      if (path !== '/reports/kz-2019-final') expect(citation, path).toContain(`). ${title} [`);
    }
    // A report is cited by its full title.
    const report = await web.app.api<{ items: { slug: string; title: string }[] }>(
      '/api/v1/reports?pageSize=100',
    );
    const kz = report.items.find((item) => item.slug === 'kz-2019-final')!;
    await open(page, '/reports/kz-2019-final');
    await page.locator(`#main .cite-this a[href="${release.archiveUrl}"]`).waitFor();
    expect(await page.locator('#main .cite-this__text').innerText()).toContain(`). ${kz.title} [`);
    expect(seriousViolations(await runAxe(page))).toEqual([]);

    // Printed with the page, its permalink once.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#main section.cite-this').isVisible()).toBe(true);
    const printed = await page.locator('#main section.cite-this').innerText();
    expect(printed.split(`${base}/reports/kz-2019-final`).length - 1).toBe(2); // link + citation
    await page.emulateMedia({ media: 'screen' });

    expect(errors).toEqual([]);
    // Not on sign-in or a page that does not exist (nor editors' pages: see the router's list).
    for (const path of ['/sign-in', '/no-such-page']) {
      await open(page, path);
      await page.locator('#main h1').waitFor();
      expect(await page.locator('section.cite-this').count(), path).toBe(0);
    }
    await page.close();
  });

  it('cites in Russian when the site is in Russian', async () => {
    const page = await contexts.desktop.newPage();
    await page.addInitScript("localStorage.setItem('tracker.locale', 'ru')");
    await open(page, '/about');
    const block = page.locator('#main section.cite-this');
    await block.locator(`a[href="${release.archiveUrl}"]`).waitFor();
    expect(await block.locator('h2').innerText()).toBe('Как сослаться');
    const citation = block.locator('.cite-this__text');
    expect(await citation.getAttribute('lang')).toBe('ru');
    expect(await citation.innerText()).toMatch(
      new RegExp(
        `\\[Набор данных, выпуск ${release.number.replace('.', '\\.')}\\]\\. Дата обращения: \\d{1,2} \\S+ \\d{4} г\\. URL: ${web.app.baseUrl}/about$`,
      ),
    );
    await page.close();
  });

  it('serves /docs with a link home and no sideways scrolling on a phone', async () => {
    const page = await contexts.phone.newPage();
    await page.goto(`${web.app.baseUrl}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    const home = page.locator('header.site-bar a[href="/"]');
    expect(await home.count()).toBe(1);
    expect(await page.locator('.swagger-ui .topbar').isVisible()).toBe(false);
    expect(page.viewportSize()?.width).toBe(375);
    expect(await horizontalOverflow(page)).toBe(0);
    await home.click();
    await page.waitForURL(`${web.app.baseUrl}/`);
    await page.close();
  });
});
