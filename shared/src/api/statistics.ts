import { z } from 'zod';
import { CURRENT_STATUSES, TOPIC_SLUGS } from '../domain/vocabulary.js';
import type { CurrentStatus } from '../domain/vocabulary.js';
import {
  assessmentStatusSchema,
  booleanParam,
  countSchema,
  countryCodeSchema,
  idValueSchema,
  listParam,
  queryObject,
  reportKeySchema,
} from './primitives.js';
import { recommendationFilterShape, recommendationRefSchema } from './recommendations.js';
import { countryRefSchema, reportRefSchema, topicRefSchema } from './reference.js';
import { statisticsExample, statusMatrixExample } from './examples.js';

export const statusCountsSchema = z
  .object(
    Object.fromEntries(CURRENT_STATUSES.map((status) => [status, countSchema])) as Record<
      CurrentStatus,
      typeof countSchema
    >,
  )
  .meta({
    id: 'StatusCounts',
    description: 'Number of recommendations per current status (every status is present).',
    examples: [
      {
        fully_implemented: 0,
        mostly_implemented: 2,
        partially_implemented: 19,
        not_implemented: 21,
        no_longer_applicable: 0,
        not_assessed: 33,
      },
    ],
  });
export type StatusCounts = z.infer<typeof statusCountsSchema>;

const tallyShape = {
  total: countSchema,
  unaddressed: countSchema.meta({
    description: 'Current status `not_implemented` or `not_assessed`.',
  }),
  byStatus: statusCountsSchema,
};

export const statusTallySchema = z.object(tallyShape).meta({
  id: 'StatusTally',
  description: 'How many recommendations, how many unaddressed, and how many per status.',
});
export type StatusTally = z.infer<typeof statusTallySchema>;

export const statisticsQuerySchema = queryObject({
  country: recommendationFilterShape.country,
  election: recommendationFilterShape.election,
  report: recommendationFilterShape.report,
  yearFrom: recommendationFilterShape.yearFrom,
  yearTo: recommendationFilterShape.yearTo,
}).superRefine((value, ctx) => {
  if (value.yearFrom !== undefined && value.yearTo !== undefined && value.yearFrom > value.yearTo) {
    ctx.addIssue({ code: 'custom', path: ['yearTo'], message: 'must not be before yearFrom' });
  }
});
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>;

export const statisticsSchema = z
  .object({
    overall: statusTallySchema,
    priority: statusTallySchema.meta({
      description: 'Priority recommendations only; `unaddressed` answers the home page question.',
    }),
    byTopic: z.array(z.object({ topic: topicRefSchema.nullable(), ...tallyShape })).meta({
      description:
        'Per topic, in the taxonomy’s order; topics without recommendations are left out, and recommendations without a topic come last (topic null).',
    }),
    byReport: z
      .array(
        z.object({
          report: reportRefSchema,
          priority: countSchema.meta({ description: 'Priority recommendations among them.' }),
          ...tallyShape,
        }),
      )
      .meta({
        description: 'Per issuing report, oldest first; reports that issued none are left out.',
      }),
  })
  .meta({
    id: 'Statistics',
    description: 'Counts of recommendations by current status, for the home page.',
    examples: [statisticsExample],
  });
export type Statistics = z.infer<typeof statisticsSchema>;

export const statusMatrixQuerySchema = queryObject({
  country: countryCodeSchema.meta({
    description: 'ISO 3166-1 alpha-2 code of the country (required: a matrix is per country).',
    examples: ['KZ'],
  }),
  priority: booleanParam(
    '`true`: only priority recommendations; `false`: only the others.',
  ).optional(),
  report: listParam(reportKeySchema, 'Only rows issued by these reports (id or slug).').optional(),
  topic: listParam(z.enum(TOPIC_SLUGS), 'Only rows on these topics.').optional(),
});
export type StatusMatrixQuery = z.infer<typeof statusMatrixQuerySchema>;

export const matrixCellSchema = z
  .object({ status: assessmentStatusSchema, assessmentId: idValueSchema })
  .meta({
    id: 'MatrixCell',
    description: 'The judgement one report made of one recommendation.',
    examples: [{ status: 'partially_implemented', assessmentId: 3 }],
  });
export type MatrixCell = z.infer<typeof matrixCellSchema>;

export const statusMatrixSchema = z
  .object({
    country: countryRefSchema,
    columns: z.array(reportRefSchema).meta({
      description:
        'The reports (ODIHR and third-party: see `thirdParty`) that assessed at least one of the rows, oldest first.',
    }),
    rows: z
      .array(
        z.object({
          recommendation: recommendationRefSchema,
          cells: z.array(matrixCellSchema.nullable()).meta({
            description:
              'One per column, in the same order; null where that report did not assess it.',
          }),
        }),
      )
      .meta({ description: 'Recommendations by issuing report (oldest first) and printed order.' }),
  })
  .meta({
    id: 'StatusMatrix',
    description: 'Recommendations × the later reports that assessed them.',
    examples: [statusMatrixExample],
  });
export type StatusMatrix = z.infer<typeof statusMatrixSchema>;
