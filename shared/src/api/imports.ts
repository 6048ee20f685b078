import { z } from 'zod';
import { electionInputSchema, reportInputSchema } from './editing.js';
import {
  assessmentStatusSchema,
  electionKindSchema,
  datePrecisionSchema,
  idValueSchema,
  isoDateSchema,
  linkKindSchema,
  reportKindSchema,
  sourceLinesSchema,
  topicSlugSchema,
} from './primitives.js';
import { reportRefSchema } from './reference.js';

/**
 * The editor workspace: importing a new report (parse its text, review the recommendations, save
 * everything in one step), follow-up suggestions from a report's text, and lineage suggestions.
 */

/** Longest report text accepted (characters); the longest seed source is about 230,000. */
export const MAX_REPORT_TEXT_LENGTH = 2_000_000;

/** A report's plain text, as pasted or uploaded. */
export const reportTextSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_REPORT_TEXT_LENGTH)
  .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters')
  .meta({
    description: `The report’s plain text (Markdown or text export), up to ${MAX_REPORT_TEXT_LENGTH} characters. Line numbers refer to it.`,
  });

// Parsing

export const importParseRequestSchema = z
  .strictObject({ text: reportTextSchema })
  .meta({ id: 'ImportParseRequest' });
export type ImportParseRequest = z.infer<typeof importParseRequestSchema>;

export const importFormatSchema = z
  .enum(['odihr-final-report', 'odihr-final-report-priority-split', 'numbered-list', 'none'])
  .meta({
    id: 'ImportFormat',
    description:
      'The layout the recommendations were found in: a numbered report section without (`odihr-final-report`) or with (`odihr-final-report-priority-split`) priority headings, a numbered list under a heading that mentions recommendations (`numbered-list`), or none found (`none`).',
  });
export type ImportFormat = z.infer<typeof importFormatSchema>;

export const parsedRecommendationSchema = z
  .object({
    number: z.string().meta({ description: 'As printed: "13".' }),
    priority: z.boolean().meta({ description: 'Listed under a priority heading.' }),
    heading: z.string().nullable().meta({ description: 'The topic sub-heading it sits under.' }),
    section: z
      .string()
      .nullable()
      .meta({ description: 'The lettered section line it sits under, as printed.' }),
    text: z.string().meta({
      description:
        'Verbatim, without page breaks, footnotes and markup; source lines joined by a space.',
    }),
    sourceLineStart: z.int().positive(),
    sourceLineEnd: z.int().positive(),
    sourcePageStart: z.int().positive().nullable().optional().meta({
      description: 'PDF imports: the page of the PDF its first line is on.',
    }),
    sourcePageEnd: z.int().positive().nullable().optional().meta({
      description: 'PDF imports: the page of the PDF its last line is on.',
    }),
  })
  .meta({ id: 'ParsedRecommendation', description: 'A recommendation the importer read.' });
export type ParsedRecommendation = z.infer<typeof parsedRecommendationSchema>;

export const importProblemSchema = z
  .object({
    line: z.int().positive().nullable().meta({
      description: 'Source line (from 1); null for a problem with the document as a whole.',
    }),
    message: z.string(),
    excerpt: z.string().nullable().meta({ description: 'The source line, shortened.' }),
  })
  .meta({
    id: 'ImportProblem',
    description: 'Something the importer could not read with confidence: check it by hand.',
  });
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** Most bytes a PDF upload may have. */
export const MAX_REPORT_PDF_BYTES = 30 * 1024 * 1024;

export const importRemovedTextSchema = z
  .object({
    line: z.int().positive(),
    recommendation: z.string().meta({ description: 'The number of the recommendation.' }),
    kind: z.enum(['footnote', 'footnote-marker', 'page-furniture']),
    text: z.string().meta({ description: 'What was removed, shortened.' }),
  })
  .meta({
    id: 'ImportRemovedText',
    description:
      'Text found inside a recommendation and left out of its text: a footnote, a footnote reference, a page header or number.',
  });

export const importPdfSourceSchema = z
  .object({
    text: z.string().meta({
      description:
        'The text extracted from the PDF: save it as the report’s `text` with `POST /api/v1/imports`. Line numbers refer to it.',
    }),
    pages: z.array(
      z.object({
        page: z.int().positive(),
        lineStart: z.int().nonnegative().meta({ description: '0 for a page without text.' }),
        lineEnd: z.int().nonnegative(),
      }),
    ),
  })
  .meta({ id: 'ImportPdfSource', description: 'PDF imports: the extracted text and its pages.' });

const proposal = <T extends z.ZodType>(value: T, description: string) =>
  z
    .object({
      value,
      line: z.int().positive().meta({ description: 'The source line it was read on.' }),
    })
    .optional()
    .meta({ description });

