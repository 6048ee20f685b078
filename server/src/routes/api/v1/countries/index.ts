import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  countryDetailSchema,
  countryListSchema,
  countryParamsSchema,
  countrySummarySchema,
  noQuerySchema,
} from '@tracker/shared';
import { orNotFound } from '../../../../errors.js';
import { CACHING_NOTE, itemResponses, listResponses } from '../responses.js';

const countryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/countries',
    {
      schema: {
        tags: ['countries'],
        operationId: 'listCountries',
        security: [],
        summary: 'Countries with data',
        description:
          'Every participating State in the data set, by name, with its number of elections, reports and recommendations.' +
          CACHING_NOTE,
        querystring: noQuerySchema,
        response: listResponses(countryListSchema),
      },
    },
    async () => ({ items: await app.repositories.countries.list() }),
  );

  app.get(
    '/api/v1/countries/:code',
    {
      schema: {
        tags: ['countries'],
        operationId: 'getCountry',
        security: [],
        summary: 'A country with its elections and reports',
        description:
          'The country named by its ISO 3166-1 alpha-2 code (`KZ`; lower case is accepted), with its elections (newest first) and the reports on each.' +
          CACHING_NOTE,
        params: countryParamsSchema,
        querystring: noQuerySchema,
        response: itemResponses(countryDetailSchema, 'No country has this code in the data set.'),
      },
    },
    async (request) => {
      const { code } = request.params;
      const country = orNotFound(
        await app.repositories.countries.findByCode(code),
        `No country with code ${code} in the data set.`,
      );
      return { ...country, elections: await app.repositories.elections.listOfCountry(code) };
    },
  );

  app.get(
    '/api/v1/countries/:code/summary',
    {
      schema: {
        tags: ['countries', 'region'],
        operationId: 'getCountrySummary',
        security: [],
        summary: 'A country’s figures by topic and by mission',
        description:
          'For the country page: ODIHR’s recommendations per topic with counts by current status, and for each report that assessed any of them (oldest first) the statuses it gave, for the progress chart. Recommendations of third-party (civil-society) reports are never counted; they are listed apart in `civilSociety`.' +
          CACHING_NOTE,
        params: countryParamsSchema,
        querystring: noQuerySchema,
        response: itemResponses(countrySummarySchema, 'No country has this code in the data set.'),
      },
    },
    async (request) => {
      const { code } = request.params;
      return orNotFound(
        await app.repositories.region.countrySummary(code),
        `No country with code ${code} in the data set.`,
      );
    },
  );
};

export default countryRoutes;
