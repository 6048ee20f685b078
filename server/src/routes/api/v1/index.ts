import type { FastifyPluginAsync } from 'fastify';
import assessmentRoutes from './assessments/index.js';
import changeRoutes from './changes/index.js';
import countryRoutes from './countries/index.js';
import electionRoutes from './elections/index.js';
import exportRoutes from './recommendations/export.js';
import recommendationRoutes from './recommendations/index.js';
import reportRoutes from './reports/index.js';
import statisticsRoutes from './statistics/index.js';
import topicRoutes from './topics/index.js';
import { keepAnswer, noteAnswerGeneration } from '../../../plugins/answer-cache.js';
import { publicCacheHook } from '../../../plugins/http-cache.js';

/** The public read API, version 1: no sign-in, cacheable, documented at /docs. */
const publicApiV1: FastifyPluginAsync = async (app) => {
  // Encapsulated here: only these routes' answers are public and cacheable (cached ones are
  // answered before they reach Fastify: answerFromCache). The answer is kept before
  // publicCacheHook may turn it into a bodiless 304.
  app.addHook('onRequest', noteAnswerGeneration);
  app.addHook('onSend', keepAnswer);
  app.addHook('onSend', publicCacheHook);
  await app.register(countryRoutes);
  await app.register(electionRoutes);
  await app.register(topicRoutes);
  await app.register(reportRoutes);
  await app.register(recommendationRoutes);
  await app.register(exportRoutes);
  await app.register(assessmentRoutes);
  await app.register(statisticsRoutes);
  await app.register(changeRoutes);
};

export default publicApiV1;
