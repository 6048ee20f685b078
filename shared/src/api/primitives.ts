import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../domain/constants.js';
import {
  COUNTRY_CODE_PATTERN,
  MAX_LIST_VALUES,
  MAX_PAGE,
  MAX_SEARCH_LENGTH,
  MAX_SLUG_LENGTH,
  SLUG_PATTERN,
  hasNoControlCharacters,
  splitListValues as splitValues,
} from '../domain/rules.js';
import {
  ASSESSMENT_BASES,
  ASSESSMENT_STATUSES,
  CONFIDENCE_LEVELS,
  CURRENT_STATUSES,
  DATE_PRECISIONS,
  ELECTION_KINDS,
  HISTORY_ACTIONS,
  LINK_KINDS,
  REPORT_KINDS,
  TOPIC_SLUGS,
} from '../domain/vocabulary.js';

/**
 * Building blocks of the public API schemas (`/api/v1`): enumerations as named components,
 * dates with their precision, query-parameter parsing and pagination.
 */

export const currentStatusSchema = z.enum(CURRENT_STATUSES).meta({
  id: 'CurrentStatus',
  description:
    'Implementation status given by the most recent ODIHR report that assessed the recommendation; `not_assessed` when no ODIHR report has assessed it yet. Third-party reports never set it.',
  examples: ['not_implemented'],
});

export const assessmentStatusSchema = z.enum(ASSESSMENT_STATUSES).meta({
  id: 'AssessmentStatus',
  description: 'A report’s judgement of a recommendation, following ODIHR’s own wording.',
  examples: ['partially_implemented'],
});

export const reportKindSchema = z.enum(REPORT_KINDS).meta({
  id: 'ReportKind',
  description:
    'Kind of publication; `third_party` reports (civil-society briefings) are evidence, never the official status.',
  examples: ['final_report'],
});

export const electionKindSchema = z.enum(ELECTION_KINDS).meta({
  id: 'ElectionKind',
  examples: ['parliamentary'],
});

export const datePrecisionSchema = z.enum(DATE_PRECISIONS).meta({
  id: 'DatePrecision',
  description:
    'How much of the date next to it is known. `year`: only the year (the date is 1 January: show "2016"); `month`: month and year (the date is the first of the month); `day`: the full date.',
  examples: ['day'],
});

export const assessmentBasisSchema = z.enum(ASSESSMENT_BASES).meta({
  id: 'AssessmentBasis',
  description:
    '`explicit`: the report names the recommendation or its exact subject; `inferred`: an editor mapped a thematic statement of the report to it (see `confidence` and `note`).',
  examples: ['explicit'],
});

export const confidenceLevelSchema = z.enum(CONFIDENCE_LEVELS).meta({
  id: 'ConfidenceLevel',
  examples: ['high'],
});

export const linkKindSchema = z.enum(LINK_KINDS).meta({
  id: 'LinkKind',
  description:
    '`repeats`: the later recommendation asks the same thing; `continues`: same issue, a different ask.',
  examples: ['repeats'],
});

export const topicSlugSchema = z.enum(TOPIC_SLUGS).meta({
  id: 'TopicSlug',
  description: 'A topic of the fixed taxonomy (see `GET /api/v1/topics`).',
  examples: ['media'],
});

export const historyActionSchema = z.enum(HISTORY_ACTIONS);

/** An ISO 8601 calendar date (`2019-10-04`); its precision is given by a sibling field. */
export const isoDateSchema = z.iso.date();

/** An ISO 8601 timestamp in UTC (`2024-05-01T10:15:00.000Z`). */
export const isoDateTimeSchema = z.iso.datetime();

/** Positive integer ids in responses. */
export const idValueSchema = z.int().positive();

/** A person named in an answer: who made, proposed or decided a change. */
export const personRefSchema = z.object({ id: idValueSchema, displayName: z.string() });

/** Counts in responses. */
export const countSchema = z.int().nonnegative();

/** Lines of the source text file the text or quote was taken from (see the report's `sourceFile`). */
export const sourceLinesSchema = z
  .object({ start: z.int().positive(), end: z.int().positive() })
  .meta({
    id: 'SourceLines',
    description: 'First and last line, in the report’s source text file, of the quoted passage.',
    examples: [{ start: 575, end: 575 }],
  });
