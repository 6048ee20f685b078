import { z } from 'zod';
import { PROPOSAL_ENTITIES, PROPOSAL_KINDS, PROPOSAL_STATES } from '../domain/vocabulary.js';
import { changeReferencesSchema } from './changes.js';
import {
  idValueSchema,
  isoDateTimeSchema,
  pageOf,
  paginationQueryShape,
  personRefSchema,
  queryObject,
} from './primitives.js';

/**
 * Review before publishing (REVIEW_REQUIRED): an editor's write kept as a proposal, visible to
 * editors and admins only, until another editor or an admin approves it (then it is written as a
 * direct write would be) or rejects it with a reason.
 */

export const proposalStateSchema = z.enum(PROPOSAL_STATES).meta({
  id: 'ProposalState',
  description: '`open` until someone approves (the change is published) or rejects it.',
});

export const proposalSchema = z
  .object({
    id: idValueSchema,
    kind: z.enum(PROPOSAL_KINDS).meta({ description: 'Create a record, or update one.' }),
    entity: z.enum(PROPOSAL_ENTITIES).meta({ description: 'The kind of record written.' }),
    targetId: idValueSchema.nullable().meta({
      description: 'The record updated; for a creation, the record created once approved.',
    }),
    baseVersion: idValueSchema
      .nullable()
      .meta({ description: 'The version an update is based on; approval needs it still current.' }),
    recommendationId: idValueSchema
      .nullable()
      .meta({ description: 'The recommendation the change concerns (assessed, linked, edited).' }),
    payload: z.record(z.string(), z.unknown()).meta({
      description:
        'The request body as sent, without `version`: validated by the schema of the direct write.',
    }),
    before: z.record(z.string(), z.unknown()).nullable().meta({
      description:
        'For an update, the record’s current values of the fields the payload sets (null for a creation).',
    }),
    proposedBy: personRefSchema,
    proposedAt: isoDateTimeSchema,
    state: proposalStateSchema,
    decidedBy: personRefSchema.nullable(),
    decidedAt: isoDateTimeSchema.nullable(),
    reason: z.string().nullable().meta({ description: 'Why it was rejected.' }),
  })
  .meta({ id: 'Proposal', description: 'A change waiting for a second person’s review.' });
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalListQuerySchema = queryObject({
  state: proposalStateSchema.optional().meta({ description: 'Only proposals in this state.' }),
  ...paginationQueryShape,
});
export type ProposalListQuery = z.infer<typeof proposalListQuerySchema>;

export const proposalPageSchema = pageOf(proposalSchema, {
  references: changeReferencesSchema,
  reviewRequired: z
    .boolean()
    .meta({ description: 'Whether this deployment keeps editors’ writes as proposals.' }),
}).meta({ id: 'ProposalPage', description: 'Proposals, oldest first.' });
export type ProposalPage = z.infer<typeof proposalPageSchema>;

export const proposalApproveSchema = z.strictObject({}).meta({ id: 'ProposalApprove' });

export const proposalRejectSchema = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .meta({ description: 'Why the change is not published; the proposer reads it.' }),
  })
  .meta({ id: 'ProposalReject' });
export type ProposalReject = z.infer<typeof proposalRejectSchema>;

/** The batch route's answer when its assessments become proposals: one per recommendation. */
export const proposalListSchema = z
  .object({ items: z.array(proposalSchema) })
  .meta({ id: 'ProposalList' });
