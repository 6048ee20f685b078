import { z } from 'zod';
import { RECOMMENDATION_SORTS, SORT_ORDERS } from '../domain/constants.js';
import {
  ASSESSMENT_BASES,
  CONFIDENCE_LEVELS,
  CURRENT_STATUSES,
  TOPIC_SLUGS,
} from '../domain/vocabulary.js';
import { MATCH_PLACES } from '../domain/constants.js';
import { idSchema } from '../common.js';
import { MAX_FILTER_YEAR, MIN_FILTER_YEAR } from '../domain/rules.js';
import type { RECOMMENDATION_FILTER_KEYS } from '../domain/recommendation-query.js';
import {
  assessmentBasisSchema,
  assessmentStatusSchema,
  booleanParam,
  confidenceLevelSchema,
  countryCodeSchema,
  currentStatusSchema,
  datePrecisionSchema,
  exportColumns,
  idValueSchema,
  isoDateSchema,
  linkKindSchema,
  listParam,
  pageOf,
  paginationQueryShape,
  queryObject,
  searchTextSchema,
  reportKeySchema,
  sourceLinesSchema,
} from './primitives.js';
import {
  countryRefSchema,
  electionRefSchema,
  reportRefSchema,
  topicRefSchema,
} from './reference.js';
import {
  recommendationRefExample,
  recommendationSummaryExample,
  timelineAssessmentExample,
} from './examples.js';

// Filters, sorting and pagination

const yearParam = (description: string) =>
  z.coerce
    .number()
    .int()
    .min(MIN_FILTER_YEAR)
    .max(MAX_FILTER_YEAR)
    .meta({ description, examples: [2019] });

/** The filters of a recommendation list; they combine (AND), values of one filter are ORed. */
export const recommendationFilterShape = {
  country: listParam(countryCodeSchema, 'ISO 3166-1 alpha-2 country codes, e.g. `KZ`.').optional(),
  election: listParam(idSchema, 'Election ids.').optional(),
  report: listParam(
    reportKeySchema,
    'Issuing reports, by id or slug (e.g. `kz-2019-final`).',
  ).optional(),
  yearFrom: yearParam('Issuing report published in this year or later.').optional(),
  yearTo: yearParam('Issuing report published in this year or earlier.').optional(),
  priority: booleanParam(
    '`true`: only priority recommendations; `false`: only the others.',
  ).optional(),
  topic: listParam(z.enum(TOPIC_SLUGS), 'Topic slugs (see `GET /api/v1/topics`).').optional(),
  status: listParam(z.enum(CURRENT_STATUSES), 'Current statuses.').optional(),
  unaddressed: booleanParam(
    '`true`: only unaddressed recommendations (current status `not_implemented` or `not_assessed`); `false`: only the others.',
  ).optional(),
  assessedBy: listParam(
    reportKeySchema,
    'Only recommendations assessed by these reports (id or slug), ODIHR or third-party. With `basis` or `confidence`, one and the same assessment must meet them all.',
  ).optional(),
  basis: listParam(
    z.enum(ASSESSMENT_BASES),
    'Only recommendations with an assessment of this basis (`explicit`: the report names it; `inferred`: an editor mapped a statement to it).',
  ).optional(),
  confidence: listParam(
    z.enum(CONFIDENCE_LEVELS),
    'Only recommendations with an (inferred) assessment of this confidence.',
  ).optional(),
  q: searchTextSchema
    .meta({
      description:
        'Full-text search in the text and heading, and in the quotes and notes of its assessments and third-party evidence (English stemming; web-search syntax: `"exact phrase"`, `or`, `-excluded`). Matches come with a highlighted `snippet`, say where they matched (`matchedIn`) and, when the evidence matched, give an `evidenceSnippet`.',
      examples: ['defamation'],
    })
    .optional(),
};

// The web app's list of filter parameters names exactly these (a compile-time check).
type FilterKeys = keyof typeof recommendationFilterShape;
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies SameKeys<FilterKeys, (typeof RECOMMENDATION_FILTER_KEYS)[number]>;

type FilterValues = {
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
};

function checkYearRange(value: FilterValues, ctx: z.RefinementCtx) {
  if (value.yearFrom !== undefined && value.yearTo !== undefined && value.yearFrom > value.yearTo) {
    ctx.addIssue({ code: 'custom', path: ['yearTo'], message: 'must not be before yearFrom' });
  }
}

export const recommendationFilterQuerySchema =
  queryObject(recommendationFilterShape).superRefine(checkYearRange);
export type RecommendationFilterQuery = z.infer<typeof recommendationFilterQuerySchema>;

