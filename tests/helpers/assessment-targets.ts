import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_SOURCES_DIR } from '@tracker/db';
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
