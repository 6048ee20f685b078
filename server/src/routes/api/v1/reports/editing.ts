import type { FastifyPluginAsync } from 'fastify';
import { reportInputSchema, reportPatchSchema, reportRecordSchema } from '@tracker/shared';
import { registerRecordRoutes } from '../record-routes.js';

/** Editing reports: create, read for editing, update and delete, signed in, never cached. */
const reportsEditingRoutes: FastifyPluginAsync = async (app) => {
  registerRecordRoutes(app, {
    path: '/api/v1/reports',
    noun: 'report',
    create: reportInputSchema,
    patch: reportPatchSchema,
    record: reportRecordSchema,
    writes: app.repositories.reports,
  });
};

export default reportsEditingRoutes;