const recommendationSortShape = {
  sort: z
    .enum(RECOMMENDATION_SORTS)
    .meta({
      description:
        '`number`: by issuing report (oldest first) and the order printed in it; `year`: by the issuing report’s publication date (newest first); `status`: in the order of the status scale, `fully_implemented` first; `yearsOpen`: longest open first; `relevance` (needs `q`, and is the default with it): best match first. Default: `relevance` with `q`, else `number`.',
    })
    .optional(),
  order: z
    .enum(SORT_ORDERS)
    .meta({ description: 'Overrides the sort’s default direction.' })
    .optional(),
};

function checkSortAndFilters(
  value: FilterValues & { sort?: string | undefined; q?: string | undefined },
  ctx: z.RefinementCtx,
) {
  checkYearRange(value, ctx);
  if (value.sort === 'relevance' && value.q === undefined) {
    ctx.addIssue({ code: 'custom', path: ['sort'], message: 'relevance needs a search (q)' });
  }
}

export const recommendationListQuerySchema = queryObject({
  ...recommendationFilterShape,
  ...recommendationSortShape,
  ...paginationQueryShape,
}).superRefine(checkSortAndFilters);
export type RecommendationListQuery = z.infer<typeof recommendationListQuerySchema>;
/** The query as a client writes it (before defaults and parsing), e.g. for building URLs. */
export type RecommendationListQueryInput = z.input<typeof recommendationListQuerySchema>;

/** The query of a recommendation export: the list's filters and sort, without paging. */
export const recommendationExportQuerySchema = queryObject({
  ...recommendationFilterShape,
  ...recommendationSortShape,
}).superRefine(checkSortAndFilters);
export type RecommendationExportQuery = z.infer<typeof recommendationExportQuerySchema>;

// Responses

export const snippetSegmentSchema = z
  .object({
    text: z.string(),
    match: z.boolean().meta({ description: 'True when the text matched the search.' }),
  })
  .meta({
    id: 'SnippetSegment',
    description:
      'A piece of a search snippet. Concatenated, the segments give the excerpt; render the `match` ones highlighted. Plain text, never HTML.',
    examples: [{ text: 'defamation', match: true }],
  });
export type SnippetSegment = z.infer<typeof snippetSegmentSchema>;

export const latestAssessmentSchema = z
  .object({
    id: idValueSchema,
    status: assessmentStatusSchema,
    report: reportRefSchema,
  })
  .meta({
    id: 'LatestAssessment',
    description: 'The assessment, by the most recent ODIHR report, that gives the current status.',
  });
export type LatestAssessment = z.infer<typeof latestAssessmentSchema>;

export const recommendationSummarySchema = z
  .object({
    id: idValueSchema,
    number: z.string().meta({ description: 'The number as printed in the report.' }),
    priority: z.boolean(),
    heading: z
      .string()
      .nullable()
      .meta({ description: 'The sub-heading it sits under in the report.' }),
    topic: topicRefSchema.nullable(),
    text: z.string().nullable().meta({
      description:
        'Verbatim text; null when the recommendation is known only by its number (see `textEntered`).',
    }),
    textEntered: z.boolean().meta({
      description:
        'False when the text is not in our sources: a later report cites the recommendation by number only.',
    }),
    location: z.string().nullable().meta({ description: 'Where it stands in the report.' }),
    country: countryRefSchema,
    report: reportRefSchema.meta({ description: 'The report that issued it.' }),
    currentStatus: currentStatusSchema,
    latestAssessment: latestAssessmentSchema.nullable(),
    openSince: isoDateSchema.meta({
      description:
        'Publication date of the earliest report in its lineage: when the issue was first raised.',
    }),
    openSincePrecision: datePrecisionSchema,
    closedOn: isoDateSchema.nullable().meta({
      description:
        'Publication date of the ODIHR report that found it fully implemented (null while open).',
    }),
    closedOnPrecision: datePrecisionSchema.nullable(),
    yearsOpen: z.number().nonnegative().meta({
      description: 'Years from `openSince` to `closedOn` or today, to one decimal.',
    }),
    snippet: z.array(snippetSegmentSchema).nullable().meta({
      description: 'With `q`: an excerpt with the matching words marked; otherwise null.',
    }),
    relevance: z
      .number()
      .nullable()
      .meta({ description: 'With `q`: the search rank (higher is better); otherwise null.' }),
    matchedIn: z.array(z.enum(MATCH_PLACES)).optional().meta({
      description:
        'With `q`: where the search matched: `text` (text or heading), `assessment_quote` / `assessment_note` (an ODIHR assessment’s quote or note), `evidence` (a third-party evidence passage or note).',
    }),
    evidenceSnippet: z
      .object({
        place: z.enum(MATCH_PLACES),
        report: reportRefSchema.meta({ description: 'The assessing report.' }),
        segments: z.array(snippetSegmentSchema),
      })
      .nullable()
      .optional()
      .meta({
        description:
          'With `q`, when an assessment or evidence passage matched: an excerpt of the first such passage (by the assessing report’s date), with the matching words marked.',
      }),
  })
  .meta({
    id: 'RecommendationSummary',
    description: 'A recommendation as listed: its text, source, current status and age.',
    examples: [recommendationSummaryExample],
  });
