import type { FastifyPluginAsync } from 'fastify';
import {
  recommendationInputSchema,
  recommendationPatchSchema,
  recommendationRecordSchema,
} from '@tracker/shared';
import { registerRecordRoutes } from '../record-routes.js';

/** Editing recommendations: create, read for editing, update and delete, signed in, never cached. */
const recommendationsEditingRoutes: FastifyPluginAsync = async (app) => {
  registerRecordRoutes(app, {
    path: '/api/v1/recommendations',
    noun: 'recommendation',
    create: recommendationInputSchema,
    patch: recommendationPatchSchema,
    record: recommendationRecordSchema,
    writes: app.repositories.recommendations,
    // Only edits of what its public status depends on wait for review (isReviewedWrite).
    review: { entity: 'recommendation' },
  });
};

export default recommendationsEditingRoutes;