export const proposedMetadataSchema = z
  .object({
    country: proposal(
      z.object({ code: z.string(), name: z.string() }),
      'An OSCE participating State named on the cover page (ISO code, English short name).',
    ),
    electionKind: proposal(electionKindSchema, 'The kind of the election.'),
    early: proposal(z.boolean(), 'Present (true) when the cover calls the election early.'),
    heldOn: proposal(isoDateSchema, 'Election day (the first round).'),
    secondRoundOn: proposal(isoDateSchema, 'The second round, when the cover prints two dates.'),
    reportKind: proposal(reportKindSchema, 'The kind of report.'),
    publishedOn: proposal(isoDateSchema, 'The date the report is signed.'),
    publishedIn: proposal(z.string(), 'The place the report is signed (“Warsaw”).'),
    title: proposal(z.string(), 'Country, election, date: report name, from the cover lines.'),
  })
  .meta({
    id: 'ProposedMetadata',
    description:
      'The report’s metadata as its cover page (its first lines, up to the contents) states it: proposals for the editor to confirm, each with its line. A value the cover does not state unambiguously is absent, never guessed.',
  });
export type ProposedMetadata = z.infer<typeof proposedMetadataSchema>;

export const importParseResultSchema = z
  .object({
    format: importFormatSchema,
    recommendations: z.array(parsedRecommendationSchema),
    problems: z.array(importProblemSchema),
    removed: z.array(importRemovedTextSchema).optional(),
    source: importPdfSourceSchema.optional(),
    proposedMetadata: proposedMetadataSchema.optional(),
  })
  .meta({
    id: 'ImportParseResult',
    description: 'What the importer read from the text. Nothing is stored.',
  });
export type ImportParseResult = z.infer<typeof importParseResultSchema>;

// Saving an import

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable();
const lineNumber = z.int().positive().nullable();

export const existingElectionSchema = z
  .strictObject({ id: idValueSchema })
  .meta({ id: 'ExistingElection', description: 'An election already in the database.' });

export const newElectionSchema = electionInputSchema
  .omit({ reason: true })
  .extend({
    countryName: z.string().trim().min(1).max(200).optional().meta({
      description:
        'English name of the country: required when its code is not yet in the database (the country is then created), ignored otherwise.',
    }),
  })
  .meta({ id: 'NewElection', description: 'An election to create with the report.' });
export type NewElection = z.input<typeof newElectionSchema>;

export const importReportSchema = reportInputSchema
  .omit({ electionId: true, reason: true })
  .meta({ id: 'ImportReport', description: 'The report’s metadata (its election is `election`).' });

export const importRecommendationSchema = z
  .strictObject({
    number: z.string().trim().min(1).max(20),
    priority: z.boolean().default(false),
    heading: optionalText(300).default(null),
    topic: topicSlugSchema.nullable().default(null),
    text: z.string().trim().min(1).max(20_000).meta({ description: 'Verbatim text.' }),
    sourceLineStart: lineNumber.default(null),
    sourceLineEnd: lineNumber.default(null),
    location: optionalText(500).default(null),
  })
  .superRefine((row, ctx) => {
    if (
      row.sourceLineStart !== null &&
      row.sourceLineEnd !== null &&
      row.sourceLineEnd < row.sourceLineStart
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['sourceLineEnd'],
        message: 'must not be before sourceLineStart',
      });
    }
  })
  .meta({
    id: 'ImportRecommendation',
    description: 'One reviewed recommendation; its position is its place in the list.',
  });
export type ImportRecommendation = z.input<typeof importRecommendationSchema>;

export const importRequestSchema = z
  .strictObject({
    election: z.union([existingElectionSchema, newElectionSchema]).meta({
      description: 'The report’s election: `{id}` of an existing one, or a new election.',
    }),
    report: importReportSchema,
    sourceText: reportTextSchema.meta({
      description:
        'The report’s text, stored so follow-up suggestions can be computed; line numbers refer to it.',
    }),
    recommendations: z
      .array(importRecommendationSchema)
      .max(1000)
      .superRefine((rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((row, index) => {
          if (seen.has(row.number)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'number'],
              message: `number ${row.number} appears more than once`,
            });
          }
          seen.add(row.number);
        });
      }),
    reason: z.string().trim().max(1000).optional(),
    allowDuplicate: z.boolean().optional().meta({
      description:
        'True to save the report although its text is already stored, or its election already has a report of its kind (otherwise a 409 naming that report).',
    }),
  })
  .meta({
    id: 'ImportRequest',
    description:
      'A new report with its reviewed recommendations and its text: saved in one transaction, each record with its history entry.',
  });
export type ImportRequest = z.input<typeof importRequestSchema>;

export const importCreatedSchema = z
  .object({
    report: z.object({ id: idValueSchema, slug: z.string() }),
    election: z.object({
      id: idValueSchema,
      created: z.boolean().meta({ description: 'True when the import created it.' }),
    }),
    countryCreated: z.boolean().meta({ description: 'True when the import created the country.' }),
    recommendations: z
      .array(z.object({ id: idValueSchema, number: z.string() }))
      .meta({ description: 'The created recommendations, in the order sent.' }),
  })
  .meta({ id: 'ImportCreated', description: 'What the import created.' });
