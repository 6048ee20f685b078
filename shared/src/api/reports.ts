import { z } from 'zod';
import { REPORT_KINDS } from '../domain/vocabulary.js';
import { idSchema } from '../common.js';
import {
  MAX_FILTER_YEAR,
  MAX_REPORT_SEARCH_WORDS,
  MIN_FILTER_YEAR,
  searchWords,
} from '../domain/rules.js';
import { assessmentSchema } from './assessments.js';
import {
  countSchema,
  countryCodeSchema,
  idValueSchema,
  isoDateSchema,
  listParam,
  pageOf,
  paginationQueryShape,
  queryObject,
  reportKeySchema,
  searchTextSchema,
} from './primitives.js';
import { recommendationSummarySchema } from './recommendations.js';
import { countryRefSchema, electionRefSchema, reportRefSchema } from './reference.js';
import { recommendationSummaryExample, reportRefExample } from './examples.js';

const reportSummaryExample = {
  ...reportRefExample,
  sourceFile: '002_f9e03738dbfd80ab.txt',
  note: 'Dated ‘Warsaw, 4 October 2019’ (lines 18-19).',
  country: { code: 'KZ', name: 'Kazakhstan' },
  election: {
    id: 4,
    kind: 'presidential',
    heldOn: '2019-06-09',
    heldOnPrecision: 'day',
    early: true,
  },
  recommendationCount: 31,
  priorityCount: 11,
  assessmentCount: 15,
  hasSourceText: true,
} as const;

export const reportSummarySchema = reportRefSchema
  .extend({
    sourceFile: z.string().nullable().meta({
      description:
        'The text file the recommendations and quotes were taken from; line numbers refer to it.',
    }),
    note: z.string().nullable().meta({ description: 'Editorial note on the report’s metadata.' }),
    country: countryRefSchema,
    election: electionRefSchema,
    recommendationCount: countSchema.meta({ description: 'Recommendations it issued.' }),
    priorityCount: countSchema.meta({ description: 'Priority recommendations it issued.' }),
    assessmentCount: countSchema.meta({
      description: 'Assessments it made of earlier recommendations.',
    }),
    hasSourceText: z.boolean().meta({
      description:
        'Whether its text is stored (`GET /api/v1/reports/{id}/source`): quotes from it are then checked against their lines; without it they are accepted unchecked.',
    }),
  })
  .meta({
    id: 'ReportSummary',
    description: 'A report (publication) with the size of its contribution.',
    examples: [reportSummaryExample],
  });
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const reportListQuerySchema = queryObject({
  country: listParam(countryCodeSchema, 'ISO 3166-1 alpha-2 country codes.').optional(),
  election: listParam(idSchema, 'Election ids.').optional(),
  kind: listParam(z.enum(REPORT_KINDS), 'Report kinds.').optional(),
  year: listParam(
    z.coerce.number().int().min(MIN_FILTER_YEAR).max(MAX_FILTER_YEAR),
    'Years of publication, e.g. `2019`.',
  ).optional(),
  id: listParam(reportKeySchema, 'Only these reports, by id or slug.').optional(),
  publishedAfter: isoDateSchema
    .meta({
      description:
        'Only reports published after this day (the reports that may assess a recommendation of a report published that day).',
      examples: ['2019-10-04'],
    })
    .optional(),
  q: searchTextSchema
    .refine(
      (value) => searchWords(value).length <= MAX_REPORT_SEARCH_WORDS,
      `at most ${MAX_REPORT_SEARCH_WORDS} words`,
    )
    .meta({
      description:
        'Words to find, each (case-insensitively) in the title, slug or publisher, the country’s name or ISO code, or the year of publication or of the election: `kazakhstan 2019 final`. For a type-ahead: ask for a small `pageSize`.',
      examples: ['kazakhstan 2019'],
    })
    .optional(),
  ...paginationQueryShape,
});
export type ReportListQuery = z.infer<typeof reportListQuerySchema>;

export const reportPageSchema = pageOf(reportSummarySchema).meta({
  id: 'ReportPage',
  description: 'Reports, the most recently published first.',
});
export type ReportPage = z.infer<typeof reportPageSchema>;

export const reportParamsSchema = z.strictObject({ id: reportKeySchema });

export const reportDetailSchema = reportSummarySchema
  .extend({
    recommendations: z.array(recommendationSummarySchema).meta({
      description: 'The recommendations it issued, in the order printed.',
    }),
    assessmentsMade: z.array(assessmentSchema).meta({
      description:
        'Its assessments of earlier recommendations, by issuing report (oldest first) and number.',
    }),
  })
  .meta({
    id: 'ReportDetail',
    description:
      'A report with the recommendations it issued and the assessments it made of earlier ones.',
    examples: [
      {
        ...reportSummaryExample,
        recommendations: [recommendationSummaryExample],
        assessmentsMade: [],
      },
    ],
  });
export type ReportDetail = z.infer<typeof reportDetailSchema>;

export const reportSourceSchema = z
  .object({
    reportId: idValueSchema,
    slug: z.string(),
    title: z.string(),
    sourceUrl: z
      .string()
      .nullable()
      .meta({ description: 'The publisher’s page or PDF, if entered.' }),
    text: z.string().meta({
      description:
        'The report’s text as imported. Line numbers of recommendations, quotes and evidence refer to it: line n is the n-th line (from 1) split on line breaks.',
    }),
    lineCount: z.int().nonnegative(),
  })
  .meta({
    id: 'ReportSource',
    description:
      'The stored text of a report, which its recommendations and quotes were read from.',
  });
export type ReportSource = z.infer<typeof reportSourceSchema>;
