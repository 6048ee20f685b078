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

const ADMIN = {
  email: 'releases-admin@example.org',
  name: 'Release Admin',
  role: 'admin' as const,
  password: 'a long passphrase for releases',
};

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
      const download = page.locator(`a[href="${release.archiveUrl}"]`);
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

  it('shows "Cite this" with the permalink, the latest release and a citation on the home, recommendation and report pages', async () => {
    const page = await contexts.desktop.newPage();
    for (const path of ['/', `/recommendations/${recommendationId}`, '/reports/kz-2019-final']) {
      await open(page, path);
      const block = page.locator('section.cite-this');
      // The latest release is fetched after the page renders: wait for its link, not a fixed time.
      await block.locator(`a[href="${release.archiveUrl}"]`).waitFor();
      const text = await block.innerText();
      expect(text, path).toContain(`${web.app.baseUrl}${path === '/' ? '/' : path}`);
      expect(text, path).toContain(`Release ${release.number}`);
      expect(text, path).toMatch(/ODIHR Recommendations Follow-up Tracker\. \(\d{4}\)\./);
      expect(text, path).toContain(`release ${release.number}]`);
    }
    const violations = seriousViolations(await runAxe(page));
    expect(violations).toEqual([]);
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
