import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Transaction } from '@tracker/db';
import {
  assessmentInputSchema,
  assessmentPatchSchema,
  assessmentRecordSchema,
  electionInputSchema,
  electionPatchSchema,
  electionRecordSchema,
  idParamsSchema,
  linkInputSchema,
  linkPatchSchema,
  linkRecordSchema,
  problemSchema,
  recommendationInputSchema,
  recommendationPatchSchema,
  recommendationRecordSchema,
  reportInputSchema,
  reportPatchSchema,
  reportRecordSchema,
} from '@tracker/shared';
import {
  assessmentEntity,
  checkAssessmentOrder,
  checkLinkOrder,
  countryIdOf,
  electionEntity,
  linkEntity,
  nextPosition,
  recommendationEntity,
  reportEntity,
  topicIdOf,
} from '../../../editing/entities.js';
import {
  createRecord,
  deleteRecord,
  readRecord,
  updateRecord,
} from '../../../editing/record-editor.js';
import type { EditableEntity, Row } from '../../../editing/record-editor.js';
import { expectedVersion } from '../../../editing/versions.js';
import { SIGNED_IN } from '../../../plugins/auth.js';

type Values = Record<string, unknown>;

interface EditingRoutes<Create extends z.ZodObject, Patch extends z.ZodObject> {
  /** Collection path, e.g. /api/v1/reports. */
  path: string;
  /** "report": used in summaries. */
  noun: string;
  entity: EditableEntity<unknown>;
  create: Create;
  patch: Patch;
  record: z.ZodType;
  /** Column values for a new record (look-ups run in the write's transaction); default: as sent. */
  toValues?: (tx: Transaction, input: Values, userId: number) => Promise<Values>;
  /** Column values for the changed fields; `current` is the locked row. Default: those sent. */
  toChanges?: (tx: Transaction, input: Values, current: Row) => Promise<Values>;
  /** A rule across records, checked on the record as it would be after the write. */
  check?: (tx: Transaction, record: Values) => Promise<void>;
}

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const deleteQuerySchema = z.strictObject({
  version: z.coerce.number().int().positive().optional(),
  reason: z.string().trim().max(1000).optional(),
});

/**
 * Create (editors), update (editors, with the version the change is based on) and delete
 * (admins) for one kind of record. Every write is one transaction with its history entry.
 */
function registerEditingRoutes<Create extends z.ZodObject, Patch extends z.ZodObject>(
  app: FastifyInstance,
  routes: EditingRoutes<Create, Patch>,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['editing'];
  typed.post(
    routes.path,
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags,
        summary: `Create a ${routes.noun}`,
        description: `Editors and admins. Writes the ${routes.noun} and its history entry in one transaction.`,
        security: SIGNED_IN,
        body: routes.create,
        response: { 201: routes.record, ...refusals },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body as Values & { reason?: string };
      const userId = request.credential!.user.id;
      const record = await createRecord(
        app.db,
        routes.entity,
        async (tx) => {
          const values = routes.toValues ? await routes.toValues(tx, input, userId) : input;
          await routes.check?.(tx, values);
          return values;
        },
        { userId, reason },
      );
      return reply.code(201).send(record);
    },
  );

  typed.get(
    `${routes.path}/:id/record`,
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags,
        summary: `Read a ${routes.noun} for editing`,
        description:
          `Editors and admins. The ${routes.noun} as the editing API answers it, with its ` +
          '`version`: send that version (or an If-Match header) with a change.',
        security: SIGNED_IN,
        params: idParamsSchema,
        response: {
          200: routes.record,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      // The editing state of one record, for a signed-in editor: never stored by a cache.
      reply.header('cache-control', 'no-store');
      return readRecord(app.db, routes.entity, request.params.id);
    },
  );

  typed.patch(
    `${routes.path}/:id`,
    {
      preValidation: app.requireRole('editor'),
      schema: {
        tags,
        summary: `Update a ${routes.noun}`,
        description:
          'Editors and admins. Send only the fields that change, with the `version` the change is ' +
          'based on (or an If-Match header). If the record changed meanwhile, nothing is written and ' +
          'the answer is 409 with the current record in `current`.',
        security: SIGNED_IN,
        params: idParamsSchema,
        body: routes.patch,
        response: { 200: routes.record, ...refusals, 428: problemSchema },
      },
    },
    async (request) => {
      const { reason, version, ...input } = request.body as Values & {
        reason?: string;
        version?: number;
      };
      const userId = request.credential!.user.id;
      return updateRecord(
        app.db,
        routes.entity,
        request.params.id,
        expectedVersion(request, version),
        async (tx, current) => {
          const changes = routes.toChanges
            ? await routes.toChanges(tx, input, current)
            : sent(input);
          await routes.check?.(tx, { ...current, ...changes });
          return changes;
        },
        { userId, reason },
      );
    },
  );

  typed.delete(
    `${routes.path}/:id`,
    {
      preValidation: app.requireRole('admin'),
      schema: {
        tags,
        summary: `Delete a ${routes.noun}`,
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
      await deleteRecord(app.db, routes.entity, request.params.id, request.query.version, {
        userId: request.credential!.user.id,
        reason: request.query.reason,
      });
      return reply.code(204).send(null);
    },
  );
}

/** Keeps the keys that were sent: a patch changes only what it names. */
function sent(input: Values): Values {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

const editingRoutes: FastifyPluginAsyncZod = async (app) => {
  registerEditingRoutes(app, {
    path: '/api/v1/elections',
    noun: 'election',
    entity: electionEntity,
    create: electionInputSchema,
    patch: electionPatchSchema,
    record: electionRecordSchema,
    toValues: async (tx, { countryCode, ...input }) => ({
      ...input,
      countryId: await countryIdOf(tx, countryCode as string),
    }),
    toChanges: async (tx, { countryCode, ...input }) => ({
      ...sent(input),
      ...(countryCode ? { countryId: await countryIdOf(tx, countryCode as string) } : {}),
    }),
  });

  registerEditingRoutes(app, {
    path: '/api/v1/reports',
    noun: 'report',
    entity: reportEntity,
    create: reportInputSchema,
    patch: reportPatchSchema,
    record: reportRecordSchema,
  });

  registerEditingRoutes(app, {
    path: '/api/v1/recommendations',
    noun: 'recommendation',
    entity: recommendationEntity,
    create: recommendationInputSchema,
    patch: recommendationPatchSchema,
    record: recommendationRecordSchema,
    toValues: async (tx, { topic, ...input }) => ({
      ...input,
      position: input.position ?? (await nextPosition(tx, input.reportId as number)),
      topicId: await topicIdOf(tx, topic as never),
    }),
    toChanges: async (tx, { topic, ...input }) => ({
      ...sent(input),
      ...(topic !== undefined ? { topicId: await topicIdOf(tx, topic as never) } : {}),
    }),
  });

  registerEditingRoutes(app, {
    path: '/api/v1/assessments',
    noun: 'assessment',
    entity: assessmentEntity,
    create: assessmentInputSchema,
    patch: assessmentPatchSchema,
    record: assessmentRecordSchema,
    toValues: async (_tx, input, userId) => ({ ...input, recordedBy: userId }),
    check: checkAssessmentOrder,
  });

  registerEditingRoutes(app, {
    path: '/api/v1/recommendation-links',
    noun: 'lineage link',
    entity: linkEntity,
    create: linkInputSchema,
    patch: linkPatchSchema,
    record: linkRecordSchema,
    toValues: async (_tx, input, userId) => ({ ...input, createdBy: userId }),
    check: checkLinkOrder,
  });
};

export default editingRoutes;
