import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_SOURCES_DIR } from '@tracker/db';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RecommendationPage, ReportDetail, ReportPage, ReportSummary } from '@tracker/shared';
import type { WebAppServer } from './browser.js';

/**
 * What a browser test records an assessment about, read from the running server: a recommendation
 * of Kazakhstan no report has assessed yet, a later ODIHR report, and a line of that report's text.
 */

/** The first unassessed recommendation (oldest first, not in `skip`) and a later ODIHR report. */
export async function unassessedWithLaterReport(server: WebAppServer, skip: number[] = []) {
  const reports = await server.api<ReportPage>('/api/v1/reports?country=KZ&pageSize=100');
  const list = await server.api<RecommendationPage>(
    '/api/v1/recommendations?country=KZ&status=not_assessed&sort=year&order=asc&pageSize=100',
  );
  for (const item of list.items) {
    if (skip.includes(item.id)) continue;
    const later = reports.items.filter(
      (report: ReportSummary) => !report.thirdParty && report.publishedOn > item.report.publishedOn,
    );
    if (later.length > 0) return { recommendation: item, laterReport: later[0]! };
  }
  throw new Error('no unassessed recommendation with a later ODIHR report in the seed data');
}

/** A plain line of prose of a seeded report's source text, and its line number. */
export async function quotableLine(
  server: WebAppServer,
  reportId: number,
): Promise<{ quote: string; line: number }> {
  const report = await server.api<ReportDetail>(`/api/v1/reports/${reportId}`);
  const lines = readFileSync(join(SEED_SOURCES_DIR, report.sourceFile!), 'utf8').split('\n');
  const index = lines.findIndex(
    (text) => text.trim().length > 80 && /^[A-Z][A-Za-z ,.()'-]+\.$/.test(text.trim()),
  );
  if (index < 0) throw new Error(`no plain line in ${report.sourceFile}`);
  return { quote: lines[index]!.trim(), line: index + 1 };
}

/**
 * A few consecutive words of a report's title (else its slug) that no other report matches (the
 * server looks for each word in the title, slug, publisher and country, and a year in the dates,
 * so four-digit years are left out).
 */
export async function distinctiveWordsOf(
  server: WebAppServer,
  report: ReportSummary,
): Promise<string> {
  const others = (await server.api<ReportPage>('/api/v1/reports?pageSize=100')).items
    .filter((other) => other.id !== report.id)
    .map((other) =>
      [other.title, other.slug, other.publisher, other.country.name, other.country.code]
        .join(' ')
        .toLowerCase(),
    );
  const words = report.title
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((word) => word !== '' && !/^\d{4}$/.test(word));
  for (const size of [3, 4, 2, 1]) {
    for (let start = 0; start + size <= words.length; start += 1) {
      const part = words.slice(start, start + size);
      const matches = (text: string) => part.every((word) => text.includes(word.toLowerCase()));
      if (!others.some(matches)) return part.join(' ');
    }
  }
  // Titles of one election's reports can differ only in their kind's date: the slug names it.
  if (!others.some((text) => text.includes(report.slug))) return report.slug;
  throw new Error(`no distinctive words in ${report.title}`);
}

/**
 * Chooses `report` in the report combobox `id` as a user does: types words only its title has,
 * waits for the one option the server finds, and takes it with the keyboard.
 */
export async function chooseReport(
  page: Page,
  server: WebAppServer,
  id: string,
  report: ReportSummary,
): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.fill(await distinctiveWordsOf(server, report));
  const options = page.locator(`#${id}-list [role="option"]`);
  await expect.poll(() => options.allInnerTexts()).toEqual([expect.stringContaining(report.title)]);
  await input.press('ArrowDown');
  await input.press('Enter');
  await expect.poll(() => input.getAttribute('aria-expanded')).toBe('false');
}
