import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { open, useWebApp, watchPageErrors } from '../../helpers/browser.js';
import { apiClient, EDITOR, editorToken } from '../../reliability/server-under-test.js';

/** Markup an editor might paste from a web page; it must be shown as text, never run. */
const PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
/** A word no seed recommendation contains, to find the record by search. */
const MARKER = 'quokkaseparability';
const TEXT = `The ${MARKER} law should be amended: ${PAYLOAD} and published.`;

/**
 * Cross-site scripting and the Content-Security-Policy in a real browser: a recommendation whose
 * text holds HTML and script, created through the editing API, is shown literally on its page and
 * in a search result, and runs nothing; an inline script injected into a page is blocked by the
 * policy; the API documentation still works under its own policy.
 */
describe('the web app against script injection', { timeout: 90_000 }, () => {
  const web = useWebApp({ users: [EDITOR] });
  let recommendationId: number;

  beforeAll(async () => {
    const token = await editorToken(web.app.baseUrl);
    const reports = await web.app.api<{ items: { id: number }[] }>('/api/v1/reports?pageSize=1');
    const created = await apiClient(web.app.baseUrl, token).send(
      'POST',
      '/api/v1/recommendations',
      {
        reportId: reports.items[0]!.id,
        number: 'X1',
        heading: `Heading ${PAYLOAD}`,
        text: TEXT,
        reason: 'Reliability test: markup in text',
      },
    );
    expect(created.status).toBe(201);
    recommendationId = (created.body as { id: number }).id;
  }, 120_000);

  /** A fresh page that records every Content-Security-Policy violation it reports. */
  async function watchedPage(): Promise<Page> {
    const page = await web.freshPage();
    // Record every policy violation the page reports, from its first script on.
    await page.addInitScript(
      `window.__violations = [];
       document.addEventListener('securitypolicyviolation', (event) =>
         window.__violations.push(event.violatedDirective));`,
    );
    return page;
  }
  const ran = (page: Page) => page.evaluate<unknown>('window.__xss');
  const violations = (page: Page) => page.evaluate<string[]>('window.__violations');

  it('shows the markup as text on the recommendation page, and runs none of it', async () => {
    const page = await watchedPage();
    const errors = watchPageErrors(page);
    await open(page, `/recommendations/${recommendationId}`);
    const main = await page.locator('#main').innerText();
    expect(main).toContain(PAYLOAD);
    expect(main).toContain(MARKER);
    expect(await page.locator('#main img[src="x"], #main script').count()).toBe(0);
    expect(await ran(page)).toBeUndefined();
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the markup as text in a search result snippet, and runs none of it', async () => {
    const page = await watchedPage();
    const errors = watchPageErrors(page);
    await open(page, `/recommendations?q=${MARKER}`);
    const card = page.locator(`.results [data-recommendation-id="${recommendationId}"]`);
    await card.waitFor();
    const shown = await card.innerText();
    expect(shown).toContain(MARKER);
    // Verbatim, tags included: the snippet masks them through ts_headline, which drops markup.
    expect(shown).toContain(PAYLOAD);
    expect(await card.locator('mark').allInnerTexts()).toContain(MARKER);
    expect(await page.locator('#main img[src="x"], #main script').count()).toBe(0);
    expect(await ran(page)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('blocks an inline script injected into a page, by the Content-Security-Policy', async () => {
    const page = await watchedPage();
    await open(page, '/');
    // As an attacker's markup would, if it ever reached the DOM as HTML.
    await page.evaluate(
      `const script = document.createElement('script');
       script.textContent = 'window.__xss = 3';
       document.body.appendChild(script);
       const image = document.createElement('img');
       image.setAttribute('onerror', 'window.__xss = 4');
       image.src = 'data:,broken';
       document.body.appendChild(image);`,
    );
    await page.waitForFunction(`window.__violations.length >= 2`, undefined, { timeout: 5000 });
    expect(await ran(page)).toBeUndefined();
    expect(await violations(page)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^script-src/)]),
    );
  });

  it('serves working API documentation at /docs under its own policy', async () => {
    const page = await watchedPage();
    const errors = watchPageErrors(page);
    await page.goto('/docs');
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });
    expect(await page.locator('.swagger-ui .info .title').innerText()).toContain(
      'ODIHR Recommendations Follow-up Tracker API',
    );
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(20);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
