import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idParamsSchema, isReviewedWrite, PROBLEM_TYPES, proposalSchema } from '@tracker/shared';
import type { Proposal, ProposalEntity } from '@tracker/shared';
import { HttpProblem, ValidationProblem } from '../../../errors.js';
import { SIGNED_IN } from '../../../plugins/auth.js';
import type { Fields, RecordWrites } from '../../../repositories/versioned-writes.js';
import { problemResponses } from './responses.js';

/**
 * The standard editing routes of one kind of record, registered by its resource folder: create
 * (editors), read for editing (editors), update with the version the change is based on
 * (editors) and delete (admins). Each write is one transaction with its history entry, in the
 * record's repository.
 */

type ReasonShape = { reason: z.ZodOptional<z.ZodString> };
type VersionShape = { version: z.ZodOptional<z.ZodNumber> };

interface RecordRoutes<
  Create extends z.ZodObject<ReasonShape>,
  Patch extends z.ZodObject<ReasonShape & VersionShape>,
  Record extends z.ZodType,
> {
  /** Collection path, e.g. /api/v1/reports. */
  path: string;
  /** "report": used in summaries. */
  noun: string;
  create: Create;
  patch: Patch;
  record: Record;
  writes: RecordWrites<Omit<z.output<Create>, 'reason'>, Fields<z.output<Patch>>, z.output<Record>>;
  /**
   * Review before publishing (REVIEW_REQUIRED): an editor's create or update of this kind is kept
   * as a proposal (202) instead. `reviews` narrows which writes (default: every create and update).
   */
  review?: Review;
}

interface Review {
  entity: ProposalEntity;
}

/**
 * Whether this write is kept as a proposal: review is required, the kind is reviewed, and the
 * writer is an editor (admins publish directly: they are the reviewers of last resort).
 */
export function needsReview(
  request: FastifyRequest,
  review: Review | undefined,
  write: 'create' | 'update',
  fields: object,
): review is Review {
  return (
    request.server.reviewRequired &&
    review !== undefined &&
    request.credential?.user.role === 'editor' &&
    isReviewedWrite(review.entity, write, fields)
  );
}

/** The answer to a write kept as a proposal: 202 Accepted, with where the proposal is. */
function proposalAnswer(reply: FastifyReply, proposal: Proposal) {
  return reply.code(202).header('location', `/api/v1/proposals/${proposal.id}`).send(proposal);
}

const REVIEW_NOTE =
  ' When the deployment requires review (REVIEW_REQUIRED), an editor’s write is kept as a ' +
  'proposal instead: the answer is 202 with the proposal (and its address in `Location`), and ' +
  'nothing is public until another editor or an admin approves it.';

const deleteQuerySchema = z.strictObject({
  version: z.coerce.number().int().positive().optional(),
  reason: z.string().trim().max(1000).optional(),
});

/**
 * The version an update is based on: the body's `version`, or the `If-Match` header (`3`, `"3"`
 * or `W/"3"`). Without either the server cannot rule out a lost update, so it refuses (428).
 */
export function expectedVersion(request: FastifyRequest, bodyVersion: number | undefined): number {
  const header = request.headers['if-match'];
  const fromHeader = header === undefined ? undefined : /^(?:W\/)?"?(\d{1,9})"?$/.exec(header)?.[1];
  if (header !== undefined && fromHeader === undefined) {
    throw new ValidationProblem('If-Match must name a version, such as "3".', [
      { path: 'headers.if-match', message: 'must be a version number' },
    ]);
  }
  const version = bodyVersion ?? (fromHeader === undefined ? undefined : Number(fromHeader));
  if (version === undefined) {
    throw new HttpProblem(
      428,
      PROBLEM_TYPES.preconditionRequired,
      'Version required',
      'Send the version your change is based on, as `version` in the body or an If-Match header.',
    );
  }
  if (bodyVersion !== undefined && fromHeader !== undefined && Number(fromHeader) !== bodyVersion) {
    throw new ValidationProblem('The body and the If-Match header name different versions.', [
      { path: 'body.version', message: 'differs from If-Match' },
    ]);
  }
  return version;
}

/**
 * The noun with its indefinite article, by its first sound: "an election", "a report", "a user"
 * (a u read as "you" takes "a").
 */
