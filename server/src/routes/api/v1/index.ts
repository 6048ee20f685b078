import type { FastifyPluginAsync } from 'fastify';
import assessmentRoutes from './assessments/index.js';
import assessmentEditingRoutes from './assessments/editing.js';
import assessmentExportRoutes from './assessments/export.js';
import authRoutes from './auth/index.js';
import changeRoutes from './changes/index.js';
import changeFeedRoutes from './changes/feed.js';
import changeRevertRoutes from './changes/revert.js';
import citationRoutes, { citationLinks } from './citation/index.js';
import countryRoutes from './countries/index.js';
import electionAlarmRoutes from './election-alarms/index.js';
import electionRoutes from './elections/index.js';
import electionEditingRoutes from './elections/editing.js';
import importRoutes from './imports/index.js';
import linkEditingRoutes from './recommendation-links/editing.js';
import linkExportRoutes from './recommendation-links/export.js';
import proposalRoutes from './proposals/review.js';
import recommendationEditingRoutes from './recommendations/editing.js';
import exportRoutes from './recommendations/export.js';
import recommendationRoutes from './recommendations/index.js';
import lineageSuggestionRoutes from './recommendations/lineage-suggestions.js';
import reportEditingRoutes from './reports/editing.js';
import followUpSuggestionRoutes from './reports/follow-up-suggestions.js';
import releaseRoutes from './releases/index.js';
import reportRoutes from './reports/index.js';
import regionRoutes from './region/index.js';
import statisticsRoutes from './statistics/index.js';
import topicRoutes from './topics/index.js';
import userRoutes from './users/index.js';
import { keepAnswer, noteAnswerGeneration } from '../../../plugins/answer-cache.js';
import { publicCacheHook } from '../../../plugins/http-cache.js';

/**
 * The public read API, version 1: no sign-in, cacheable, documented at /docs. Each resource
 * folder's `index.ts` holds its public reads.
 */
const publicApi: FastifyPluginAsync = async (app) => {
  // Encapsulated here: only these routes' answers are public and cacheable (cached ones are
  // answered before they reach Fastify: answerFromCache). The answer is kept before
  // publicCacheHook may turn it into a bodiless 304.
  app.addHook('onRequest', noteAnswerGeneration);
  // The citation's Link header first: a kept answer is replayed with it.
  app.addHook('onSend', citationLinks);
  app.addHook('onSend', keepAnswer);
  app.addHook('onSend', publicCacheHook);
  await app.register(countryRoutes);
  await app.register(electionRoutes);
  await app.register(electionAlarmRoutes);
  await app.register(topicRoutes);
  await app.register(reportRoutes);
  await app.register(recommendationRoutes);
  await app.register(exportRoutes);
  await app.register(assessmentRoutes);
  await app.register(assessmentExportRoutes);
  await app.register(linkExportRoutes);
  await app.register(statisticsRoutes);
  await app.register(regionRoutes);
  await app.register(changeRoutes);
  await app.register(changeFeedRoutes);
  await app.register(citationRoutes);
};

/**
 * The signed-in API, version 1: accounts, editing, imports and suggestions. Outside the public
 * context, so none of these answers is ever cached; each resource folder's other files hold them.
 */
const signedInApi: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(electionEditingRoutes);
  await app.register(reportEditingRoutes);
  await app.register(recommendationEditingRoutes);
  await app.register(assessmentEditingRoutes);
  await app.register(linkEditingRoutes);
  await app.register(importRoutes);
  await app.register(followUpSuggestionRoutes);
  await app.register(lineageSuggestionRoutes);
  await app.register(changeRevertRoutes);
  await app.register(proposalRoutes);
};

/** Version 1 of the API: one folder per URL resource, holding all of that resource's routes. */
const apiV1: FastifyPluginAsync = async (app) => {
  await app.register(publicApi);
  await app.register(signedInApi);
  // Public reads outside the answer cache, and an admin's write: releases change only by publishing.
  await app.register(async (releases) => {
    releases.addHook('onSend', citationLinks);
    await releases.register(releaseRoutes);
  });
};

export default apiV1;
