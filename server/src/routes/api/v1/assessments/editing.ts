import type { FastifyPluginAsync } from 'fastify';
import {
  assessmentInputSchema,
  assessmentPatchSchema,
  assessmentRecordSchema,
} from '@tracker/shared';
import { registerRecordRoutes } from '../record-routes.js';

/** Editing assessments: create, read for editing, update and delete, signed in, never cached. */
const assessmentsEditingRoutes: FastifyPluginAsync = async (app) => {
  registerRecordRoutes(app, {
    path: '/api/v1/assessments',
    noun: 'assessment',
    create: assessmentInputSchema,
    patch: assessmentPatchSchema,
    record: assessmentRecordSchema,
    writes: app.repositories.assessments,
  });
};

export default assessmentsEditingRoutes;
