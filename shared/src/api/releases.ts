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

export const citationQuerySchema = z.strictObject({
  url: z
    .string()
    .trim()
    .min(1)
    .max(2048)
    .meta({
      description:
        'What to cite: a public page of the site or an API address, as a path (`/recommendations?country=KZ`, `/api/v1/reports`) or an absolute URL on this site.',
      examples: ['/recommendations?country=KZ&status=not_implemented'],
    }),
  lang: z
    .enum(['en', 'ru'])
    .default('en')
    .meta({ description: 'The language of the citation text.' }),
});

export const citationSchema = z
  .object({
    permalink: z.string().meta({
      description:
        'The stable absolute address: its query parameters sorted by name, empty ones and any fragment left out. The same as the `Link: rel="cite-as"` header of the API’s answers.',
    }),
    release: z
      .object({
        number: releaseNumberSchema,
        publishedAt: isoDateTimeSchema,
        url: z.string().meta({ description: 'The release’s archive (a zip), absolute.' }),
      })
      .nullable()
      .meta({ description: 'The latest data release; null before the first one is published.' }),
    citation: z.object({
      text: z.string().meta({ description: 'The suggested citation (APA-like), as on the site.' }),
      bibtex: z.string().meta({ description: 'The same as a BibTeX `@misc` entry.' }),
      cff: z.string().meta({ description: 'The same in the Citation File Format 1.2.0 (YAML).' }),
    }),
  })
  .meta({ id: 'Citation' });
export type Citation = z.infer<typeof citationSchema>;
