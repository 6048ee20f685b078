import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { csvExportSchema, xlsxExportSchema } from '@tracker/shared';
import { ifNoneMatchIncludes } from '../../../plugins/http-cache.js';
import type { ExportBatches } from '../../../repositories/keyset-batches.js';
import { CACHING_NOTE, listResponses } from './responses.js';

type FastifyZodInstance = Parameters<FastifyPluginAsyncZod>[0];

export type ExportFormat = 'csv' | 'json' | 'xlsx';

const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * CSV text after a byte-order mark, so spreadsheets read UTF-8: the header row, then each batch's
 * records as PostgreSQL wrote them (`ExportBatches.csv`, which also says how a field is written).
 */
async function* csvChunks(columns: readonly PropertyKey[], batches: AsyncIterable<string>) {
  yield `\uFEFF${columns.map((column) => `"${String(column)}"`).join(',')}\r\n`;
  yield* batches;
}

/** A JSON array, one batch of rows at a time. */
async function* jsonChunks<Row>(batches: AsyncIterable<Row[]>) {
  let first = true;
  yield '[';
  for await (const batch of batches) {
    const items = batch.map((row) => JSON.stringify(row));
    yield `${first ? '\n' : ',\n'}${items.join(',\n')}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

/**
 * An XLSX workbook of one sheet, written by exceljs's streaming writer: each row is committed
 * (written out) as it comes, so the workbook never sits whole in memory. Texts are stored as
 * text cells, never formulas, so they need no neutralising. exceljs is loaded at the first XLSX
 * export, not at start: its 400-odd modules (zip, streams, XML) made a fifth of the idle server's
 * memory, for a format few requests ask for.
 */
function xlsxStream<Row>(
  sheetName: string,
  columns: readonly (keyof Row)[],
  batches: AsyncIterable<Row[]>,
): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: false,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet(sheetName);
      sheet.addRow(columns.map(String)).commit();
      for await (const batch of batches) {
        for (const row of batch) sheet.addRow(columns.map((column) => row[column])).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** What one export streams: its rows, columns, and the words that name its file. */
export interface ExportSpec<Row> {
  /** The table's name: the file name's start and the XLSX sheet's name. */
  table: string;
  columns: readonly (keyof Row)[];
  /** The query's filters (and sort), each named in the file name. */
  query: Record<string, unknown>;
  batches: () => ExportBatches<Row>;
}

/** Words for a filter's value in a file name: `KZ`, `priority`, `from-2019`, `by-status-desc`. */
function filterWords(key: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return [value.map(String).join('+')];
  if (typeof value === 'boolean') {
    const words: Record<string, [string, string]> = {
      priority: ['priority', 'not-priority'],
      unaddressed: ['unaddressed', 'addressed'],
      thirdParty: ['third-party', 'odihr'],
    };
    const pair = words[key] ?? [key, `not-${key}`];
    return [value ? pair[0] : pair[1]];
  }
  switch (key) {
    case 'yearFrom':
      return [`from-${String(value)}`];
    case 'yearTo':
      return [`to-${String(value)}`];
    case 'q':
      return ['search'];
    case 'sort':
      return [`by-${String(value)}`];
    default:
      return [String(value)];
  }
}

/**
 * The file name of an export: the table, what was filtered, the date
 * (`recommendations-KZ-priority-2026-12-01.csv`); only letters, digits, `+`, `-` and `.`.
 */
function exportFileName(
  table: string,
  query: Record<string, unknown>,
  today: string,
  format: ExportFormat,
): string {
  const words = Object.entries(query).flatMap(([key, value]) => filterWords(key, value));
  const middle = words
    .join('-')
    .replace(/[^A-Za-z0-9+.-]+/g, '-')
    .slice(0, 120);
  return `${[table, middle, today].filter(Boolean).join('-')}.${format}`;
}

/**
 * Streams an export. Its ETag cannot be a hash of a body not yet written: it is derived from the
 * query, the newest change-history entry (every write adds one) and the date (years open grow
 * daily), so a repeated download of unchanged data is a 304.
 */
async function sendExport<Row>(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  format: ExportFormat,
  spec: ExportSpec<Row>,
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
    .type(EXPORT_TYPES[format])
    .header(
      'content-disposition',
      `attachment; filename="${exportFileName(spec.table, spec.query, today, format)}"`,
    );
  // A HEAD answers the headers only: do not run the export for nothing.
  if (request.method === 'HEAD') return reply.send();
  // The first batch is read before answering, so that a failure there is still a proper
  // problem response rather than a connection cut after the headers.
  const source = spec.batches();
  if (format === 'csv') {
    const lines = await readAhead(source.csv());
    return reply.send(Readable.from(csvChunks(spec.columns, lines), { objectMode: false }));
  }
  const rows = await readAhead(source.rows());
  if (format === 'xlsx') return reply.send(xlsxStream(spec.table, spec.columns, rows));
  return reply.send(Readable.from(jsonChunks(rows), { objectMode: false }));
}

/** `batches` with the first read already: a failure there throws here, before any answer. */
async function readAhead<Batch>(batches: AsyncGenerator<Batch>): Promise<AsyncGenerator<Batch>> {
  const first = await batches.next();
  async function* all() {
    if (first.done) return;
    yield first.value;
    yield* batches;
  }
  return all();
}

interface ExportRoutes<Query extends z.ZodType, Row> {
  /** The resource's path, e.g. `/api/v1/assessments`; the routes add `/export.csv` etc. */
  path: string;
  tag: string;
  /** Operation id stem, e.g. `exportAssessments` (`exportAssessmentsCsv`). */
  operationId: string;
  /** What is exported, in words: `assessments`. */
  noun: string;
  /** Which filters it takes and in which order the rows come. */
  note: string;
  querystring: Query;
  rows: z.ZodType;
  spec: (query: z.output<Query>, request: FastifyRequest) => ExportSpec<Row>;
}

const CSV_NOTE =
  'A CSV file (RFC 4180) for spreadsheets: UTF-8 with a byte-order mark, CRLF line ends, a header row, every text field in double quotes (inner quotes doubled), empty fields for nulls, and `Content-Disposition: attachment`. ' +
  'Against spreadsheet formula injection (OWASP "CSV Injection"), a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms) is written with a leading apostrophe, so a spreadsheet shows it as text and never evaluates it.';

const STREAM_NOTE =
  'Rows are streamed as they are read in batches, so an export of any size starts at once and never sits whole in memory. The file name (`Content-Disposition`) names the table, the filters and the date. The ETag changes with any change to the data and each day.';

/** The CSV, JSON and XLSX export routes of one resource, documented in OpenAPI. */
export function registerExports<Query extends z.ZodType, Row>(
  app: FastifyZodInstance,
  options: ExportRoutes<Query, Row>,
) {
  const formats: { format: ExportFormat; label: string; detail: string; ok: unknown }[] = [
    {
      format: 'csv',
      label: 'CSV',
      detail: CSV_NOTE,
      ok: { description: 'The CSV file.', content: { 'text/csv': { schema: csvExportSchema } } },
    },
    {
      format: 'json',
      label: 'JSON',
      detail: 'A JSON array of the rows, the same fields as the CSV columns.',
      ok: options.rows,
    },
    {
      format: 'xlsx',
      label: 'XLSX',
      detail:
        'An Excel workbook of one sheet, the same columns and rows as the CSV; texts are text cells, never formulas.',
      ok: {
        description: 'The workbook.',
        content: { [EXPORT_TYPES.xlsx.split(';')[0]!]: { schema: xlsxExportSchema } },
      },
    },
  ];
  for (const { format, label, detail, ok } of formats) {
    app.get(
      `${options.path}/export.${format}`,
      {
        schema: {
          tags: [options.tag],
          operationId: `${options.operationId}${label.charAt(0)}${label.slice(1).toLowerCase()}`,
          security: [],
          summary: `Export filtered ${options.noun} as ${label}`,
          description: `${options.note}\n\n${detail} ${STREAM_NOTE}${CACHING_NOTE}`,
          querystring: options.querystring,
          response: listResponses(ok),
        },
      },
      async (request, reply) =>
        sendExport(
          app,
          request,
          reply,
          format,
          options.spec(request.query as z.output<Query>, request),
        ),
    );
  }
}

/**
 * The site's own address for links in exports and feeds: the configured PUBLIC_URL, else the
 * address the request came to (its Host, or X-Forwarded-Host behind a trusted proxy).
 */
export function siteUrl(app: FastifyInstance, request: FastifyRequest): string {
  return app.publicUrl ?? `${request.protocol}://${request.host}`;
}
