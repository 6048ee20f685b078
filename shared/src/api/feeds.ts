import { z } from 'zod';
import { TOPIC_SLUGS } from '../domain/vocabulary.js';
import { idSchema } from '../common.js';
import { countryCodeSchema, queryObject } from './primitives.js';

/** What an Atom feed of changes follows: the whole site, or one country, topic or recommendation. */
export const changeFeedQuerySchema = queryObject({
  country: countryCodeSchema
    .meta({ description: 'Only changes to the records of this country, e.g. `KZ`.' })
    .optional(),
  topic: z
    .enum(TOPIC_SLUGS)
    .meta({
      description:
        'Only changes to recommendations of this topic (and their assessments and links).',
    })
    .optional(),
  recommendation: idSchema
    .meta({
      description: 'Only changes to this recommendation, its assessments and its lineage links.',
    })
    .optional(),
});
export type ChangeFeedQuery = z.infer<typeof changeFeedQuerySchema>;

/** An Atom feed, as documented (the body is XML). */
export const atomFeedSchema = z.string().meta({
  description:
    'An Atom 1.0 feed (RFC 4287) of the newest changes, each entry saying in words what changed.',
});
