import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { electionAlarmListSchema, electionAlarmQuerySchema } from '@tracker/shared';
import { CACHING_NOTE, listResponses } from '../responses.js';

const electionAlarmRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/election-alarms',
    {
      schema: {
        tags: ['elections'],
        operationId: 'listElectionAlarms',
        security: [],
        summary: 'The election-calendar alarm',
        description:
          'For each upcoming election (election day on or after `asOf`), soonest first: the date when the window before it closes (the Venice Commission’s Code of Good Practice in Electoral Matters, II.2.b: fundamental elements of electoral law should not be open to amendment less than one year before an election; the window is the LEGAL_CHANGE_WINDOW_MONTHS setting, 12 by default), the days left, and the open ODIHR priority recommendations to the country on a topic that needs a change of law (legal framework, and the topics of the LEGISLATIVE_TOPICS setting). Once the window has closed they are at risk for that election. Third-party recommendations never count.' +
          CACHING_NOTE,
        querystring: electionAlarmQuerySchema,
        response: listResponses(electionAlarmListSchema),
      },
    },
    async (request) => app.repositories.electionAlarms.list(request.query),
  );
};

export default electionAlarmRoutes;
