import { z } from 'zod';
import { countSchema, idValueSchema } from './primitives.js';
import { recommendationRefSchema } from './recommendations.js';
import { countryRefSchema, reportRefSchema, topicRefSchema } from './reference.js';
import { statusCountsSchema } from './statistics.js';
import { ASSESSMENT_STATUSES } from '../domain/vocabulary.js';
import type { AssessmentStatus } from '../domain/vocabulary.js';

/**
 * The region overview and a country's summary. Every figure counts ODIHR's recommendations only:
 * those issued by a third-party (civil-society) report are never part of ODIHR's unaddressed or
 * status figures; they are counted apart (`civilSociety`).
 */

export const regionCountrySchema = z
  .object({
    country: countryRefSchema,
    unaddressedPriority: countSchema.meta({
      description:
        'ODIHR priority recommendations whose current status is `not_implemented` or `not_assessed`.',
    }),
    oldestUnaddressed: z
      .object({
        id: idValueSchema,
        number: z.string(),
        year: z.int().meta({ description: 'Year of the report that issued it.' }),
        yearsOpen: z.number().nonnegative(),
      })
      .nullable()
      .meta({ description: 'The unaddressed priority recommendation open the longest, or null.' }),
    lastMission: z
      .object({ slug: z.string(), title: z.string(), publishedOn: z.string() })
      .nullable()
      .meta({ description: 'The latest ODIHR (not third-party) report on the country, or null.' }),
    assessed: countSchema.meta({
      description:
        'ODIHR recommendations whose current status is an implementation judgement (fully, mostly, partially or not implemented).',
    }),
    implementedShare: z.number().min(0).max(1).nullable().meta({
      description:
        'Share of `assessed` at least partially implemented (fully, mostly or partially), 0 to 1; null when none is assessed.',
    }),
    civilSociety: countSchema.meta({
      description: 'Recommendations issued by third-party reports: listed apart, never counted.',
    }),
  })
  .meta({ id: 'RegionCountry', description: 'One participating State in the region overview.' });
export type RegionCountry = z.infer<typeof regionCountrySchema>;

export const regionSchema = z
  .object({
    items: z.array(regionCountrySchema).meta({ description: 'Every country with data, by name.' }),
  })
  .meta({
    id: 'Region',
    description: 'The answer for the whole region: per country, what remains unaddressed.',
  });
export type Region = z.infer<typeof regionSchema>;

export const countrySummarySchema = z
  .object({
    country: countryRefSchema,
    byTopic: z
      .array(
        z.object({
          topic: topicRefSchema.nullable(),
          total: countSchema,
          priority: countSchema,
          unaddressedPriority: countSchema,
          byStatus: statusCountsSchema,
        }),
      )
      .meta({
        description:
          'ODIHR recommendations per topic, in the taxonomy’s order (no topic last), with counts by current status.',
      }),
    progress: z
      .array(
        z.object({
          report: reportRefSchema,
          byStatus: z
            .object(
              Object.fromEntries(
                ASSESSMENT_STATUSES.map((status) => [status, countSchema]),
              ) as Record<AssessmentStatus, typeof countSchema>,
            )
            .meta({ description: 'How many of the country’s ODIHR recommendations it judged so.' }),
          total: countSchema,
        }),
      )
      .meta({
        description:
          'Per assessing report, oldest first, the statuses it gave (third-party reports flagged by `report.thirdParty`).',
      }),
    civilSociety: z.array(recommendationRefSchema).meta({
      description:
        'Recommendations issued by third-party (civil-society) reports on the country, never counted in ODIHR’s figures (at most 500).',
    }),
  })
  .meta({ id: 'CountrySummary', description: 'A country’s figures by topic and by mission.' });
export type CountrySummary = z.infer<typeof countrySummarySchema>;
