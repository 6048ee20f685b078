import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { schema } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { Region, ReportPage } from '@tracker/shared';
import {
  filterReportsByCountry,
  horizontalOverflow,
  open,
  runAxe,
  screenshot,
  seriousViolations,
  useWebApp,
  waitForSettled,
  watchPageErrors,
} from '../../helpers/browser.js';
import type { ViewportName } from '../../helpers/browser.js';
import { insertAssessment, insertRecommendation, insertReport } from '../../helpers/fixtures.js';

/** Two more countries beside the seed's Kazakhstan, one with a civil-society report. */
async function addCountries(db: Database) {
  const [media] = await db.select().from(schema.topics).where(eq(schema.topics.slug, 'media'));
  for (const [code, name, thirdParty] of [
    ['GE', 'Georgia', true],
    ['AM', 'Armenia', false],
  ] as const) {
    const [country] = await db.insert(schema.countries).values({ code, name }).returning();
    const [election] = await db
      .insert(schema.elections)
      .values({ countryId: country!.id, kind: 'parliamentary', heldOn: '2012-10-01' })
      .returning();
    const first = await insertReport(db, {
      electionId: election!.id,
      slug: `${code.toLowerCase()}-2013-final`,
      title: `${name}: Final Report 2013`,
      publishedOn: '2013-02-01',
    });
    const second = await insertReport(db, {
      electionId: election!.id,
      slug: `${code.toLowerCase()}-2016-final`,
      title: `${name}: Final Report 2016`,
      publishedOn: '2016-02-01',
    });
    for (let position = 1; position <= 4; position++) {
      const rec = await insertRecommendation(db, {
        reportId: first.id,
        position,
        number: String(position),
        priority: position <= 3,
        topicId: media!.id,
        text: `${name} should reform the media law, part ${position}.`,
      });
      if (position <= 2) {
        await insertAssessment(db, {
          recommendationId: rec.id,
          assessingReportId: second.id,
          status: position === 1 ? 'partially_implemented' : 'not_implemented',
        });
      }
    }
    if (thirdParty) {
      const civil = await insertReport(db, {
        electionId: election!.id,
        slug: `${code.toLowerCase()}-2016-civil`,
        title: `${name}: civil society briefing`,
        kind: 'third_party',
        publisher: 'Civic Watch',
        publishedOn: '2016-05-01',
      });
      await insertRecommendation(db, {
        reportId: civil.id,
        priority: true,
        text: 'The civil-society briefing asks for a new media council.',
      });
    }
  }
}

/**
 * The region overview on a database with several countries: choose a country on the home page,
 * reach its page, read its chart's text alternative; axe on both pages, desktop and phone.
 */
