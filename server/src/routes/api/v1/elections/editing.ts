import type { FastifyPluginAsync } from 'fastify';
import { electionInputSchema, electionPatchSchema, electionRecordSchema } from '@tracker/shared';
import { registerRecordRoutes } from '../record-routes.js';

/** Editing elections: create, read for editing, update and delete, signed in, never cached. */
const electionsEditingRoutes: FastifyPluginAsync = async (app) => {
  registerRecordRoutes(app, {
    path: '/api/v1/elections',
    noun: 'election',
    create: electionInputSchema,
    patch: electionPatchSchema,
    record: electionRecordSchema,
    writes: app.repositories.elections,
  });
};

export default electionsEditingRoutes;
