import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ChangePage } from '@tracker/shared';
import {
  expectAccessible,
  open,
  runAxe,
  screenshot,
  submitSignIn,
  useWebApp,
  waitForSettled,
  watchPageErrors,
} from '../../helpers/browser.js';
import { cliUser } from '../../helpers/create-user-cli.js';

/** Waits for what follows a write: the server and the page may be slow on a busy machine. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

const ADMIN = cliUser('head', 'Head of Elections', 'admin');
const INVITED = { email: 'new.adviser@example.org', name: 'New Adviser' };

/**
 * The admin screens against the real server: inviting a user (who then signs in with the password
 * shown once), changing their role and deactivating them (each confirmed first, and in force on
 * the user's next request), and the recent changes.
 */
describe('user management and recent changes, for admins', { timeout: 120_000 }, () => {
  const web = useWebApp({ users: [ADMIN] });
  let admin: Page;
  let invited: Page;
  let temporaryPassword: string;

  beforeAll(async () => {
    admin = await web.newPage();
    invited = await web.newPage();
  });

  const signIn = (page: Page, email: string, password: string, returnPath: string) =>
    submitSignIn(page, { email, password }, returnPath);

  const row = () => admin.locator(`[data-testid="user-row"][data-email="${INVITED.email}"]`);
  const dialog = () => admin.locator('[data-testid="confirm-dialog"]');

  it('an admin invites an editor, who signs in with the password shown once', async () => {
    const errors = watchPageErrors(admin);
    await signIn(admin, ADMIN.email, ADMIN.password, '/admin/users');
    await admin.waitForURL('**/admin/users');
    await waitForSettled(admin);
    expect(await admin.locator('[data-testid="user-row"]').count()).toBe(1);
    expectAccessible(await runAxe(admin));

    // Refused next to the fields, nothing sent.
    await admin.click('[data-testid="invite"]');
    await poll(() => admin.getAttribute('#invite-email', 'aria-invalid')).toBe('true');
    expect(await admin.locator('#invite-email-error').innerText()).toMatch(/e-mail address/);
    expect(await admin.locator('#invite-displayName-error').innerText()).toMatch(/enter/i);

    await admin.fill('#invite-email', INVITED.email);
    await admin.fill('#invite-displayName', INVITED.name);
    await admin.selectOption('#invite-role', 'editor');
    await admin.click('[data-testid="invite"]');
    const panel = admin.locator('[data-testid="temporary-password-panel"]');
    await panel.waitFor();
    // Focus moves to the password, which is there to be copied.
    expect(await admin.evaluate<string>('document.activeElement.dataset.testid')).toBe(
      'temporary-password-panel',
    );
    temporaryPassword = (
      await admin.locator('[data-testid="temporary-password"]').innerText()
    ).trim();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    await row().waitFor();
    expect(await row().locator('[data-testid="role-select"]').inputValue()).toBe('editor');
    expect(await row().locator('[data-testid="user-state"]').innerText()).toBe('Active');
    expectAccessible(await runAxe(admin));
    await screenshot(admin, 'admin-users', 'desktop');
    // Shown once: gone when closed, and not on the page after a reload.
    await panel.locator('button').click();
    expect(await panel.count()).toBe(0);
    await admin.reload();
    await waitForSettled(admin);
    expect(await admin.locator('body').innerText()).not.toContain(temporaryPassword);
    // Only the session check before signing in failed.
    expect(errors.filter((error) => !/401/.test(error))).toEqual([]);

    await signIn(invited, INVITED.email, temporaryPassword, '/editor/import');
    await invited.waitForURL('**/editor/import');
    await waitForSettled(invited);
    expect(await invited.locator('[data-testid="signed-in-user"]').innerText()).toContain(
      INVITED.name,
    );
    // An editor sees the editor's links, not the admin's, and cannot open the users page.
    const nav = invited.locator('.main-nav');
    expect(await nav.getByRole('link', { name: 'Import a report' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await open(invited, '/admin/users');
    expect(new URL(invited.url()).pathname).toBe('/sign-in');
  });

  it('a role change is confirmed first and takes effect on the user’s next request', async () => {
    await row().locator('[data-testid="role-select"]').selectOption('admin');
    await row().locator('[data-testid="change-role"]').click();
    await dialog().waitFor({ state: 'visible' });
    expect(await dialog().innerText()).toContain(`${INVITED.name} becomes an admin`);
    expectAccessible(await runAxe(admin));
    // Cancelled with Escape: nothing changes.
    await admin.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    await row().locator('[data-testid="change-role"]').click();
    await dialog().waitFor({ state: 'visible' });
    await dialog().locator('[data-testid="confirm"]').click();
    await poll(() => admin.locator('[data-testid="users-announcement"]').innerText()).toContain(
      `${INVITED.name} is now an admin`,
    );
    expect(await row().locator('[data-testid="role-select"]').inputValue()).toBe('admin');

    // The invited user, without signing in again, may now open the admin pages.
    await open(invited, '/admin/users');
    expect(new URL(invited.url()).pathname).toBe('/admin/users');
    expect(await invited.locator('[data-testid="user-row"]').count()).toBe(2);
  });

  it('deactivation is confirmed first and signs the user out at once', async () => {
    await row().locator('[data-testid="deactivate"]').click();
    await dialog().waitFor({ state: 'visible' });
    expect(await dialog().innerText()).toContain('signed out at once');
    await dialog().locator('[data-testid="confirm"]').click();
    await poll(() => row().locator('[data-testid="user-state"]').innerText()).toBe('Deactivated');
    expect(await row().locator('[data-testid="reactivate"]').count()).toBe(1);

    // Their open session is over, and the password no longer signs them in.
    await open(invited, '/admin/users');
    expect(new URL(invited.url()).pathname).toBe('/sign-in');
    expect(await invited.locator('[data-testid="signed-in-user"]').count()).toBe(0);
    await signIn(invited, INVITED.email, temporaryPassword, '/');
    await invited.locator('[data-testid="sign-in-error"]').waitFor();

    // Reactivated, they sign in again.
    await row().locator('[data-testid="reactivate"]').click();
    await dialog().locator('[data-testid="confirm"]').click();
    await poll(() => row().locator('[data-testid="user-state"]').innerText()).toBe('Active');
    await signIn(invited, INVITED.email, temporaryPassword, '/admin/users');
    await invited.waitForURL('**/admin/users');
  });

  it('recent changes: the latest changes with who, when and why, filtered by kind of record', async () => {
    await open(admin, '/admin/changes');
    const latest = await web.app.api<ChangePage>('/api/v1/changes?pageSize=50');
    expect(latest.total).toBeGreaterThan(0);
    const items = admin.locator('.change-list__item');
    expect(await items.count()).toBe(Math.min(50, latest.total));
    expect(await admin.locator('[data-testid="changes-total"]').innerText()).toContain(
      latest.total.toLocaleString('en-GB'),
    );
    // Seed changes are the system's; each item says by whom and links to its record if it can.
    expect(await items.first().innerText()).toMatch(/by the data import|by /);
    expectAccessible(await runAxe(admin));

    await admin.selectOption('#changes-entity', 'report');
    await admin.waitForURL('**/admin/changes?entityType=report');
    await waitForSettled(admin);
    const reports = await web.app.api<ChangePage>('/api/v1/changes?entityType=report&pageSize=50');
    await poll(() => items.count()).toBe(reports.items.length);
    expect(await items.first().locator('a').getAttribute('href')).toMatch(/^\/reports\//);
  });
});
