import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  recommendationCsvSchema,
  recommendationExportSchema,
  recommendationFilterQuerySchema,
} from '@tracker/shared';
import type { RecommendationFilterQuery } from '@tracker/shared';
import { ifNoneMatchIncludes } from '../../../../plugins/http-cache.js';
import { CACHING_NOTE, listResponses } from '../responses.js';
import { csvChunks, jsonChunks } from './export-formats.js';

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', chunks: csvChunks },
  json: { type: 'application/json; charset=utf-8', chunks: jsonChunks },
} as const;

const EXPORT_NOTE =
  'Takes the filters of `GET /api/v1/recommendations` (not its sorting or paging): rows come in id order, all of them, streamed as they are read in batches, so an export of any size starts at once and never sits whole in memory. ' +
  'The columns are those of `RecommendationExportRow`; `yearsOpen` is as of today.';

const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  /**
   * Streams the export. Its ETag cannot be a hash of a body not yet written: it is derived from
   * the query, the newest change-history entry (every write adds one) and the date (years open
   * grow daily), so a repeated download of unchanged data is a 304.
   */
  async function sendExport(
    request: FastifyRequest,
    reply: FastifyReply,
    filter: RecommendationFilterQuery,
    format: keyof typeof FORMATS,
  ) {
    const { latestChangeId, today } = await app.repositories.changes.dataVersion();
    const digest = createHash('sha1')
      .update(`${request.url}\n${latestChangeId}\n${today}`)
      .digest('base64url');
    const etag = `W/"${format}-${digest}"`;
    reply.header('etag', etag);
    if (ifNoneMatchIncludes(request.headers['if-none-match'], etag)) {
      return reply.code(304).send();
    }
    reply
      .type(FORMATS[format].type)
      .header('content-disposition', `attachment; filename="recommendations-${today}.${format}"`);
    // A HEAD answers the headers only: do not run the export for nothing.
    if (request.method === 'HEAD') return reply.send();
    // The first batch is read before answering, so that a failure there is still a proper
    // problem response rather than a connection cut after the headers.
    const batches = app.repositories.recommendations.exportBatches(filter);
    const first = await batches.next();
    async function* all() {
      if (first.done) return;
      yield first.value;
      yield* batches;
    }
    return reply.send(Readable.from(FORMATS[format].chunks(all()), { objectMode: false }));
  }

  app.get(
    '/api/v1/recommendations/export.csv',
    {
      schema: {
        tags: ['recommendations'],
        operationId: 'exportRecommendationsCsv',
        security: [],
        summary: 'Export filtered recommendations as CSV',
        description:
          `${EXPORT_NOTE}\n\n` +
          'A CSV file (RFC 4180) for spreadsheets: UTF-8 with a byte-order mark, CRLF line ends, a header row, every text field in double quotes (inner quotes doubled), empty fields for nulls, and `Content-Disposition: attachment`. ' +
          'Against spreadsheet formula injection (OWASP "CSV Injection"), a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms) is written with a leading apostrophe, so a spreadsheet shows it as text and never evaluates it. ' +
          'The ETag of an export changes with any change to the data and each day.' +
          CACHING_NOTE,
        querystring: recommendationFilterQuerySchema,
        response: listResponses({
          description: 'The CSV file.',
          content: { 'text/csv': { schema: recommendationCsvSchema } },
        }),
      },
    },
    async (request, reply) => sendExport(request, reply, request.query, 'csv'),
  );

  app.get(
    '/api/v1/recommendations/export.json',
    {
      schema: {
        tags: ['recommendations'],
        operationId: 'exportRecommendationsJson',
        security: [],
        summary: 'Export filtered recommendations as JSON',
        description:
          `${EXPORT_NOTE}\n\n` +
          'A JSON array of `RecommendationExportRow` objects, the same rows and fields as the CSV export, with `Content-Disposition: attachment`. The ETag of an export changes with any change to the data and each day.' +
          CACHING_NOTE,
        querystring: recommendationFilterQuerySchema,
        response: listResponses(recommendationExportSchema),
      },
    },
    async (request, reply) => sendExport(request, reply, request.query, 'json'),
  );
};

export default exportRoutes;