describe('the region overview and a country page', { timeout: 90_000 }, () => {
  const web = useWebApp({ prepare: addCountries });
  const contexts = {} as Record<ViewportName, BrowserContext>;

  beforeAll(async () => {
    contexts.desktop = await web.newContext('desktop');
    contexts.phone = await web.newContext('phone');
  });

  it('chooses a country on the home page, reaches its page and reads its chart as a table', async () => {
    const region = await web.app.api<Region>('/api/v1/region');
    expect(region.items.map((item) => item.country.code).sort()).toEqual(['AM', 'GE', 'KZ']);
    const georgia = region.items.find((item) => item.country.code === 'GE')!;
    // Priority 1 (partially), 2 (not implemented) and 3 (not assessed); the briefing's never.
    expect(georgia.unaddressedPriority).toBe(2);
    expect(georgia.civilSociety).toBe(1);

    const page = await contexts.desktop.newPage();
    const errors = watchPageErrors(page);
    await open(page, '/');
    const table = page.locator('[data-testid="region-table"]');
    expect(await table.locator('tbody tr').count()).toBe(3);
    await page.getByLabel('Find a country').fill('Georg');
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').innerText()).toContain('2');
    await table.getByRole('link', { name: 'Georgia', exact: true }).click();
    await page.waitForURL(/\/countries\/GE$/);
    await page.locator('[data-testid="unaddressed-priority-count"]').waitFor();
    // The heading shows the code from the address until the country's answer names it.
    await page.locator('#main h1').filter({ hasText: 'Georgia' }).waitFor();
    expect(await page.locator('#main h1').innerText()).toContain('Georgia');
    expect(await page.locator('[data-testid="unaddressed-priority-count"]').innerText()).toBe('2');

    const chart = page.locator('[data-testid="progress-chart"]');
    await chart.waitFor();
    const bar = chart.locator('svg[role="img"]').first();
    expect(await bar.getAttribute('aria-label')).toMatch(
      /Final report 2016: .*Partially implemented 1, Not implemented 1/,
    );
    // The answer above the chart may still be loading; a click while the page shifts could miss.
    await waitForSettled(page);
    await chart.locator('summary').click();
    await chart.locator('details[open] table').waitFor({ state: 'visible' });
    const alternative = await chart.locator('table').innerText();
    expect(alternative).toContain('Final report 2016');
    expect(alternative).toMatch(/Partially implemented/);
    expect(
      await page.getByText('The civil-society briefing asks for a new media council.').count(),
    ).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pages through the reports of one country chosen in the filter, and none of the others', async () => {
    const api = (page: number) =>
      web.app.api<ReportPage>(`/api/v1/reports?country=GE&pageSize=2&page=${page}`);
    const [first, second] = [await api(1), await api(2)];
    expect(first.total).toBe(3);
    const page = await contexts.desktop.newPage();
    const errors = watchPageErrors(page);
    await open(page, '/reports?pageSize=2');
    await filterReportsByCountry(page, 'GE');
    const titles = async () =>
      (await page.locator('.report-card__title').allInnerTexts()).map((title) => title.trim());
    const firstPage = await titles();
    expect(firstPage).toEqual(first.items.map((report) => report.title.trim()));
    await page.locator('.pagination a[rel="next"]').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await waitForSettled(page);
    const secondPage = await titles();
    expect(secondPage).toEqual(second.items.map((report) => report.title.trim()));
    // Georgia's three reports over the two pages, and no other country's.
    const shown = [...firstPage, ...secondPage];
    expect(shown).toHaveLength(3);
    expect(shown.filter((title) => !title.startsWith('Georgia:'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names the country on every card and list: search, browse, a recommendation, reports, changes', async () => {
    const page = await contexts.desktop.newPage();
    const errors = watchPageErrors(page);
    const COUNTRIES = ['Kazakhstan', 'Georgia', 'Armenia'];
    const unnamed = (texts: string[]) =>
      texts.filter((text) => !COUNTRIES.some((name) => text.includes(name)));

    // Search results from two countries: each card's heading says which.
    await open(page, `/recommendations?q=${encodeURIComponent('"should reform the media law"')}`);
    const found = await page.locator('.results .rec-card__title').allInnerTexts();
    expect(found.map((title) => title.split(':')[0]!.trim()).sort()).toEqual([
      ...Array<string>(4).fill('Armenia'),
      ...Array<string>(4).fill('Georgia'),
    ]);
    // Browsing one country, and then everything.
    await open(page, '/recommendations?country=AM');
    const armenian = await page.locator('.results .rec-card__title').allInnerTexts();
    expect(armenian).toHaveLength(4);
    expect(armenian.every((title) => title.startsWith('Armenia: '))).toBe(true);
    await open(page, '/recommendations?pageSize=100');
    const all = await page.locator('.results .rec-card__title').allInnerTexts();
    expect(all.length).toBeGreaterThan(50);
    expect(unnamed(all)).toEqual([]);
    // A recommendation's header.
    await open(page, '/recommendations?country=GE');
    await page.locator('.results .rec-card__title a').first().click();
    await page.locator('[data-testid="recommendation-source"]').waitFor();
    expect(await page.locator('[data-testid="recommendation-source"]').innerText()).toMatch(
      /^Georgia: /,
    );
    // The reports, and the latest changes on the home page.
    await open(page, '/reports?pageSize=100');
    const reports = await page.locator('.report-card__publisher').allInnerTexts();
    expect(reports.length).toBeGreaterThan(10);
    expect(unnamed(reports)).toEqual([]);
    expect(reports.filter((text) => text.startsWith('Georgia:'))).toHaveLength(3);
    await open(page, '/');
    const changes = page.locator('.changes-section .change-list__item');
    expect(await changes.count()).toBeGreaterThan(0);
    expect(unnamed(await changes.locator('.change-list__country').allInnerTexts())).toEqual([]);
    expect(await changes.locator('.change-list__country').count()).toBe(await changes.count());
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [name, path] of [
    ['region-home', '/'],
    ['country', '/countries/GE'],
  ] as const) {
    it(`${name}: passes axe, fits a phone, and is photographed`, async () => {
      for (const viewport of ['desktop', 'phone'] as const) {
        const page = await contexts[viewport].newPage();
        const errors = watchPageErrors(page);
        await open(page, path);
        await page.locator('figure.chart').first().waitFor();
        expect(await page.locator('[role="alert"]').count(), `${viewport}: error shown`).toBe(0);
        expect(await horizontalOverflow(page), `${viewport}: horizontal scrolling`).toBe(0);
        const violations = seriousViolations(await runAxe(page));
        expect(violations, `${viewport}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
        await screenshot(page, name, viewport);
        expect(errors).toEqual([]);
        await page.close();
      }
    });
  }
});
