import { z } from 'zod';
import {
  assessmentBasisSchema,
  assessmentStatusSchema,
  confidenceLevelSchema,
  countryCodeSchema,
  currentStatusSchema,
  datePrecisionSchema,
  electionKindSchema,
  isoDateSchema,
  linkKindSchema,
  reportKindSchema,
  topicSlugSchema,
} from './primitives.js';

/**
 * Bodies of the editing API and the records it answers with. A create sends every required
 * field; an update sends the fields it changes and the `version` it was based on (or an
 * `If-Match` header); both may say why (`reason`), which goes into the history.
 */

const id = z.int().positive();
const lineNumber = z.int().positive().nullable();
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable();
const reasonShape = { reason: z.string().trim().max(1000).optional() };
const versionShape = {
  version: z
    .int()
    .positive()
    .optional()
    .describe('The version the change is based on; required unless an If-Match header is sent'),
};

const recordMeta = {
  id,
  version: z.int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

const electionFields = {
  countryCode: countryCodeSchema,
  kind: electionKindSchema,
  heldOn: isoDateSchema,
  heldOnPrecision: datePrecisionSchema.default('day'),
  secondRoundOn: isoDateSchema.nullable().default(null),
  early: z.boolean().default(false),
  note: optionalText(4000).default(null),
};
export const electionInputSchema = z
  .strictObject({ ...electionFields, ...reasonShape })
  .meta({ id: 'ElectionInput' });
export const electionPatchSchema = z
  .strictObject({ ...partial(electionFields), ...versionShape, ...reasonShape })
  .meta({ id: 'ElectionPatch' });
export const electionRecordSchema = z
  .object({ ...recordMeta, ...stripDefaults(electionFields) })
  .meta({ id: 'ElectionRecord' });

const reportFields = {
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens')
    .max(100),
  electionId: id,
  publisher: z.string().trim().min(1).max(300),
  kind: reportKindSchema,
  title: z.string().trim().min(1).max(1000),
  publishedOn: isoDateSchema,
  publishedOnPrecision: datePrecisionSchema.default('day'),
  /** Only a web address: a `javascript:` or `data:` link would run or show content on a click. */
  sourceUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
    .max(2000)
    .nullable()
    .default(null),
  sourceFile: optionalText(300).default(null),
  note: optionalText(4000).default(null),
};
export const reportInputSchema = z
  .strictObject({ ...reportFields, ...reasonShape })
  .meta({ id: 'ReportInput' });
export const reportPatchSchema = z
  .strictObject({ ...partial(reportFields), ...versionShape, ...reasonShape })
  .meta({ id: 'ReportPatch' });
export const reportRecordSchema = z
  .object({ ...recordMeta, ...stripDefaults(reportFields) })
  .meta({ id: 'ReportRecord' });

const recommendationFields = {
  reportId: id,
  number: z.string().trim().min(1).max(20),
  position: z.int().positive().optional(),
  priority: z.boolean().default(false),
  heading: optionalText(300).default(null),
  topic: topicSlugSchema.nullable().default(null),
  text: z
    .string()
    .trim()
    .min(1)
    .max(20_000)
    .nullable()
    .default(null)
    .describe('Verbatim text; null when known only by number'),
  sourceLineStart: lineNumber.default(null),
  sourceLineEnd: lineNumber.default(null),
  location: optionalText(500).default(null),
};
export const recommendationInputSchema = z
  .strictObject({ ...recommendationFields, ...reasonShape })
  .meta({ id: 'RecommendationInput' });
export const recommendationPatchSchema = z
  .strictObject({ ...partial(recommendationFields), ...versionShape, ...reasonShape })
  .meta({ id: 'RecommendationPatch' });
export const recommendationRecordSchema = z
  .object({
    ...recordMeta,
    ...stripDefaults(recommendationFields),
    position: z.int().positive(),
    currentStatus: currentStatusSchema,
  })
  .meta({ id: 'RecommendationRecord' });

const assessmentFields = {
  recommendationId: id,
  assessingReportId: id,
  status: assessmentStatusSchema,
  quote: z
    .string()
    .trim()
    .min(1)
    .max(20_000)
    .describe('Verbatim evidence from the assessing report'),
  sourceLineStart: lineNumber.default(null),
  sourceLineEnd: lineNumber.default(null),
  location: optionalText(500).default(null),
  basis: assessmentBasisSchema.default('explicit'),
  confidence: confidenceLevelSchema.nullable().default(null),
  note: optionalText(4000).default(null),
};
export const assessmentInputSchema = z
  .strictObject({ ...assessmentFields, ...reasonShape })
  .meta({ id: 'AssessmentInput' });
const { recommendationId: _one, ...sentenceFields } = assessmentFields;
export const assessmentBatchInputSchema = z
  .strictObject({
    ...sentenceFields,
    recommendationIds: z
      .array(id)
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a recommendation')
      .describe('The recommendations the sentence judges: one assessment each'),
    ...reasonShape,
  })
  .meta({ id: 'AssessmentBatchInput' });
export const assessmentPatchSchema = z
  .strictObject({ ...partial(assessmentFields), ...versionShape, ...reasonShape })
  .meta({ id: 'AssessmentPatch' });
export const assessmentRecordSchema = z
  .object({ ...recordMeta, ...stripDefaults(assessmentFields), recordedBy: id.nullable() })
  .meta({ id: 'AssessmentRecord' });

const linkFields = {
  laterRecommendationId: id,
  earlierRecommendationId: id,
  kind: linkKindSchema,
  confidence: confidenceLevelSchema.nullable().default(null),
  note: optionalText(4000).default(null),
};
export const linkInputSchema = z
  .strictObject({ ...linkFields, ...reasonShape })
  .meta({ id: 'LinkInput' });
export const linkPatchSchema = z
  .strictObject({ ...partial(linkFields), ...versionShape, ...reasonShape })
  .meta({ id: 'LinkPatch' });
export const linkRecordSchema = z
  .object({ ...recordMeta, ...stripDefaults(linkFields), createdBy: id.nullable() })
  .meta({ id: 'LinkRecord' });

export type ElectionInput = z.infer<typeof electionInputSchema>;
export type ReportInput = z.infer<typeof reportInputSchema>;
export type RecommendationInput = z.infer<typeof recommendationInputSchema>;
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;
export type AssessmentBatchInput = z.infer<typeof assessmentBatchInputSchema>;
export type LinkInput = z.infer<typeof linkInputSchema>;
export type RecommendationRecord = z.infer<typeof recommendationRecordSchema>;
export type AssessmentRecord = z.infer<typeof assessmentRecordSchema>;
export type ElectionRecord = z.infer<typeof electionRecordSchema>;
export type ReportRecord = z.infer<typeof reportRecordSchema>;
export type LinkRecord = z.infer<typeof linkRecordSchema>;
export type ElectionPatch = z.input<typeof electionPatchSchema>;
export type ReportPatch = z.input<typeof reportPatchSchema>;
export type RecommendationPatch = z.input<typeof recommendationPatchSchema>;
export type AssessmentPatch = z.input<typeof assessmentPatchSchema>;
export type LinkPatch = z.input<typeof linkPatchSchema>;

/** Every field optional and without its default: a patch changes only what it names. */
function partial<T extends z.ZodRawShape>(shape: T) {
  return Object.fromEntries(
    Object.entries(stripDefaults(shape)).map(([key, schema]) => [key, schema.optional()]),
  ) as { [K in keyof T]: z.ZodOptional<Unwrapped<T[K]>> };
}

type Unwrapped<S> = S extends z.ZodDefault<infer Inner> ? Inner : S;

/** The shape with `.default()` wrappers removed (records always carry every field). */
function stripDefaults<T extends z.ZodRawShape>(shape: T) {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [
      key,
      schema instanceof z.ZodDefault ? schema.unwrap() : schema,
    ]),
  ) as { [K in keyof T]: Unwrapped<T[K]> };
}
