import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  countryDetailSchema,
  countryListSchema,
  countryParamsSchema,
  noQuerySchema,
} from '@tracker/shared';
import { NotFoundError } from '../../../../errors.js';
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
      const country = await app.repositories.countries.findByCode(code);
      if (!country) throw new NotFoundError(`No country with code ${code} in the data set.`);
      return { ...country, elections: await app.repositories.elections.listOfCountry(code) };
    },
  );
};

export default countryRoutes;
