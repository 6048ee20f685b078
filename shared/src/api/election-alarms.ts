import { z } from 'zod';
import {
  countryCodeSchema,
  countSchema,
  isoDateSchema,
  queryObject,
  topicSlugSchema,
} from './primitives.js';
import { countryRefSchema, electionRefSchema } from './reference.js';
import { recommendationRefSchema } from './recommendations.js';

/**
 * The election-calendar alarm: for each upcoming election, the open ODIHR priority
 * recommendations whose implementation needs a change of law, and the date after which the law
 * should no longer change before that election (Venice Commission, Code of Good Practice in
 * Electoral Matters, II.2.b).
 */

/** At most this many recommendations are listed per election; `recommendationCount` is exact. */
export const ELECTION_ALARM_LIST_LIMIT = 100;

export const electionAlarmQuerySchema = queryObject({
  country: countryCodeSchema
    .optional()
    .meta({ description: 'Only this country (ISO code); the whole region when absent.' }),
  asOf: isoDateSchema.optional().meta({
    description:
      'The day to compute from (YYYY-MM-DD): which elections are upcoming, days left, at risk. Today (UTC) by default.',
  }),
});
export type ElectionAlarmQuery = z.infer<typeof electionAlarmQuerySchema>;

export const electionAlarmSchema = z
  .object({
    country: countryRefSchema,
    election: electionRefSchema,
    windowMonths: countSchema.meta({
      description: 'The window before an election in which the law should not change (months).',
    }),
    windowClosesOn: isoDateSchema.meta({
      description:
        'Election day minus the window, in calendar months; a day the earlier month lacks becomes its last day (29 February 2028 minus 12 months is 28 February 2027).',
    }),
    daysLeft: countSchema.meta({
      description: 'Days from `asOf` until the window closes; 0 once it has closed.',
    }),
    daysToElection: countSchema,
    atRisk: z.boolean().meta({
      description:
        'The window has closed (`asOf` is on or after `windowClosesOn`): the listed recommendations are at risk for this election.',
    }),
    recommendationCount: countSchema.meta({
      description:
        'Open (not implemented or not assessed) ODIHR priority recommendations to this country on a topic needing legislation. Third-party recommendations never count.',
    }),
    recommendations: z.array(recommendationRefSchema).meta({
      description: `The first ${ELECTION_ALARM_LIST_LIMIT} of them, oldest first.`,
    }),
  })
  .meta({ id: 'ElectionAlarm', description: 'One upcoming election and its legislative alarm.' });
export type ElectionAlarm = z.infer<typeof electionAlarmSchema>;

export const electionAlarmListSchema = z
  .object({
    asOf: isoDateSchema,
    windowMonths: countSchema,
    legislativeTopics: z.array(topicSlugSchema).meta({
      description: 'Topics whose recommendations need a change of law (slugs).',
    }),
    items: z.array(electionAlarmSchema).meta({ description: 'Soonest election first.' }),
  })
  .meta({ id: 'ElectionAlarmList', description: 'The upcoming elections and their alarms.' });
export type ElectionAlarmList = z.infer<typeof electionAlarmListSchema>;