export type RecommendationSummary = z.infer<typeof recommendationSummarySchema>;

export const recommendationPageSchema = pageOf(recommendationSummarySchema).meta({
  id: 'RecommendationPage',
  description: 'One page of a filtered, sorted recommendation list.',
  examples: [
    { items: [recommendationSummaryExample], page: 1, pageSize: 25, total: 1, totalPages: 1 },
  ],
});
export type RecommendationPage = z.infer<typeof recommendationPageSchema>;

/** A recommendation referred to from elsewhere (lineage, assessments, the status matrix). */
export const recommendationRefSchema = z
  .object({
    id: idValueSchema,
    number: z.string(),
    priority: z.boolean(),
    topic: topicRefSchema.nullable(),
    text: z.string().nullable(),
    textEntered: z.boolean(),
    currentStatus: currentStatusSchema,
    report: reportRefSchema,
  })
  .meta({
    id: 'RecommendationRef',
    description: 'A recommendation, briefly.',
    examples: [recommendationRefExample],
  });
export type RecommendationRef = z.infer<typeof recommendationRefSchema>;

export const timelineAssessmentSchema = z
  .object({
    id: idValueSchema,
    status: assessmentStatusSchema,
    quote: z.string().meta({ description: 'The verbatim evidence from the assessing report.' }),
    location: z.string().nullable().meta({ description: 'Where the quote stands in the report.' }),
    sourceLines: sourceLinesSchema.nullable(),
    basis: assessmentBasisSchema,
    confidence: confidenceLevelSchema.nullable().meta({ description: 'For inferred assessments.' }),
    note: z
      .string()
      .nullable()
      .meta({ description: 'Why an inferred assessment was mapped here.' }),
    assessingReport: reportRefSchema,
  })
  .meta({
    id: 'TimelineAssessment',
    description: 'One later report’s judgement of the recommendation, with its evidence.',
    examples: [timelineAssessmentExample],
  });
export type TimelineAssessment = z.infer<typeof timelineAssessmentSchema>;

export const lineageLinkSchema = z
  .object({
    id: idValueSchema.meta({ description: 'The link’s id.' }),
    kind: linkKindSchema,
    confidence: confidenceLevelSchema.nullable(),
    note: z.string().nullable(),
    depth: z.int().positive().meta({
      description: '1 for a direct link, 2 for a link of a linked recommendation, and so on.',
    }),
    via: idValueSchema.meta({
      description:
        'The recommendation on the near side of this link: this recommendation itself at depth 1.',
    }),
    recommendation: recommendationRefSchema.meta({
      description: 'The recommendation on the far side of the link.',
    }),
  })
  .meta({
    id: 'LineageLink',
    description:
      'A lineage link: a later recommendation that repeats or continues an earlier one. Followed transitively.',
    examples: [
      {
        id: 1,
        kind: 'repeats',
        confidence: 'high',
        note: 'Almost word for word; 2019 adds “at all levels”.',
        depth: 1,
        via: 26,
        recommendation: {
          ...recommendationRefExample,
          id: 2,
          number: '2',
          priority: false,
          topic: { slug: 'election-administration', name: 'Election administration' },
          text: 'The law should be amended to guarantee an inclusive and broad representation of political parties on election commissions.',
          currentStatus: 'not_assessed',
          report: {
            ...recommendationRefExample.report,
            id: 1,
            slug: 'kz-2004-final',
            title:
              'Republic of Kazakhstan, Parliamentary Elections, 19 September and 3 October 2004: OSCE/ODIHR Election Observation Mission Report',
            publisher: 'OSCE/ODIHR',
            publishedOn: '2004-12-15',
          },
        },
      },
    ],
  });
export type LineageLink = z.infer<typeof lineageLinkSchema>;

export const recommendationDetailSchema = recommendationSummarySchema
  .extend({
    sourceLines: sourceLinesSchema.nullable(),
    election: electionRefSchema.meta({ description: 'The election of the issuing report.' }),
    assessments: z.array(timelineAssessmentSchema).meta({
      description: 'Assessments by ODIHR reports, oldest first: the status timeline.',
    }),
    thirdPartyEvidence: z.array(timelineAssessmentSchema).meta({
      description: 'Assessments by third-party reports, oldest first. Never the official status.',
    }),
    lineage: z
      .object({
        earlier: z.array(lineageLinkSchema).meta({
          description: 'Earlier recommendations this one repeats or continues, nearest first.',
        }),
        later: z.array(lineageLinkSchema).meta({
          description: 'Later recommendations that repeat or continue this one, nearest first.',
        }),
      })
      .meta({ description: 'Lineage in both directions.' }),
  })
  .meta({
    id: 'RecommendationDetail',
    description:
      'A recommendation with its source, status timeline, third-party evidence and lineage.',
    examples: [
      {
        ...recommendationSummaryExample,
        sourceLines: { start: 575, end: 575 },
        election: {
          id: 4,
          kind: 'presidential',
          heldOn: '2019-06-09',
          heldOnPrecision: 'day',
          early: true,
        },
        assessments: [],
        thirdPartyEvidence: [],
        lineage: { earlier: [], later: [] },
      },
    ],
  });
