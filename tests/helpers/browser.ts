import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import type { AxeResults, Result } from 'axe-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { openDatabase } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUserWithCli } from './create-user-cli.js';
import type { CliUser } from './create-user-cli.js';
import { createServerTestDatabase } from './database.js';
import { startServer } from './server-process.js';
import type { ServerProcess } from './server-process.js';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Committed, so that a reviewer can look at the pages without running anything. */
/**
 * Where the screenshots go: tests/artifacts/screenshots/ (not committed) unless SCREENSHOT_DIR
 * names another folder; `npm run screenshots` refreshes the committed ones in docs/screenshots/.
 */
export const SCREENSHOT_DIR = `${resolve(
  process.env.SCREENSHOT_DIR ?? fileURLToPath(new URL('../artifacts/screenshots', import.meta.url)),
)}/`;

export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 375, height: 740 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface WebAppServer {
  baseUrl: string;
  server: ServerProcess;
  /** GETs a path of the API as JSON (for comparing what the pages show with what the API says). */
  api: <T>(path: string) => Promise<T>;
  stop: () => Promise<void>;
}

export interface WebAppServerOptions {
  /** Accounts to create (with the CLI) before the server starts. */
  users?: CliUser[];
  /** More settings for the server process (e.g. LEGISLATIVE_TOPICS). */
  env?: Record<string, string>;
  /** Extra data written to the seeded database before the server starts. */
  prepare?: (db: Database) => Promise<void>;
  /** `migrated`: an empty tracker (schema only, the seed data left out); `seeded` unless said. */
  template?: 'migrated' | 'seeded';
}

/**
 * The built server (API and web app on one port) on the seeded data set (or none), in a database
 * cloned from the template: on PostgreSQL a database (DATABASE_URL), on PGlite a data directory
 * restored from the template's dump (DATA_DIR).
 */
export async function startWebAppServer(options: WebAppServerOptions = {}): Promise<WebAppServer> {
  const template = options.template ?? 'seeded';
  const database = await createServerTestDatabase(template);
  // An empty tracker stays empty: the server seeds an empty database on start otherwise.
  const env = template === 'migrated' ? { ...database.env, SEED_ON_START: 'false' } : database.env;
  if (options.prepare) {
    if (database.database) await options.prepare(database.database.db);
    else {
      const handle = await openDatabase({ dataDir: database.dataDir });
      try {
        await options.prepare(handle.db);
      } finally {
        await handle.close();
      }
    }
  }
  for (const user of options.users ?? []) await createUserWithCli(env, user);
  const server = await startServer({
    ...env,
    ...options.env,
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
  });
  return {
    baseUrl: server.baseUrl,
    server,
    api: async <T>(path: string) => {
      const response = await fetch(`${server.baseUrl}${path}`);
      if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
      return (await response.json()) as T;
    },
    stop: async () => {
      await server.stop();
      await database.destroy();
    },
  };
}

export interface WebApp {
  /** The server (available once the file's beforeAll hooks run). */
  readonly app: WebAppServer;
  readonly browser: Browser;
  /** A new context at a viewport, closed with the browser after the file's tests. */
  newContext: (viewport?: ViewportName) => Promise<BrowserContext>;
  /** A page in a new context of its own (own storage, so no remembered language or session). */
  newPage: (viewport?: ViewportName) => Promise<Page>;
  /**
   * A page in a new context, closing the context the previous `freshPage` opened: for files whose
   * tests each want a clean browser (storage, language) one at a time.
   */
  freshPage: (viewport?: ViewportName) => Promise<Page>;
  /** A page in a new context, signed in as `user` and returned to `returnPath`. */
  signedInPage: (user: CliUser, returnPath: string) => Promise<Page>;
}

/**
 * The built server and Chromium for a test file: started (in parallel) before the file's tests,
 * stopped after them. Hooks the file registers later run after the start and before the stop.
 */
export function useWebApp(options: WebAppServerOptions = {}, startTimeout = 180_000): WebApp {
  let app: WebAppServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebAppServer(options), launchBrowser()]);
  }, startTimeout);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const started = () => {
    if (!app || !browser) throw new Error('useWebApp: the server and browser are not started');
    return { app, browser };
  };
  let freshContext: BrowserContext | undefined;
  const web: WebApp = {
    get app() {
      return started().app;
    },
    get browser() {
      return started().browser;
    },
    newContext: (viewport = 'desktop') => newContext(web.browser, web.app.baseUrl, viewport),
    newPage: async (viewport = 'desktop') => (await web.newContext(viewport)).newPage(),
    freshPage: async (viewport = 'desktop') => {
      await freshContext?.close();
      freshContext = await web.newContext(viewport);
      return freshContext.newPage();
    },
    signedInPage: async (user, returnPath) => {
      const page = await web.newPage();
      await signIn(page, user, returnPath);
      return page;
    },
  };
  return web;
}

