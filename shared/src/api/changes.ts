import { z } from 'zod';
import { CHANGE_REFERENCE_FIELDS, PUBLIC_HISTORY_ENTITIES } from '../domain/vocabulary.js';
import { idSchema } from '../common.js';
import {
  historyActionSchema,
  idValueSchema,
  isoDateTimeSchema,
  pageOf,
  paginationQueryShape,
  personRefSchema,
  queryObject,
} from './primitives.js';
import { countryRefSchema } from './reference.js';

export const changeListQuerySchema = queryObject({
  entityType: z
    .enum(PUBLIC_HISTORY_ENTITIES)
    .meta({ description: 'Only changes of this kind of record.', examples: ['recommendation'] })
    .optional(),
  entityId: idSchema
    .meta({ description: 'Only changes of this record (needs `entityType`).', examples: [26] })
    .optional(),
  ...paginationQueryShape,
}).superRefine((value, ctx) => {
  if (value.entityId !== undefined && value.entityType === undefined) {
    ctx.addIssue({ code: 'custom', path: ['entityId'], message: 'needs entityType' });
  }
});
export type ChangeListQuery = z.infer<typeof changeListQuerySchema>;

export const changeSchema = z
  .object({
    id: idValueSchema,
    entityType: z.enum(PUBLIC_HISTORY_ENTITIES),
    entityId: idValueSchema,
    action: historyActionSchema,
    changedAt: isoDateTimeSchema,
    user: personRefSchema.nullable().meta({
      description:
        'Who made the change (who approved it, when it was reviewed); null for the system (the seed import).',
    }),
    proposedBy: personRefSchema.nullable().meta({
      description:
        'Who proposed the change, when a deployment requires review and another person approved it; null otherwise.',
    }),
    reason: z.string().nullable().meta({ description: 'Why, in the editor’s words.' }),
    country: countryRefSchema.nullable().meta({
      description:
        'The country the changed record belongs to (through its recommendation, report or election); null when that record no longer exists.',
    }),
    before: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'The record before the change (null for a creation).' }),
    after: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'The record after the change (null for a deletion).' }),
  })
  .meta({
    id: 'Change',
    description: 'One entry of the change history: what changed, when, by whom and why.',
    examples: [
      {
        id: 120,
        entityType: 'recommendation',
        entityId: 26,
        action: 'create',
        changedAt: '2025-01-15T09:30:00.000Z',
        user: null,
        proposedBy: null,
        reason: 'Seed data set: Kazakhstan 2004-2023',
        country: { code: 'KZ', name: 'Kazakhstan' },
        before: null,
        after: { id: 26, number: '1', priority: true },
      },
    ],
  });
export type Change = z.infer<typeof changeSchema>;

const labelsById = z.record(z.string(), z.string());

export const changeReferencesSchema = z
  .object({
    topic: labelsById,
    report: labelsById,
    recommendation: labelsById,
    election: labelsById,
    country: labelsById,
    user: labelsById,
  })
  .meta({
    id: 'ChangeReferences',
    description:
      'Readable names of the records the id-valued fields of this page’s changes name, by kind and ' +
      'id: a topic’s name, a report’s title, a recommendation’s number and report, an election’s ' +
      'country and date, a country’s name, a user’s display name. Fields: ' +
      Object.entries(CHANGE_REFERENCE_FIELDS)
        .map(([field, kind]) => `\`${field}\` -> ${kind}`)
        .join(', ') +
      '. A record deleted since has no name here.',
    examples: [
      {
        topic: { '5': 'Media' },
        report: { '3': 'Kazakhstan, Presidential Election, 2005: Final Report' },
        recommendation: { '26': 'No. 1 (Kazakhstan, Presidential Election, 2005: Final Report)' },
        election: {},
        country: {},
        user: { '2': 'Editor' },
      },
    ],
  });
export type ChangeReferences = z.infer<typeof changeReferencesSchema>;

export const changePageSchema = pageOf(changeSchema, { references: changeReferencesSchema }).meta({
  id: 'ChangePage',
  description: 'Changes, newest first.',
});
export type ChangePage = z.infer<typeof changePageSchema>;

export const changeRevertSchema = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .meta({ description: 'Why the change is reverted; added to the history entry’s reason.' }),
  })
  .meta({ id: 'ChangeRevert' });
export type ChangeRevert = z.infer<typeof changeRevertSchema>;

export const changeRevertResultSchema = z
  .object({
    change: changeSchema.meta({ description: 'The new history entry the revert wrote.' }),
  })
  .meta({ id: 'ChangeRevertResult', description: 'A revert: the new change it made.' });
export type ChangeRevertResult = z.infer<typeof changeRevertResultSchema>;
