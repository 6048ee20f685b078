import { z } from 'zod';
import { reportRefExample } from './examples.js';
import {
  countSchema,
  countryCodeSchema,
  datePrecisionSchema,
  electionKindSchema,
  idValueSchema,
  isoDateSchema,
  listParam,
  pageOf,
  paginationQueryShape,
  queryObject,
  reportKindSchema,
  topicSlugSchema,
} from './primitives.js';

/**
 * Countries, elections, topics, and the short references to them (and to reports) that other
 * resources embed.
 */

export const countryRefSchema = z
  .object({
    code: z.string().meta({ description: 'ISO 3166-1 alpha-2 code.' }),
    name: z.string(),
  })
  .meta({
    id: 'CountryRef',
    description: 'A participating State, by its ISO code.',
    examples: [{ code: 'KZ', name: 'Kazakhstan' }],
  });
export type CountryRef = z.infer<typeof countryRefSchema>;

export const topicRefSchema = z.object({ slug: topicSlugSchema, name: z.string() }).meta({
  id: 'TopicRef',
  description: 'A topic of the fixed taxonomy.',
  examples: [{ slug: 'media', name: 'Media' }],
});
export type TopicRef = z.infer<typeof topicRefSchema>;

export const electionRefSchema = z
  .object({
    id: idValueSchema,
    kind: electionKindSchema,
    heldOn: isoDateSchema.meta({ description: 'Election day (first round).' }),
    heldOnPrecision: datePrecisionSchema,
    early: z.boolean(),
  })
  .meta({
    id: 'ElectionRef',
    description: 'An election, briefly.',
    examples: [
      { id: 4, kind: 'presidential', heldOn: '2019-06-09', heldOnPrecision: 'day', early: true },
    ],
  });
export type ElectionRef = z.infer<typeof electionRefSchema>;

export const reportRefSchema = z
  .object({
    id: idValueSchema,
    slug: z.string().meta({ description: 'Stable, citable identifier.' }),
    title: z.string(),
    kind: reportKindSchema,
    thirdParty: z.boolean().meta({
      description:
        'True for reports of other organisations (kind `third_party`): their assessments are evidence, never the official status.',
    }),
    publisher: z.string(),
    publishedOn: isoDateSchema,
    publishedOnPrecision: datePrecisionSchema,
    sourceUrl: z.string().nullable().meta({ description: 'Where the publication can be read.' }),
  })
  .meta({
    id: 'ReportRef',
    description: 'A report (publication), briefly.',
    examples: [reportRefExample],
  });
export type ReportRef = z.infer<typeof reportRefSchema>;

// Countries

export const countrySchema = countryRefSchema
  .extend({
    electionCount: countSchema,
    reportCount: countSchema,
    recommendationCount: countSchema,
  })
  .meta({
    id: 'Country',
    description: 'A participating State with the size of its record.',
    examples: [
      {
        code: 'KZ',
        name: 'Kazakhstan',
        electionCount: 6,
        reportCount: 7,
        recommendationCount: 75,
      },
    ],
  });
export type Country = z.infer<typeof countrySchema>;

export const countryListSchema = z
  .object({ items: z.array(countrySchema) })
  .meta({ id: 'CountryList', description: 'All countries with data, by name.' });
export type CountryList = z.infer<typeof countryListSchema>;

export const countryParamsSchema = z.strictObject({
  code: countryCodeSchema.meta({ description: 'ISO 3166-1 alpha-2 code.', examples: ['KZ'] }),
});

// Elections

export const electionSchema = electionRefSchema
  .extend({
    secondRoundOn: isoDateSchema.nullable(),
    note: z.string().nullable().meta({
      description: 'Provenance of the metadata, and anything inferred rather than stated.',
    }),
    country: countryRefSchema,
    reports: z.array(reportRefSchema).meta({ description: 'Its reports, oldest first.' }),
  })
  .meta({
    id: 'ElectionSummary',
    description: 'An election and the reports published about it.',
    examples: [
      {
        id: 4,
        kind: 'presidential',
        heldOn: '2019-06-09',
        heldOnPrecision: 'day',
        early: true,
        secondRoundOn: null,
        note: 'From the title page of the 2019 final report.',
        country: { code: 'KZ', name: 'Kazakhstan' },
        reports: [],
      },
    ],
  });
export type Election = z.infer<typeof electionSchema>;

export const electionListQuerySchema = queryObject({
  country: listParam(
    countryCodeSchema,
    'Only elections in these countries (ISO codes).',
  ).optional(),
  ...paginationQueryShape,
});
export type ElectionListQuery = z.infer<typeof electionListQuerySchema>;

export const electionPageSchema = pageOf(electionSchema).meta({
  id: 'ElectionPage',
  description: 'Elections, newest first.',
});
export type ElectionPage = z.infer<typeof electionPageSchema>;

export const countryDetailSchema = countrySchema
  .extend({ elections: z.array(electionSchema).meta({ description: 'Newest first.' }) })
  .meta({
    id: 'CountryDetail',
    description: 'A country with its elections and their reports.',
  });
export type CountryDetail = z.infer<typeof countryDetailSchema>;

// Topics

export const topicSchema = topicRefSchema
  .extend({
    position: z.int().positive().meta({ description: 'Order in which a final report treats it.' }),
    recommendationCount: countSchema,
  })
  .meta({
    id: 'Topic',
    description: 'A topic with the number of recommendations on it (under the filters given).',
    examples: [{ slug: 'media', name: 'Media', position: 8, recommendationCount: 9 }],
  });
export type Topic = z.infer<typeof topicSchema>;

export const topicListQuerySchema = queryObject({
  country: listParam(
    countryCodeSchema,
    'Count only recommendations in these countries.',
  ).optional(),
});
export type TopicListQuery = z.infer<typeof topicListQuerySchema>;

export const topicListSchema = z
  .object({ items: z.array(topicSchema) })
  .meta({ id: 'TopicList', description: 'The whole taxonomy, in its order.' });
export type TopicList = z.infer<typeof topicListSchema>;
