import { loadDataset } from '@tracker/db';
import type { DatasetAssessment, DatasetRecommendation } from '@tracker/db';
import { UNADDRESSED_STATUSES } from '@tracker/shared';
import type { CurrentStatus, DatePrecision } from '@tracker/shared';

/**
 * What the API should answer about the seeded data set, worked out from the seed files themselves
 * (db/seed/kazakhstan) by the domain rules, independently of the SQL under test.
 */

export const dataset = loadDataset();

export type SeedReport = (typeof dataset.manifest.reports)[number];

export const reportsBySlug = new Map<string, SeedReport>(
  dataset.manifest.reports.map((report) => [report.slug, report]),
);

export function seedReport(slug: string): SeedReport {
  const report = reportsBySlug.get(slug);
  if (!report) throw new Error(`no report ${slug} in the seed`);
  return report;
}

/** `kz-2019-final#2`: how tests name a recommendation, whatever its database id. */
export function keyOf(item: { report: string | { slug: string }; number: string }): string {
  return `${typeof item.report === 'string' ? item.report : item.report.slug}#${item.number}`;
}

export const recommendations = dataset.recommendations;

/** The seed's recommendations in printed order: issuing report by date, then position. */
export const printedOrder = [...recommendations].sort((a, b) => {
  const ra = seedReport(a.report);
  const rb = seedReport(b.report);
  return (
    ra.publishedOn.localeCompare(rb.publishedOn) ||
    dataset.manifest.reports.indexOf(ra) - dataset.manifest.reports.indexOf(rb) ||
    a.position - b.position
  );
});

export function isThirdParty(slug: string): boolean {
  return seedReport(slug).kind === 'third_party';
}

export function assessmentsOf(item: DatasetRecommendation): DatasetAssessment[] {
  return dataset.assessments
    .filter((assessment) => keyOf(assessment.recommendation) === keyOf(item))
    .sort((a, b) =>
      seedReport(a.assessingReport).publishedOn.localeCompare(
        seedReport(b.assessingReport).publishedOn,
      ),
    );
}

/** The status given by the most recent ODIHR (not third-party) report, or not_assessed. */
export function expectedStatus(item: DatasetRecommendation): CurrentStatus {
  const official = assessmentsOf(item).filter((a) => !isThirdParty(a.assessingReport));
  return official.at(-1)?.status ?? 'not_assessed';
}

/** ODIHR's own: not issued by a third-party (civil-society) report. */
export function isOdihrIssued(item: DatasetRecommendation): boolean {
  return !isThirdParty(item.report);
}

/** The seed's ODIHR recommendations: the only ones ODIHR's unaddressed and status figures count. */
export const odihrRecommendations = recommendations.filter(isOdihrIssued);

/** Unaddressed in ODIHR's sense: an ODIHR recommendation not implemented or not assessed. */
export function isUnaddressed(item: DatasetRecommendation): boolean {
  return (
    isOdihrIssued(item) &&
    (UNADDRESSED_STATUSES as readonly string[]).includes(expectedStatus(item))
  );
}

/** The recommendations a lineage reaches from `item` in one direction, transitively, as keys. */
function lineageOf(item: DatasetRecommendation, from: 'later' | 'earlier'): string[] {
  const to = from === 'later' ? 'earlier' : 'later';
  const found = new Set<string>();
  const visit = (key: string) => {
    for (const link of dataset.links) {
      const next = keyOf(link[to]);
      if (keyOf(link[from]) === key && !found.has(next)) {
        found.add(next);
        visit(next);
      }
    }
  };
  visit(keyOf(item));
  return [...found];
}

/** Earlier recommendations of a lineage, transitively, as keys. */
export function ancestorsOf(item: DatasetRecommendation): string[] {
  return lineageOf(item, 'later');
}

/** Later recommendations of a lineage, transitively, as keys. */
export function descendantsOf(item: DatasetRecommendation): string[] {
  return lineageOf(item, 'earlier');
}

export function findRecommendation(key: string): DatasetRecommendation {
  const item = recommendations.find((candidate) => keyOf(candidate) === key);
  if (!item) throw new Error(`no recommendation ${key} in the seed`);
  return item;
}

/** When the issue was first raised: the earliest publication in the lineage, with its precision. */
export function expectedOpenSince(item: DatasetRecommendation): {
  date: string;
  precision: DatePrecision;
} {
  const reports = [item.report, ...ancestorsOf(item).map((key) => key.split('#')[0]!)].map(
    seedReport,
  );
  const earliest = reports.reduce((a, b) => (b.publishedOn < a.publishedOn ? b : a));
  return { date: earliest.publishedOn, precision: earliest.publishedOnPrecision };
}

/** Years between two ISO dates (365.25-day years), to one decimal, as the API computes them. */
export function yearsBetween(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return Math.round((Math.max(days, 0) / 365.25) * 10) / 10;
}

/** Today's date as the database sees it (UTC in tests). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
