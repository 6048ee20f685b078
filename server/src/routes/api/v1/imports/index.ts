import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  MAX_REPORT_TEXT_LENGTH,
  importCreatedSchema,
  importParseRequestSchema,
  importParseResultSchema,
  importRequestSchema,
} from '@tracker/shared';
import { proposeMetadata } from '../../../../importer/cover-page.js';
import { parseReport } from '../../../../importer/index.js';
import { SIGNED_IN } from '../../../../plugins/auth.js';
import { problemResponses } from '../responses.js';

/**
 * A report's text may be up to MAX_REPORT_TEXT_LENGTH characters; as JSON, a character can take up
 * to 6 bytes (an escape), so these routes accept larger bodies than the rest of the API.
 */
const TEXT_BODY_LIMIT = MAX_REPORT_TEXT_LENGTH * 6 + 1_048_576;

const refusals = problemResponses(400, 401, 403, 413);

/** The editor workspace: reading a report's text, and saving it with its recommendations. */
const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/imports/parse',
    {
      preValidation: app.requireRole('editor'),
      bodyLimit: TEXT_BODY_LIMIT,
      schema: {
        tags: ['editing'],
        operationId: 'parseReportText',
        summary: 'Read the recommendations of a report’s text',
        description:
          'Editors and admins. Runs the importer on a report’s plain text and answers what it read: the numbered recommendations (number, priority, heading, verbatim text, source lines) and, in `problems`, whatever it could not read with confidence; in `proposedMetadata`, the metadata its cover page states (country, election, report kind, publication, title), each a proposal with its line. Nothing is stored; review the result and save it with `POST /api/v1/imports`.',
        security: SIGNED_IN,
        body: importParseRequestSchema,
        response: { 200: importParseResultSchema, ...refusals },
      },
    },
    async (request) => {
      const result = parseReport(request.body.text);
      return {
        format: result.format,
        recommendations: result.recommendations.map(({ lineStart, lineEnd, ...rest }) => ({
          ...rest,
          sourceLineStart: lineStart,
          sourceLineEnd: lineEnd,
        })),
        problems: result.problems,
        proposedMetadata: proposeMetadata(request.body.text),
      };
    },
  );

  app.post(
    '/api/v1/imports',
    {
      preValidation: app.requireRole('editor'),
      bodyLimit: TEXT_BODY_LIMIT,
      schema: {
        tags: ['editing'],
        operationId: 'importReport',
        summary: 'Save an imported report with its recommendations',
        description:
          'Editors and admins. Creates, in one transaction, the election (and its country) when new, the report, its stored text and its reviewed recommendations (positions in the order sent), each record with its history entry. Invalid rows are a 400 naming them (`body.recommendations.3.number`); a report slug already in use is a 409. So is a text already stored (compared after white space and Unicode forms are normalised) or a second report of the same kind for the same election, naming the existing report, unless `allowDuplicate` is true. A refusal writes nothing.',
        security: SIGNED_IN,
        body: importRequestSchema,
        response: { 201: importCreatedSchema, ...refusals, ...problemResponses(409) },
      },
    },
    async (request, reply) => {
      const created = await app.repositories.reports.importReport(
        request.body,
        request.credential!.user.id,
      );
      return reply.code(201).send(created);
    },
  );
};

export default importRoutes;
