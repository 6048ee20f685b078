import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  MAX_REPORT_PDF_BYTES,
  MAX_REPORT_TEXT_LENGTH,
  PROBLEM_TYPES,
  importCreatedSchema,
  importParseRequestSchema,
  importParseResultSchema,
  importRequestSchema,
} from '@tracker/shared';
import { HttpProblem } from '../../../../errors.js';
import { ParseTimeoutError, parseInWorker } from '../../../../importer/index.js';
import type { ParseJob } from '../../../../importer/index.js';
import { proposeMetadata } from '../../../../importer/cover-page.js';
import { SIGNED_IN } from '../../../../plugins/auth.js';
import { problemResponses } from '../responses.js';

/**
 * A report's text may be up to MAX_REPORT_TEXT_LENGTH characters; as JSON, a character can take up
 * to 6 bytes (an escape), so these routes accept larger bodies than the rest of the API.
 */
const TEXT_BODY_LIMIT = MAX_REPORT_TEXT_LENGTH * 6 + 1_048_576;

const refusals = problemResponses(400, 401, 403, 413);

const UNREADABLE_TITLE = {
  'not-pdf': 'Not a PDF',
  encrypted: 'Encrypted PDF',
  'no-text': 'PDF without text',
  damaged: 'Damaged PDF',
  'too-large': 'PDF too large',
} as const;

/** Reads a report in a worker thread and answers the parse result, or the problem. */
async function parse(job: ParseJob) {
  let outcome;
  try {
    outcome = await parseInWorker(job);
  } catch (error) {
    if (error instanceof ParseTimeoutError) {
      throw new HttpProblem(
        422,
        PROBLEM_TYPES.badRequest,
        'Report too slow to read',
        error.message,
      );
    }
    throw error;
  }
  if (!outcome.ok) {
    throw new HttpProblem(
      outcome.reason === 'too-large' ? 413 : 422,
      outcome.reason === 'too-large' ? PROBLEM_TYPES.payloadTooLarge : PROBLEM_TYPES.badRequest,
      UNREADABLE_TITLE[outcome.reason],
      outcome.message,
    );
  }
  const { result, pdf } = outcome;
  return {
    format: result.format,
    recommendations: result.recommendations.map(({ lineStart, lineEnd, ...rest }, index) => ({
      ...rest,
      sourceLineStart: lineStart,
      sourceLineEnd: lineEnd,
      ...(pdf
        ? {
            sourcePageStart: pdf.recommendationPages[index]?.pageStart ?? null,
            sourcePageEnd: pdf.recommendationPages[index]?.pageEnd ?? null,
          }
        : {}),
    })),
    problems: result.problems,
    removed: result.removed,
    proposedMetadata: proposeMetadata(pdf ? pdf.text : job.kind === 'text' ? job.text : ''),
    ...(pdf ? { source: { text: pdf.text, pages: pdf.pages } } : {}),
  };
}

/** The editor workspace: importing a report, and the suggestions that help record follow-up. */
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
          'Editors and admins. Runs the importer on a report’s plain text and answers what it read: the numbered recommendations (number, priority, heading, verbatim text, source lines) and, in `problems`, whatever it could not read with confidence; `removed` lists the footnotes, footnote references and page furniture left out of recommendation texts. Nothing is stored; review the result and save it with `POST /api/v1/imports`. The text is read in a worker thread with a time limit (422 past it).',
        security: SIGNED_IN,
        body: importParseRequestSchema,
        response: { 200: importParseResultSchema, ...refusals, ...problemResponses(422) },
      },
    },
    async (request) => parse({ kind: 'text', text: request.body.text }),
  );

  // A PDF upload is the raw file as the request body (Content-Type: application/pdf).
  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: MAX_REPORT_PDF_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/v1/imports/parse-pdf',
    {
      preValidation: app.requireRole('editor'),
      bodyLimit: MAX_REPORT_PDF_BYTES,
      schema: {
        tags: ['editing'],
        operationId: 'parseReportPdf',
        summary: 'Read the recommendations of a report’s PDF',
        description: `Editors and admins. The request body is the PDF file itself (\`Content-Type: application/pdf\`, up to ${MAX_REPORT_PDF_BYTES} bytes). Extracts its text (running headers, footers and page numbers left out; footnotes kept at the foot of each page) and reads it as \`POST /api/v1/imports/parse\` does. The answer adds \`source\`: the extracted text, which is what to save as the report’s \`text\` (line numbers refer to it), with the lines of each page; each recommendation has \`sourcePageStart\`/\`sourcePageEnd\`. An unreadable upload is a 422 saying why (not a PDF, encrypted, no text, damaged); over the size limit, a 413. Nothing is stored.`,
        security: SIGNED_IN,
        response: {
          200: importParseResultSchema,
          ...refusals,
          ...problemResponses(415, 422),
        },
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new HttpProblem(
          400,
          PROBLEM_TYPES.badRequest,
          'No PDF',
          'Send the PDF file as the request body, with Content-Type: application/pdf',
        );
      }
      return parse({ kind: 'pdf', data: new Uint8Array(body) });
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
