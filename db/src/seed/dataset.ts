import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  ASSESSMENT_BASES,
  ASSESSMENT_STATUSES,
  CONFIDENCE_LEVELS,
  DATE_PRECISIONS,
  ELECTION_KINDS,
  LINK_KINDS,
  REPORT_KINDS,
  TOPIC_SLUGS,
} from '@tracker/shared';
import type { TopicSlug } from '@tracker/shared';

/** The Kazakhstan 2004-2023 data set, committed as reviewable JSON next to its source texts. */
export const KAZAKHSTAN_DATASET_DIR = fileURLToPath(
  new URL('../../seed/kazakhstan', import.meta.url),
);
export const SEED_SOURCES_DIR = fileURLToPath(new URL('../../seed/sources', import.meta.url));

const isoDate = z.iso.date();
const lineNumber = z.number().int().positive();

const recommendationRef = z.strictObject({ report: z.string(), number: z.string().min(1) });
export type RecommendationRef = z.infer<typeof recommendationRef>;

const manifestSchema = z.strictObject({
  format: z.literal(1),
  name: z.string(),
  description: z.string(),
  country: z.strictObject({ code: z.string().regex(/^[A-Z]{2}$/), name: z.string() }),
  elections: z.array(
    z.strictObject({
      key: z.string(),
      kind: z.enum(ELECTION_KINDS),
      heldOn: isoDate,
      heldOnPrecision: z.enum(DATE_PRECISIONS),
      secondRoundOn: isoDate.nullable(),
      early: z.boolean(),
      note: z.string().nullable(),
    }),
  ),
  reports: z.array(
    z.strictObject({
      slug: z.string(),
      election: z.string(),
      publisher: z.string(),
      kind: z.enum(REPORT_KINDS),
      title: z.string(),
      publishedOn: isoDate,
      publishedOnPrecision: z.enum(DATE_PRECISIONS),
      sourceUrl: z.url().nullable(),
      sourceFile: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  /** Report slug -> the importer's reviewed output for it. */
  recommendationFiles: z.record(z.string(), z.string()),
  /** Recommendations known only by number (cited by a later report; text not in the sources). */
  citedRecommendations: z.record(z.string(), z.array(z.string())),
});

/** The importer's output (server/src/importer), reviewed and committed. */
const importedRecommendationsSchema = z.object({
  recommendations: z.array(
    z.object({
      number: z.string(),
      priority: z.boolean(),
      heading: z.string().nullable(),
      section: z.string().nullable(),
      text: z.string(),
      lineStart: lineNumber,
      lineEnd: lineNumber,
    }),
  ),
});

const topicsSchema = z.record(z.string(), z.record(z.string(), z.enum(TOPIC_SLUGS)));

const assessmentsSchema = z.array(
  z.strictObject({
    recommendation: recommendationRef,
    assessingReport: z.string(),
    status: z.enum(ASSESSMENT_STATUSES),
    quote: z.string().min(1),
    lineStart: lineNumber,
    lineEnd: lineNumber,
    location: z.string(),
    basis: z.enum(ASSESSMENT_BASES),
    confidence: z.enum(CONFIDENCE_LEVELS).nullable(),
    note: z.string().nullable(),
  }),
);

const linksSchema = z.array(
  z.strictObject({
    later: recommendationRef,
    earlier: recommendationRef,
    kind: z.enum(LINK_KINDS),
    confidence: z.enum(CONFIDENCE_LEVELS),
    note: z.string().min(1),
  }),
);

export type DatasetManifest = z.infer<typeof manifestSchema>;
export type DatasetAssessment = z.infer<typeof assessmentsSchema>[number];
export type DatasetLink = z.infer<typeof linksSchema>[number];

export interface DatasetRecommendation {
  report: string;
  number: string;
  position: number;
  priority: boolean;
  heading: string | null;
  topic: TopicSlug | null;
  /** null: known only by number (text not entered). */
  text: string | null;
  lineStart: number | null;
  lineEnd: number | null;
  location: string;
}

export interface Dataset {
  manifest: DatasetManifest;
  recommendations: DatasetRecommendation[];
  assessments: DatasetAssessment[];
  links: DatasetLink[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Where a recommendation stands, for readers: its lettered section as printed ("E. OTHER
 * RECOMMENDATIONS"), then its sub-heading when that says more than the section ("Media").
 */
function locationOf(section: string | null, heading: string | null, number: string): string {
  const sectionTitle = section?.replace(/^[A-Z]\.\s*/, '').toLowerCase();
  const parts = [section, heading?.toLowerCase() === sectionTitle ? null : heading];
  return [...parts.filter(Boolean), `recommendation ${number}`].join(' › ');
}

/**
 * Reads and validates a data set folder, resolving every cross-reference (a topic for each
 * recommendation, assessments and links pointing at known recommendations and reports). Any
 * inconsistency is an error here, before anything is written.
 */
export function loadDataset(dir: string = KAZAKHSTAN_DATASET_DIR): Dataset {
  const manifest = manifestSchema.parse(readJson(join(dir, 'dataset.json')));
  const topics = topicsSchema.parse(readJson(join(dir, 'topics.json')));
  const assessments = assessmentsSchema.parse(readJson(join(dir, 'assessments.json')));
  const links = linksSchema.parse(readJson(join(dir, 'links.json')));
  const reportSlugs = new Set(manifest.reports.map((report) => report.slug));
  const electionKeys = new Set(manifest.elections.map((election) => election.key));
  const problems: string[] = [];

  for (const report of manifest.reports) {
    if (!electionKeys.has(report.election)) {
      problems.push(`report ${report.slug}: unknown election ${report.election}`);
    }
  }

  const recommendations: DatasetRecommendation[] = [];
  for (const [report, file] of Object.entries(manifest.recommendationFiles)) {
    if (!reportSlugs.has(report)) problems.push(`recommendation file for unknown report ${report}`);
    const imported = importedRecommendationsSchema.parse(readJson(join(dir, file)));
    imported.recommendations.forEach((item, index) => {
      const topic = topics[report]?.[item.number];
      if (!topic) problems.push(`${report} ${item.number}: no topic in topics.json`);
      recommendations.push({
        report,
        number: item.number,
        position: index + 1,
        priority: item.priority,
        heading: item.heading,
        topic: topic ?? null,
        text: item.text,
        lineStart: item.lineStart,
        lineEnd: item.lineEnd,
        location: locationOf(item.section, item.heading, item.number),
      });
    });
  }
  for (const [report, numbers] of Object.entries(manifest.citedRecommendations)) {
    if (!reportSlugs.has(report))
      problems.push(`cited recommendations of unknown report ${report}`);
    for (const number of numbers) {
      recommendations.push({
        report,
        number,
        position: Number.parseInt(number, 10),
        priority: false,
        heading: null,
        topic: null,
        text: null,
        lineStart: null,
        lineEnd: null,
        location: `recommendation ${number} (cited by number only)`,
      });
    }
  }

  const known = new Set(recommendations.map((item) => `${item.report}#${item.number}`));
  const checkRef = (ref: RecommendationRef, context: string) => {
    if (!known.has(`${ref.report}#${ref.number}`)) {
      problems.push(`${context}: unknown recommendation ${ref.report} ${ref.number}`);
    }
  };
  for (const assessment of assessments) {
    const context = `assessment of ${assessment.recommendation.report} ${assessment.recommendation.number} by ${assessment.assessingReport}`;
    checkRef(assessment.recommendation, context);
    if (!reportSlugs.has(assessment.assessingReport)) problems.push(`${context}: unknown report`);
  }
  for (const link of links) {
    checkRef(link.later, 'link');
    checkRef(link.earlier, 'link');
  }
  if (problems.length > 0) {
    throw new Error(`The data set in ${dir} is inconsistent:\n  ${problems.join('\n  ')}`);
  }
  return { manifest, recommendations, assessments, links };
}

export function sourcePath(file: string): string {
  return join(SEED_SOURCES_DIR, file);
}