export type ImportCreated = z.infer<typeof importCreatedSchema>;

// Suggestions

export const similarRecommendationSchema = z
  .object({
    id: idValueSchema,
    number: z.string(),
    priority: z.boolean(),
    excerpt: z
      .string()
      .nullable()
      .meta({ description: 'The start of its text (null when known only by number).' }),
    score: z.number().nonnegative().meta({
      description:
        'Text similarity from 0 to 1 (TF-IDF cosine; 1 when named by number and report year); higher is more similar. Only for ranking.',
    }),
    report: reportRefSchema.meta({ description: 'The report that issued it.' }),
  })
  .meta({
    id: 'SimilarRecommendation',
    description: 'An earlier recommendation whose text resembles the given text.',
  });
export type SimilarRecommendation = z.infer<typeof similarRecommendationSchema>;

export const followUpSuggestionIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'must be a suggestion id')
  .meta({ description: 'Stable id of a follow-up suggestion (from its line range and text).' });

export const followUpSuggestionParamsSchema = z.strictObject({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  suggestionId: followUpSuggestionIdSchema,
});

export const followUpSuggestionSchema = z
  .object({
    id: followUpSuggestionIdSchema,
    sentence: z.string().meta({
      description: 'The sentence verbatim (quotes normalized as the importer does), to quote.',
    }),
    sourceLines: sourceLinesSchema,
    suggestedStatus: assessmentStatusSchema.nullable().meta({
      description:
        'A SUGGESTION read from the wording (“remain unaddressed” → not_implemented): the editor decides. Null when the wording does not say.',
    }),
    cue: z.string().meta({
      description: 'The words of the sentence that made it a suggestion (and suggest the status).',
    }),
    candidates: z
      .array(
        similarRecommendationSchema.extend({
          preselected: z.boolean().meta({
            description:
              'Whether the form ticks it at first: its score reaches the threshold measured on the seed data (or it is named by number).',
          }),
        }),
      )
      .max(3)
      .meta({
        description:
          'Up to 3 ODIHR recommendations (never third-party ones) of earlier reports of the same country, most similar first: suggestions too.',
      }),
  })
  .meta({
    id: 'FollowUpSuggestion',
    description:
      'A sentence of the report that looks like a statement on earlier recommendations: a suggestion for an assessment, not data.',
  });
export type FollowUpSuggestion = z.infer<typeof followUpSuggestionSchema>;

export const followUpSuggestionListSchema = z
  .object({
    reportId: idValueSchema,
    sourceText: z.boolean().meta({
      description: 'False when the report has no stored text: then there are no suggestions.',
    }),
    items: z.array(followUpSuggestionSchema).meta({
      description:
        'In source order; without those already recorded as assessments by this report and those dismissed.',
    }),
  })
  .meta({ id: 'FollowUpSuggestionList' });
export type FollowUpSuggestionList = z.infer<typeof followUpSuggestionListSchema>;

export const lineageSuggestionSchema = similarRecommendationSchema
  .extend({
    linked: linkKindSchema.nullable().meta({
      description: 'The kind of the lineage link between the two, if one already exists.',
    }),
  })
  .meta({
    id: 'LineageSuggestion',
    description:
      'An earlier recommendation of the same country that the recommendation may repeat or continue: a suggestion.',
  });
export type LineageSuggestion = z.infer<typeof lineageSuggestionSchema>;

export const lineageSuggestionQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().meta({
    description:
      'Search instead of similarity alone: words of the text, a recommendation number (`23`, `No. 23`), a report year (`2004`) or words of the report title or slug; every term must match.',
  }),
});

export const lineagePreviewQuerySchema = z.strictObject({
  earlierId: z.coerce.number().int().positive().max(2_147_483_647).meta({
    description: 'The earlier recommendation the link would name.',
  }),
});

const openSinceSchema = z.object({ date: isoDateSchema, precision: datePrecisionSchema });

export const lineagePreviewSchema = z
  .object({
    recommendationId: idValueSchema,
    earlierId: idValueSchema,
    current: openSinceSchema.meta({ description: 'Its public “open since” today.' }),
    withLink: openSinceSchema.meta({ description: 'Its “open since” once the link is saved.' }),
    changes: z.boolean().meta({ description: 'Whether the link changes the public date.' }),
  })
  .meta({
    id: 'LineagePreview',
    description:
      'What a lineage link would change in public, computed without writing anything: the later recommendation’s “open since”.',
  });
export type LineagePreview = z.infer<typeof lineagePreviewSchema>;

export const lineageSuggestionListSchema = z
  .object({
    recommendationId: idValueSchema,
    items: z.array(lineageSuggestionSchema).max(10).meta({ description: 'Most similar first.' }),
  })
  .meta({ id: 'LineageSuggestionList' });
export type LineageSuggestionList = z.infer<typeof lineageSuggestionListSchema>;
