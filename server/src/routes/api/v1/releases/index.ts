import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  notModifiedSchema,
  publishReleaseSchema,
  releaseListSchema,
  releaseParamsSchema,
  releaseSchema,
} from '@tracker/shared';
import { releaseArchivePath } from '@tracker/shared/domain';
import { orNotFound } from '../../../../errors.js';
import { SIGNED_IN } from '../../../../plugins/auth.js';
import { ifNoneMatchIncludes } from '../../../../plugins/http-cache.js';
import { problemResponses } from '../responses.js';

/**
 * Citable data releases: the list and the archives are public; publishing is for admins. Not in
 * the public answer cache: the list changes only when an admin publishes, and an archive never.
 */
const releaseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/releases',
    {
      schema: {
        tags: ['releases'],
        operationId: 'listReleases',
        summary: 'List the data releases',
        description:
          'Every published data release, the newest first: its number (`year.sequence`), notes, the archive’s SHA-256 and size, rows per table, and the records added, changed and removed per table since the previous release.',
        security: [],
        response: { 200: releaseListSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      const items = await app.repositories.releases.list();
      return {
        items: items.map((item) => ({ ...item, archiveUrl: releaseArchivePath(item.number) })),
      };
    },
  );

  app.get(
    '/api/v1/releases/:number/archive.zip',
    {
      schema: {
        tags: ['releases'],
        operationId: 'downloadReleaseArchive',
        summary: 'Download a data release',
        description:
          'The release’s archive, exactly the bytes published (its SHA-256 is in the list and the `ETag`): a zip of every public table as CSV (RFC 4180, UTF-8) and JSON, a Frictionless `datapackage.json` describing every column, a `CITATION.cff`, and `SHA256SUMS` of the files. Immutable: cacheable forever.',
        security: [],
        params: releaseParamsSchema,
        response: {
          200: {
            description: 'The zip archive.',
            content: { 'application/zip': { schema: z.string().meta({ format: 'binary' }) } },
          },
          304: notModifiedSchema,
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { number } = request.params;
      const archive = orNotFound(
        await app.repositories.releases.archive(number),
        `There is no data release ${number}.`,
      );
      const etag = `"${archive.sha256}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('digest', `sha-256=${Buffer.from(archive.sha256, 'hex').toString('base64')}`);
      if (ifNoneMatchIncludes(request.headers['if-none-match'], etag)) {
        return reply.code(304).send(null);
      }
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="odihr-tracker-release-${number}.zip"`)
        .send(archive.bytes as unknown as string); // bytes, not the documented text: sent as they are
    },
  );

  app.post(
    '/api/v1/releases',
    {
      preValidation: app.requireRole('admin'),
      schema: {
        tags: ['releases'],
        operationId: 'publishRelease',
        summary: 'Publish a data release',
        description:
          'Admins only. Takes an immutable snapshot of every public record as the next release of the year (`2026.1`, `2026.2`, ...), stores its archive and answers its summary.',
        security: SIGNED_IN,
        body: publishReleaseSchema,
        response: { 201: releaseSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const release = await app.repositories.releases.publish({
        notes: request.body.notes,
        userId: request.credential!.user.id,
        origin: `${request.protocol}://${request.host}`,
      });
      return reply.code(201).send({ ...release, archiveUrl: releaseArchivePath(release.number) });
    },
  );
};

export default releaseRoutes;
