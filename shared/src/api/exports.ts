import { z } from 'zod';
import { LINK_KINDS } from '../domain/vocabulary.js';
import {
  assessmentBasisSchema,
  assessmentStatusSchema,
  confidenceLevelSchema,
  countryCodeSchema,
  exportColumns,
  idValueSchema,
  isoDateSchema,
  linkKindSchema,
  listParam,
  queryObject,
  reportKeySchema,
} from './primitives.js';
import { assessmentFilterShape } from './assessments.js';

// Exports of the tables besides recommendations (whose export row lives with them).

export const assessmentExportQuerySchema = queryObject(assessmentFilterShape);
export type AssessmentExportQuery = z.infer<typeof assessmentExportQuerySchema>;

/** One assessment as exported: flat, with the recommendation assessed and the assessing report. */
export const assessmentExportRowSchema = z
  .object({
    id: idValueSchema,
    recommendationId: idValueSchema,
    recommendationUrl: z.url().meta({ description: 'The recommendation’s page on this site.' }),
    countryCode: z.string(),
    recommendationReport: z.string().meta({ description: 'Slug of the issuing report.' }),
    recommendationNumber: z.string(),
    assessingReport: z.string().meta({ description: 'Slug of the assessing report.' }),
    assessingReportTitle: z.string(),
    assessingReportPublisher: z.string(),
    assessingReportPublishedOn: isoDateSchema,
    thirdParty: z.boolean().meta({
      description: '`true`: third-party evidence (a report not by ODIHR), never official status.',
    }),
    status: assessmentStatusSchema,
    basis: assessmentBasisSchema,
    confidence: confidenceLevelSchema.nullable(),
    quote: z.string(),
    location: z.string().nullable(),
    sourceLines: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({
    id: 'AssessmentExportRow',
    description: 'An assessment as exported (CSV row, JSON object or XLSX row).',
  });
export type AssessmentExportRow = z.infer<typeof assessmentExportRowSchema>;

export const ASSESSMENT_EXPORT_COLUMNS = exportColumns(assessmentExportRowSchema);

export const assessmentExportSchema = z.array(assessmentExportRowSchema).meta({
  id: 'AssessmentExport',
  description:
    'Every assessment matching the filters, the most recent assessing report first (as the list).',
});

export const linkExportQuerySchema = queryObject({
  country: listParam(
    countryCodeSchema,
    'Only links between recommendations of these countries.',
  ).optional(),
  report: listParam(
    reportKeySchema,
    'Only links with a recommendation of one of these reports, by id or slug.',
  ).optional(),
  kind: listParam(z.enum(LINK_KINDS), 'Link kinds.').optional(),
});
export type LinkExportQuery = z.infer<typeof linkExportQuerySchema>;

/** One lineage link as exported: the later recommendation repeats or continues the earlier. */
export const linkExportRowSchema = z
  .object({
    id: idValueSchema,
    kind: linkKindSchema,
    laterRecommendationId: idValueSchema,
    laterReport: z.string(),
    laterNumber: z.string(),
    earlierRecommendationId: idValueSchema,
    earlierReport: z.string(),
    earlierNumber: z.string(),
    countryCode: z.string(),
    confidence: confidenceLevelSchema.nullable(),
    note: z.string().nullable(),
  })
  .meta({
    id: 'LinkExportRow',
    description: 'A lineage link as exported (CSV row, JSON object or XLSX row).',
  });
export type LinkExportRow = z.infer<typeof linkExportRowSchema>;

export const LINK_EXPORT_COLUMNS = exportColumns(linkExportRowSchema);

export const linkExportSchema = z.array(linkExportRowSchema).meta({
  id: 'LinkExport',
  description: 'Every lineage link matching the filters, in id order.',
});

/** A CSV export, as documented (the body is text/csv). */
export const csvExportSchema = z.string().meta({
  description:
    'UTF-8 with a byte-order mark, CRLF line ends; a header row of the row schema’s field names, then one row per record.',
});

/** An XLSX export, as documented (the body is a workbook). */
export const xlsxExportSchema = z.string().meta({
  format: 'binary',
  description:
    'An Excel workbook (Office Open XML) of one sheet: a header row, then one row per record.',
});
