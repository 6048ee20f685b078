import type { FastifyPluginAsync } from 'fastify';
import { linkInputSchema, linkPatchSchema, linkRecordSchema } from '@tracker/shared';
import { registerRecordRoutes } from '../record-routes.js';

/** Editing lineage links: create, read for editing, update and delete, signed in, never cached. */
const recommendationLinksEditingRoutes: FastifyPluginAsync = async (app) => {
  registerRecordRoutes(app, {
    path: '/api/v1/recommendation-links',
    noun: 'lineage link',
    create: linkInputSchema,
    patch: linkPatchSchema,
    record: linkRecordSchema,
    writes: app.repositories.recommendationLinks,
    review: { entity: 'recommendation_link' },
  });
};

export default recommendationLinksEditingRoutes;