/** Fills in and sends the sign-in form, asking to come back to `returnPath` (if any). */
export async function submitSignIn(
  page: Page,
  credentials: { email: string; password: string },
  returnPath?: string,
): Promise<void> {
  await open(page, returnPath ? `/sign-in?return=${encodeURIComponent(returnPath)}` : '/sign-in');
  await page.fill('#sign-in-email', credentials.email);
  await page.fill('#sign-in-password', credentials.password);
  await page.click('form button[type="submit"]');
}

/**
 * Signs in through the sign-in page and waits until the app is back at `returnPath` (the home
 * page without one), signed in and settled.
 */
export async function signIn(page: Page, user: CliUser, returnPath?: string): Promise<void> {
  await submitSignIn(page, user, returnPath);
  // The header changes before the page does: wait for the page the user was sent back to.
  await page.waitForURL((url) => url.pathname === (returnPath ?? '/'));
  await page.waitForSelector('[data-testid="signed-in-user"]');
  await waitForSettled(page);
}

/** Headless Chromium with the flags a container without a GPU, sandbox or network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (own storage, so no remembered language) at a named viewport. */
export function newContext(
  browser: Browser,
  baseURL: string,
  viewport: ViewportName = 'desktop',
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    locale: 'en-GB',
    timezoneId: 'Europe/Warsaw',
    reducedMotion: 'reduce',
  });
}

/** Reads the editor tools' status line (what the last save did), for `expect.poll`. */
export function editorStatus(page: Page): () => Promise<string> {
  return () => page.locator('[data-testid="editor-status"]').innerText();
}

/**
 * Collects what would make a page broken without failing visibly: uncaught errors, console errors
 * and failed requests. Tests assert the list is empty (or holds only what they provoked).
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`http ${response.status()}: ${response.url()}`);
  });
  return errors;
}

/*
 * Code that runs in the page is passed as strings: the tests are type-checked for Node, without
 * the DOM's types, and a string says plainly that it is evaluated elsewhere.
 */

/**
 * Waits until the page has its heading and no view is loading any more. With locators rather than
 * waitForFunction, whose string predicate the app's Content-Security-Policy (no eval) refuses.
 */
export async function waitForSettled(page: Page): Promise<void> {
  await page.waitForLoadState('domcontentloaded');
  await page.locator('#main h1').first().waitFor({ state: 'attached', timeout: 15_000 });
  await page
    .locator('#main [aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 });
}

/** Opens a path of the app and waits for it to settle. */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForSettled(page);
}

/** On the reports page: chooses a country in the filter, submits it and waits for the list. */
export async function filterReportsByCountry(page: Page, code: string): Promise<void> {
  await page.locator('#reports-country').selectOption(code);
  await page.locator('.reports-filters button[type="submit"]').click();
  await page.waitForURL((url) => url.searchParams.get('country') === code);
  await waitForSettled(page);
}

export interface AxeViolation {
  id: string;
  impact: Result['impact'];
  help: string;
  targets: string[];
}

/** Runs axe-core in the page (WCAG 2.x A and AA rules, plus best practices) and returns violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const present = await page.evaluate<boolean>(`typeof window.axe === 'object'`);
  // Evaluated rather than added as an inline <script>, which the app's Content-Security-Policy refuses.
  if (!present) await page.evaluate(axe.source);
  const options = {
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    },
  };
  const results = await page.evaluate<AxeResults>(
    `window.axe.run(document, ${JSON.stringify(options)})`,
  );
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/** The violations a page must not have: impact serious or critical. */
export function seriousViolations(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

/** Asserts axe found no serious or critical violation (listing them all when it did). */
export function expectAccessible(violations: AxeViolation[]): void {
  expect(seriousViolations(violations), JSON.stringify(violations, null, 2)).toEqual([]);
}

/** The line numbers a report's source view marks as highlighted, in order. */
export async function highlightedLines(page: Page): Promise<number[]> {
  const numbers: number[] = [];
  for (const item of await page.locator('.source-line--highlighted').all()) {
    numbers.push(Number((await item.getAttribute('id'))?.slice(1)));
  }
  return numbers;
}

/** Asserts the element is on screen: within the viewport from its top to its bottom. */
export async function expectInView(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, `${selector} is not rendered`).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
}

/** How far the page is wider than the viewport, in CSS pixels (0: no horizontal scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>(
    `document.documentElement.scrollWidth - document.documentElement.clientWidth`,
  );
}

/** Tall pages are cut here, to keep the committed images reviewable and small. */
const MAX_SCREENSHOT_HEIGHT = 8000;

/** Writes `<name>-<viewport>.png`: the whole page, up to 8000 CSS pixels down. */
export async function screenshot(page: Page, name: string, viewport: ViewportName): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await page.screenshot({
    path: `${SCREENSHOT_DIR}${name}-${viewport}.png`,
    fullPage: true,
    clip: {
      x: 0,
      y: 0,
      width: VIEWPORTS[viewport].width,
      height: Math.min(height, MAX_SCREENSHOT_HEIGHT),
    },
    animations: 'disabled',
  });
}