export type SourceLines = z.infer<typeof sourceLinesSchema>;

/** ISO 3166-1 alpha-2 country code; lower case is accepted in requests. */
export const countryCodeSchema = z
  .string()
  .toUpperCase()
  .regex(COUNTRY_CODE_PATTERN, 'must be an ISO 3166-1 alpha-2 country code such as KZ');

/** A report slug such as `kz-2019-final`. */
export const reportSlugSchema = z
  .string()
  .max(MAX_SLUG_LENGTH)
  .regex(SLUG_PATTERN, 'must be a report slug such as kz-2019-final');

/**
 * A report named by its numeric id or its slug: `12` or `kz-2019-final`. An all-digit value is an
 * id (slugs of that form are not addressable by slug).
 */
export const reportKeySchema = z
  .string()
  .max(MAX_SLUG_LENGTH)
  .regex(SLUG_PATTERN, 'must be a report id (12) or slug (kz-2019-final)')
  .meta({
    description: 'A report id (`12`) or slug (`kz-2019-final`).',
    examples: ['kz-2019-final'],
  });
export type ReportKey = z.infer<typeof reportKeySchema>;

/** Text typed into a search (`q`): trimmed, not empty, bounded, without control characters. */
export const searchTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_SEARCH_LENGTH)
  .refine(hasNoControlCharacters, 'must not contain control characters');

/** Repeated parameters arrive as an array, single ones as a string; commas separate values too. */
function splitListValues(value: unknown): unknown {
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((item) => typeof item === 'string')) return value;
  return splitValues(values);
}

/**
 * A multi-valued query parameter: `status=a&status=b` or `status=a,b`. Its items are validated
 * one by one, so a bad value is reported with its position.
 */
export function listParam<T extends z.ZodType>(item: T, description: string) {
  return z
    .preprocess(splitListValues, z.array(item).min(1).max(MAX_LIST_VALUES))
    .meta({ description: `${description} Repeat the parameter or separate values by commas.` });
}

/** A boolean query parameter: exactly `true` or `false`. */
export function booleanParam(description: string) {
  return z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .meta({ description });
}

/** `page` (from 1) and `pageSize` (1-100, default 25), for every paginated list. */
export const paginationQueryShape = {
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE)
    .default(1)
    .meta({ description: 'Page number, from 1.', examples: [1] }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({
      description: `Items per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
      examples: [DEFAULT_PAGE_SIZE],
    }),
};

/** The pagination fields of every page of results. */
export const pageInfoShape = {
  page: z.int().positive().meta({ description: 'This page’s number, from 1.' }),
  pageSize: z.int().positive().meta({ description: 'The requested page size.' }),
  total: countSchema.meta({ description: 'Items matching the filters, over all pages.' }),
  totalPages: countSchema.meta({
    description: 'Number of pages (0 when nothing matches). A page past the last is empty.',
  }),
};

/** A page of results: its items, any `extra` fields, then the pagination fields. */
export function pageOf<Item extends z.ZodType, Extra extends z.ZodRawShape = Record<never, never>>(
  item: Item,
  extra?: Extra,
) {
  return z.object({ items: z.array(item), ...(extra as Extra), ...pageInfoShape });
}

/** An export's columns, in order (the CSV header row): the fields of its row schema. */
export function exportColumns<Row extends z.ZodObject>(row: Row): (keyof z.infer<Row>)[] {
  return Object.keys(row.shape) as (keyof z.infer<Row>)[];
}

/**
 * A strict query-string object: an unknown parameter is a 400 that names it and lists the ones
 * the endpoint knows, so a typo never silently drops a filter.
 */
export function queryObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown query parameter(s): ${issue.keys.join(', ')}. This endpoint accepts: ${known}.`
        : undefined,
  });
}

/** The query string of routes that take no parameters: any parameter is refused. */
export const noQuerySchema = queryObject({});

/** A 304 Not Modified answer: no body. */
export const notModifiedSchema = z.null().meta({
  description:
    'Not modified: the `If-None-Match` header named the current `ETag`. No body; the cached representation is still valid.',
});
