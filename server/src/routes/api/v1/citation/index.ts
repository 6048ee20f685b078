import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { citationQuerySchema, citationSchema } from '@tracker/shared';
import {
  CITATION_AUTHOR,
  citationBibtex,
  citationCff,
  citationText,
  clientRouteOf,
  isCitableRoute,
  permalinkOf,
  releaseArchivePath,
} from '@tracker/shared/domain';
import type { CitableRoute } from '@tracker/shared/domain';
import { ValidationProblem } from '../../../../errors.js';
import { siteUrl } from '../export-response.js';
import { CACHING_NOTE, problemResponses } from '../responses.js';

/**
 * The `Link` header of a public answer (RFC 8288): `rel="cite-as"` (RFC 8574) names its permalink,
 * the address with its query normalised; `rel="describedby"` the latest data release's archive,
 * whose `datapackage.json` and `CITATION.cff` describe the data. onSend hook of the public routes,
 * before the answer cache keeps the answer with its headers.
 */
export async function citationLinks(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
) {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) {
    return payload;
  }
  const origin = siteUrl(request.server, request);
  const [path = '/', search = ''] = request.url.split('?', 2);
  const links = [`<${permalinkOf(origin, path, new URLSearchParams(search))}>; rel="cite-as"`];
  const release = await request.server.latestRelease();
  if (release) {
    links.push(
      `<${origin}${releaseArchivePath(release.number)}>; rel="describedby"; type="application/zip"; title="Data release ${release.number}"`,
    );
  }
  reply.header('link', links.join(', '));
  return payload;
}

/** What a page is called in a citation made by the API (the site's own block uses its heading). */
const PAGE_TITLES: Record<CitableRoute, (segments: string[]) => string> = {
  home: () => CITATION_AUTHOR,
  country: ([, code = '']) => `Country ${code.toUpperCase()}`,
  recommendations: () => 'Browse and search recommendations',
  recommendation: ([, id = '']) => `Recommendation ${id}`,
  reports: () => 'Reports',
  report: ([, slug = '']) => `Report ${slug}`,
  reportSource: ([, slug = '']) => `Source text of report ${slug}`,
  about: () => 'About the data and the API',
  releases: () => 'Data releases',
};

/** The web app's page a (percent-encoded) path is, if any. */
function pageOf(path: string) {
  try {
    return clientRouteOf(decodeURI(path));
  } catch {
    return undefined; // malformed escapes: no page
  }
}

/** The path and query of a page or API address of this site; a refusal for anything else. */
function ownAddress(url: string, origin: string): { path: string; query: URLSearchParams } {
  let parsed: URL;
  try {
    parsed = new URL(url, `${origin}/`);
  } catch {
    throw new ValidationProblem('url is not a URL.', [
      { path: 'querystring.url', message: 'not a URL' },
    ]);
  }
  if (parsed.origin !== new URL(origin).origin) {
    throw new ValidationProblem(`url is not an address of this site (${origin}).`, [
      { path: 'querystring.url', message: `must be a path, or an address on ${origin}` },
    ]);
  }
  const path = parsed.pathname;
  if (!path.startsWith('/api/v1/') && !isCitableRoute(pageOf(path))) {
    throw new ValidationProblem('url is neither a public page of the site nor an API address.', [
      { path: 'querystring.url', message: 'must be a public page or an /api/v1/ address' },
    ]);
  }
  return { path, query: parsed.searchParams };
}

const citationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/citation',
    {
      schema: {
        tags: ['releases'],
        operationId: 'citeThis',
        security: [],
        summary: 'How to cite a page or an API answer',
        description:
          'The permalink of a public page of the site or an API address (its query parameters sorted, empty ones dropped), the latest data release, and a suggested citation as text (as the site’s Cite this block shows it), BibTeX and CITATION.cff. Every public API answer names the same permalink in its `Link: <…>; rel="cite-as"` header (RFC 8574), and the latest release’s archive as `rel="describedby"`.' +
          CACHING_NOTE,
        querystring: citationQuerySchema,
        response: { 200: citationSchema, ...problemResponses(400) },
      },
    },
    async (request) => {
      const origin = siteUrl(app, request);
      const { path, query } = ownAddress(request.query.url, origin);
      const permalink = permalinkOf(origin, path, query);
      const route = pageOf(path);
      const title = isCitableRoute(route)
        ? PAGE_TITLES[route](path.split('/').filter(Boolean))
        : `API answer ${permalink.slice(origin.length)}`;
      const latest = await app.latestRelease();
      const parts = {
        title,
        permalink,
        release: latest,
        accessed: new Date().toISOString().slice(0, 10),
      };
      const archiveUrl = latest ? `${origin}${releaseArchivePath(latest.number)}` : undefined;
      return {
        permalink,
        release: latest && archiveUrl ? { ...latest, url: archiveUrl } : null,
        citation: {
          text: citationText(parts, request.query.lang),
          bibtex: citationBibtex(parts),
          cff: citationCff(parts, archiveUrl),
        },
      };
    },
  );
};

export default citationRoutes;