export type RecommendationDetail = z.infer<typeof recommendationDetailSchema>;

// Exports

/** One row of an export: flat, the same fields in CSV (as columns, in this order) and JSON. */
export const recommendationExportRowSchema = z
  .object({
    id: idValueSchema,
    url: z.url().meta({ description: 'The recommendation’s page on this site (absolute).' }),
    countryCode: z.string(),
    country: z.string(),
    issuedBy: z.string().meta({
      description:
        'Whose recommendation it is: the issuing report’s publisher (`OSCE/ODIHR`, or the third-party organisation).',
    }),
    report: z.string().meta({ description: 'Slug of the issuing report.' }),
    reportTitle: z.string(),
    reportPublishedOn: isoDateSchema,
    reportPublishedOnPrecision: datePrecisionSchema,
    number: z.string(),
    priority: z.boolean(),
    heading: z.string().nullable(),
    topic: z.string().nullable().meta({ description: 'Topic slug.' }),
    topicName: z.string().nullable().meta({ description: 'The topic’s name.' }),
    currentStatus: currentStatusSchema,
    latestAssessingReport: z
      .string()
      .nullable()
      .meta({ description: 'Slug of the ODIHR report that gave the current status.' }),
    latestAssessedOn: isoDateSchema.nullable(),
    openSince: isoDateSchema.meta({
      description:
        'First raised: the date of the earliest report to make this recommendation (following the lineage of repeated and continued recommendations).',
    }),
    openSincePrecision: datePrecisionSchema,
    closedOn: isoDateSchema.nullable(),
    yearsOpen: z.number().nonnegative(),
    textEntered: z.boolean(),
    text: z.string().nullable(),
    location: z.string().nullable(),
    sourceLines: z.string().nullable().meta({
      description: 'Lines of the report’s source text file, e.g. `575-575`.',
    }),
  })
  .meta({
    id: 'RecommendationExportRow',
    description: 'A recommendation as exported (CSV row or JSON object).',
    examples: [
      {
        id: 26,
        url: 'https://tracker.example.org/recommendations/26',
        countryCode: 'KZ',
        country: 'Kazakhstan',
        issuedBy: 'ODIHR',
        report: 'kz-2019-final',
        reportTitle:
          'Republic of Kazakhstan, Early Presidential Election, 9 June 2019: ODIHR Election Observation Mission Final Report',
        reportPublishedOn: '2019-10-04',
        reportPublishedOnPrecision: 'day',
        number: '1',
        priority: true,
        heading: null,
        topic: 'fundamental-freedoms',
        topicName: 'Fundamental freedoms',
        currentStatus: 'not_implemented',
        latestAssessingReport: 'kz-2023-psfc',
        latestAssessedOn: '2023-03-20',
        openSince: '2019-10-04',
        openSincePrecision: 'day',
        closedOn: null,
        yearsOpen: 6.1,
        textEntered: true,
        text: 'Restrictions in the legislation related to constitutionally guaranteed fundamental rights and freedoms should be lifted.',
        location: 'D. Priority recommendations › recommendation 1',
        sourceLines: '575-575',
      },
    ],
  });
export type RecommendationExportRow = z.infer<typeof recommendationExportRowSchema>;

/** The export columns, in order: the CSV header row. */
export const RECOMMENDATION_EXPORT_COLUMNS = exportColumns(recommendationExportRowSchema);

/** A JSON export: every matching row. */
export const recommendationExportSchema = z.array(recommendationExportRowSchema).meta({
  id: 'RecommendationExport',
  description: 'Every recommendation matching the filters, in the chosen sort.',
});
export type RecommendationExport = z.infer<typeof recommendationExportSchema>;

/** A CSV export, as documented (the body is text/csv). */
export const recommendationCsvSchema = z.string().meta({
  description:
    'UTF-8 with a byte-order mark, CRLF line ends; a header row of the `RecommendationExportRow` field names, then one row per recommendation.',
  examples: [
    '"id","countryCode","country","report",…\r\n26,"KZ","Kazakhstan","kz-2019-final",…\r\n',
  ],
});
