import type { FastifyPluginAsync } from 'fastify';
import {
  recommendationInputSchema,
  recommendationPatchSchema,
  recommendationRecordSchema,
  REVIEWED_RECOMMENDATION_FIELDS,
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
    // Only edits of what its public status depends on wait for review; a new recommendation has
    // no status until it is assessed.
    review: {
      entity: 'recommendation',
      reviews: (write, fields) =>
        write === 'update' && REVIEWED_RECOMMENDATION_FIELDS.some((field) => field in fields),
    },
  });
};

export default recommendationsEditingRoutes;
