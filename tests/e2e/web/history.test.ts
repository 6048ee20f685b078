import { describe, expect, it } from 'vitest';
import type { RecommendationDetail, RecommendationPage } from '@tracker/shared';
import {
  editorStatus,
  open,
  runAxe,
  seriousViolations,
  signIn,
  useWebApp,
  waitForSettled,
} from '../../helpers/browser.js';
import { cliUser } from '../../helpers/create-user-cli.js';

const EDITOR = cliUser('historian', 'History Editor');

/**
 * The readable history and its revert against the real server and database: an editor edits a
 * recommendation, reads the change field by field, reverts it, and the public page shows the
 * old value again.
 */
describe('readable history and revert', { timeout: 90_000 }, () => {
  const web = useWebApp({ users: [EDITOR] });

  it('an editor reverts a change from the history and the public page shows the old value', async () => {
    const list = await web.app.api<RecommendationPage>(
      '/api/v1/recommendations?country=KZ&sort=year&order=desc&pageSize=50',
    );
    const target = list.items.find((item) => item.heading)!;
    const before = await web.app.api<RecommendationDetail>(`/api/v1/recommendations/${target.id}`);
    const path = `/recommendations/${target.id}`;

    const page = await web.newPage();
    await signIn(page, EDITOR, path);
    await page.waitForSelector('[data-testid="editor-tools"]');

    await page.click('[data-testid="editor-edit"]');
    await page.waitForSelector('[data-testid="recommendation-edit-form"]');
    await page.fill('#rec-edit-heading', 'A heading entered by mistake');
    await page.fill('#rec-edit-reason', 'Trying the history');
    await page.click('[data-testid="recommendation-edit-form"] button[type="submit"]');
    await expect.poll(editorStatus(page)).toMatch(/Saved/);
    await waitForSettled(page);

    // The history reads field by field: the section heading's name, before and after.
    const newest = page.locator('.change-list__item').first();
    const row = newest.locator('tr[data-field="heading"]');
    await row.waitFor();
    expect(await row.locator('th').innerText()).toBe('Section heading');
    expect(await row.locator('.change-diff__before').innerText()).toBe(before.heading);
    expect(await row.locator('.change-diff__after').innerText()).toBe(
      'A heading entered by mistake',
    );

    await newest.locator('[data-testid="revert-open"]').click();
    await newest.locator('[data-testid="revert-form"] textarea').fill('Entered by mistake');
    expect(seriousViolations(await runAxe(page))).toEqual([]);
    await newest.locator('[data-testid="revert-confirm"]').click();
    await expect
      .poll(
        async () =>
          (await web.app.api<RecommendationDetail>(`/api/v1/recommendations/${target.id}`)).heading,
      )
      .toBe(before.heading);

    // The public page, for a reader who is not signed in, shows the old value and the revert.
    const reader = await web.newPage();
    await open(reader, path);
    await waitForSettled(reader);
    const text = await reader.locator('main').innerText();
    expect(text).toContain(before.heading!);
    expect(text).toContain('Revert of change #');
    expect(await reader.locator('[data-testid="revert-open"]').count()).toBe(0);
  });
});
