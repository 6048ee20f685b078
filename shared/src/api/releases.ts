import { z } from 'zod';
import { isoDateTimeSchema } from './primitives.js';

/** A release number: `year.sequence`, e.g. `2026.1`. */
export const releaseNumberSchema = z
  .string()
  .regex(/^\d{4}\.[1-9]\d{0,5}$/, 'must be a release number such as 2026.1')
  .meta({ description: 'The release number, `year.sequence`.', examples: ['2026.1'] });

export const releaseParamsSchema = z.strictObject({ number: releaseNumberSchema });

export const publishReleaseSchema = z.strictObject({
  notes: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    .meta({ description: 'What this release holds or why it was made (shown with it).' }),
});
export type PublishReleaseInput = z.infer<typeof publishReleaseSchema>;

const tableChangesSchema = z.object({
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
});

export const releaseSchema = z
  .object({
    number: releaseNumberSchema,
    publishedAt: isoDateTimeSchema,
    notes: z.string(),
    sha256: z.string().meta({ description: 'SHA-256 (hex) of the archive’s bytes.' }),
    size: z.number().int().meta({ description: 'Size of the archive in bytes.' }),
    counts: z.record(z.string(), z.number().int()).meta({ description: 'Rows per table.' }),
    changes: z.record(z.string(), tableChangesSchema).meta({
      description:
        'Per table: records added, changed and removed since the previous release (all added for the first).',
    }),
    archiveUrl: z.string().meta({ description: 'Where to download the archive (a zip).' }),
  })
  .meta({ id: 'DataRelease' });
export type DataRelease = z.infer<typeof releaseSchema>;

export const releaseListSchema = z
  .object({ items: z.array(releaseSchema) })
  .meta({ id: 'DataReleaseList' });
export type DataReleaseList = z.infer<typeof releaseListSchema>;