function withArticle(noun: string): string {
  return `${/^(?:[aeio]|u(?!s|ni))/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

export function registerRecordRoutes<
  Create extends z.ZodObject<ReasonShape>,
  Patch extends z.ZodObject<ReasonShape & VersionShape>,
  Record extends z.ZodType,
>(app: FastifyInstance, routes: RecordRoutes<Create, Patch, Record>) {
  // Fastify validates each request against the schemas given; as those are generic here, the
  // validated values are typed by their schemas' output types.
  type Id = { Params: z.output<typeof idParamsSchema> };
  const tags = ['editing'];
  const refusals = problemResponses(400, 401, 403, 404, 409);
  app.post(
    routes.path,
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags,
        summary: `Create ${withArticle(routes.noun)}`,
        description:
          `Editors and admins. Writes the ${routes.noun} and its history entry in one transaction.` +
          (routes.review ? REVIEW_NOTE : ''),
        security: SIGNED_IN,
        body: routes.create,
        response: {
          201: routes.record,
          ...(routes.review ? { 202: proposalSchema } : {}),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as z.output<Create>;
      const { reason, ...input } = body;
      const userId = request.credential!.user.id;
      if (needsReview(request, routes.review, 'create', input)) {
        const write = { kind: 'create' as const, entity: routes.review.entity, payload: body };
        const [proposal] = await request.server.repositories.proposals.propose([write], userId);
        return proposalAnswer(reply, proposal!);
      }
      return reply.code(201).send(await routes.writes.create(input, { userId, reason }));
    },
  );

  app.get<Id>(
    `${routes.path}/:id/record`,
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags,
        summary: `Read ${withArticle(routes.noun)} for editing`,
        description:
          `Editors and admins. The ${routes.noun} as the editing API answers it, with its ` +
          '`version`: send that version (or an If-Match header) with a change.',
        security: SIGNED_IN,
        params: idParamsSchema,
        response: { 200: routes.record, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      // The editing state of one record, for a signed-in editor: never stored by a cache.
      reply.header('cache-control', 'no-store');
      return routes.writes.readForEdit(request.params.id);
    },
  );

  app.patch<Id>(
    `${routes.path}/:id`,
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags,
        summary: `Update ${withArticle(routes.noun)}`,
        description:
          'Editors and admins. Send only the fields that change, with the `version` the change is ' +
          'based on (or an If-Match header). If the record changed meanwhile, nothing is written and ' +
          'the answer is 409 with the current record in `current`.' +
          (routes.review ? REVIEW_NOTE : ''),
        security: SIGNED_IN,
        params: idParamsSchema,
        body: routes.patch,
        response: {
          200: routes.record,
          ...(routes.review ? { 202: proposalSchema } : {}),
          ...refusals,
          ...problemResponses(428),
        },
      },
    },
    async (request, reply) => {
      const { reason, version, ...patch } = request.body as z.output<Patch>;
      const userId = request.credential!.user.id;
      const base = expectedVersion(request, version);
      if (needsReview(request, routes.review, 'update', patch)) {
        const write = {
          kind: 'update' as const,
          entity: routes.review.entity,
          targetId: request.params.id,
          baseVersion: base,
          payload: { ...patch, reason },
        };
        const [proposal] = await request.server.repositories.proposals.propose([write], userId);
        return proposalAnswer(reply, proposal!);
      }
      return routes.writes.update(request.params.id, base, patch, { userId, reason });
    },
  );

  app.delete<Id & { Querystring: z.output<typeof deleteQuerySchema> }>(
    `${routes.path}/:id`,
    {
      preValidation: app.requireRole('admin'),
      schema: {
        tags,
        summary: `Delete ${withArticle(routes.noun)}`,
        description:
          'Admins only. Its history stays readable. A record that others refer to cannot be ' +
          'deleted (409). `version`, if given, must be the current one.',
        security: SIGNED_IN,
        params: idParamsSchema,
        querystring: deleteQuerySchema,
        response: { 204: z.null().describe('Deleted'), ...refusals },
      },
    },
    async (request, reply) => {
      await routes.writes.remove(request.params.id, request.query.version, {
        userId: request.credential!.user.id,
        reason: request.query.reason,
      });
      return reply.code(204).send(null);
    },
  );
}
