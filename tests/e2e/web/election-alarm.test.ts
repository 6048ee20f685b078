import { describe, expect, it } from 'vitest';
import type { ElectionAlarmList } from '@tracker/shared';
import {
  expectAccessible,
  horizontalOverflow,
  open,
  runAxe,
  screenshot,
  signIn,
  useWebApp,
  watchPageErrors,
} from '../../helpers/browser.js';
import type { ViewportName } from '../../helpers/browser.js';
import { cliUser } from '../../helpers/create-user-cli.js';

const EDITOR = cliUser('calendar', 'Calendar Editor');

/** A day `days` after today (UTC), as the form and the API write it. */
function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The election-calendar alarm in the browser: an editor enters an upcoming election on the
 * editor page, and the home page then shows it with its window and the recommendations at risk.
 */
describe('the election-calendar alarm', { timeout: 90_000 }, () => {
  const web = useWebApp({
    users: [EDITOR],
    // The seed's open priority recommendations are on these topics, none on legal framework.
    env: { LEGISLATIVE_TOPICS: 'election-administration,media' },
  });
  const freshPage = (viewport: ViewportName = 'desktop') => web.newPage(viewport);

  // Within a year: the window has closed, so the recommendations are at risk.
  const heldOn = daysFromNow(200);

  it('lets an editor add an upcoming election, which the home page then shows', async () => {
    const page = await freshPage();
    const errors = watchPageErrors(page);
    await signIn(page, EDITOR, '/editor/elections');
    expectAccessible(await runAxe(page));

    // A refused check first: focus goes to the problem.
    await page.click('[data-testid="add-election"]');
    await expect
      .poll(() => page.evaluate('document.activeElement && document.activeElement.id'))
      .toBe('election-countryCode');

    await page.selectOption('#election-countryCode', 'KZ');
    await page.selectOption('#election-kind', 'presidential');
    await page.fill('#election-heldOn', heldOn);
    await page.check('#election-early');
    await page.click('[data-testid="add-election"]');
    await page.locator('[data-testid="election-added"]').filter({ hasText: 'Added' }).waitFor();
    await expect
      .poll(() => page.locator('[data-testid="upcoming-elections"] li').allTextContents())
      .toEqual([expect.stringContaining('Early presidential election')]);
    await screenshot(page, 'editor-upcoming-elections', 'desktop');
    expect(errors).toEqual([]);

    const answer = await web.app.api<ElectionAlarmList>('/api/v1/election-alarms?country=KZ');
    expect(answer.items.map((item) => item.election.heldOn)).toEqual([heldOn]);
    const [alarm] = answer.items;
    expect(alarm!.atRisk).toBe(true);
    expect(answer.legislativeTopics).toEqual([
      'legal-framework',
      'election-administration',
      'media',
    ]);
    expect(alarm!.recommendations.length).toBeGreaterThan(0);

    for (const viewport of ['desktop', 'phone'] as const) {
      const visitor = await freshPage(viewport);
      const visitorErrors = watchPageErrors(visitor);
      await open(visitor, '/');
      const item = visitor.locator('[data-testid="election-alarm-item"]');
      await item.first().waitFor();
      expect(await item.count()).toBe(1);
      const text = await item.first().innerText();
      expect(text).toContain('Kazakhstan');
      expect(text).toContain('At risk');
      const links = item.first().locator('a[href^="/recommendations/"]');
      expect(await links.count()).toBe(alarm!.recommendations.length);
      expect(await links.first().getAttribute('href')).toBe(
        `/recommendations/${alarm!.recommendations[0]!.id}`,
      );
      expect(text).toContain('Media');
      expectAccessible(await runAxe(visitor));
      expect(await horizontalOverflow(visitor), `${viewport}: horizontal scrolling`).toBe(0);
      await screenshot(visitor, 'home-election-alarm', viewport);
      expect(visitorErrors).toEqual([]);
    }
  });

  it('reads in Russian', async () => {
    const page = await freshPage();
    await page.addInitScript("localStorage.setItem('tracker.locale', 'ru')");
    await open(page, '/');
    const section = page.locator('[data-testid="election-alarm"]');
    await section.locator('[data-testid="election-alarm-item"]').first().waitFor();
    const text = await section.innerText();
    expect(text).toContain('Предстоящие выборы');
    expect(text).toContain('Под угрозой');
    expectAccessible(await runAxe(page));
  });
});
