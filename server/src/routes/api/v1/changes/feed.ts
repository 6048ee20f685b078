import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TOPICS, atomFeedSchema, changeFeedQuerySchema } from '@tracker/shared';
import { orNotFound } from '../../../../errors.js';
import type { FeedChange } from '../../../../repositories/changes-repository.js';
import { siteUrl } from '../export-response.js';
import { CACHING_NOTE, itemResponses } from '../responses.js';

const ACTIONS: Record<FeedChange['action'], string> = {
  create: 'Created',
  update: 'Updated',
  delete: 'Deleted',
};

/** A field name in words: `currentStatus` -> `current status`. */
function words(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** What changed, in words: the record, the fields, who, when and why. */
function describe(change: FeedChange): { title: string; text: string } {
  const record = change.label ?? `${words(change.entityType.replace('_', ' '))} ${change.entityId}`;
  const title = `${ACTIONS[change.action]} ${record}${change.countryName ? ` (${change.countryName})` : ''}`;
  const fields = change.fields.map(words).join(', ');
  const what =
    change.action === 'update'
      ? `Changed: ${fields || 'no public field'}.`
      : change.action === 'create'
        ? `Created with: ${fields}.`
        : 'Deleted.';
  const who = !change.userName
    ? 'by the system (data import)'
    : change.proposerName
      ? `by ${change.userName} on the proposal of ${change.proposerName}`
      : `by ${change.userName}`;
  const when = `${change.changedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const why = change.reason ? ` Reason: ${change.reason}` : '';
  return { title, text: `${what} ${ACTIONS[change.action]} ${who} on ${when}.${why}` };
}

const feedRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/changes.atom',
    {
      schema: {
        tags: ['changes'],
        operationId: 'changeFeed',
        security: [],
        summary: 'An Atom feed of changes',
        description:
          'The newest 50 changes to the public records as an Atom feed, for a feed reader: of the whole site, or of one country (`country`), topic (`topic`) or recommendation (`recommendation`, with its assessments and lineage links). Each entry says in words what changed: the record, the fields, who, when and why.' +
          CACHING_NOTE,
        querystring: changeFeedQuerySchema,
        response: itemResponses(
          {
            description: 'The feed.',
            content: { 'application/atom+xml': { schema: atomFeedSchema } },
          },
          'No such country or recommendation.',
        ),
      },
    },
    async (request, reply) => {
      const { country, topic, recommendation } = request.query;
      const site = siteUrl(app, request);
      const scope: string[] = [];
      const pages: string[] = [];
      if (country) {
        const found = orNotFound(
          await app.repositories.countries.findByCode(country),
          `No country has code ${country}.`,
        );
        scope.push(`in ${found.name}`);
        pages.push(`${site}/recommendations?country=${found.code}`);
      }
      if (topic) {
        scope.push(`on ${TOPICS.find((known) => known.slug === topic)?.name ?? topic}`);
        pages.push(`${site}/recommendations?topic=${topic}`);
      }
      if (recommendation !== undefined) {
        const found = orNotFound(
          await app.repositories.recommendations.findById(recommendation),
          `No recommendation has id ${recommendation}.`,
        );
        scope.push(`to recommendation ${found.number} of ${found.report.slug}`);
        pages.push(`${site}/recommendations/${recommendation}`);
      }
      const changes = await app.repositories.changes.feed(request.query);
      const self = `${site}${request.url}`;
      // Loaded at the first feed, not at start (with its XML writer), like exceljs.
      const { Feed } = await import('feed');
      const feed = new Feed({
        id: self,
        title: `ODIHR recommendations tracker: changes${scope.length ? ` ${scope.join(', ')}` : ''}`,
        description:
          'Changes to the follow-up of OSCE/ODIHR election recommendations: what changed, who changed it, when and why.',
        link: pages[0] ?? `${site}/`,
        feedLinks: { atom: self },
        updated: new Date(changes[0]?.changedAt ?? 0),
        generator: 'ODIHR recommendations tracker',
        copyright: 'Open data',
      });
      for (const change of changes) {
        const { title, text } = describe(change);
        feed.addItem({
          id: `${site}/api/v1/changes?entityType=${change.entityType}&entityId=${change.entityId}#change-${change.id}`,
          title,
          description: text,
          link:
            change.recommendationId !== null
              ? `${site}/recommendations/${change.recommendationId}`
              : `${site}/`,
          date: new Date(change.changedAt),
          ...(change.userName ? { author: [{ name: change.userName }] } : {}),
        });
      }
      return reply.type('application/atom+xml; charset=utf-8').send(feed.atom1());
    },
  );
};

export default feedRoutes;
