import { eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { expectProblem, useTestApp } from '../../../../helpers/app.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { recommendationIdOf } from '../../../../helpers/fixtures.js';

interface AtomEntry {
  id: string;
  title: unknown;
  updated: string;
  summary: unknown;
  link: { '@_href': string } | { '@_href': string }[];
  author?: { name: string };
}

/** Parses an Atom answer: the feed element with its entries (always a list). */
function parseAtom(xml: string) {
  const parsed = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'entry',
    textNodeName: '#text',
  }).parse(xml) as { feed?: Record<string, unknown> & { entry?: AtomEntry[] } };
  const feed = parsed.feed;
  expect(feed).toBeDefined();
  expect(feed!['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  expect(feed!.id).toEqual(expect.any(String));
  expect(feed!.title).toEqual(expect.any(String));
  expect(feed!.updated).toEqual(expect.any(String));
  // A text construct is a string, or an object with its `type` attribute and the text.
  const text = (value: unknown) =>
    typeof value === 'string' ? value : String((value as { '#text': string })['#text']);
  return {
    feed: feed!,
    entries: (feed!.entry ?? []).map((entry) => ({
      ...entry,
      title: text(entry.title),
      summary: text(entry.summary),
    })),
  };
}

describe('Atom feeds of changes', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;
  let id: number;

  useTestApp(
    'seeded',
    async (opened) => {
      ({ database, app } = opened);
      editor = await signInAs(app, database.db, 'editor');
      id = await recommendationIdOf(database.db, 'kz-2019-final', '13');
      await asUser(editor, request(app.server).patch(`/api/v1/recommendations/${id}`))
        .send({
          heading: 'Feed-worthy heading',
          version: 1,
          reason: 'Heading corrected for the feed test',
        })
        .expect(200);
    },
    { publicUrl: 'https://tracker.example.org' },
  );

  it('shows the change made, in words, in the feeds of the site, the country, the topic and the recommendation', async () => {
    const [topic] = await database.db
      .select({ slug: schema.topics.slug })
      .from(schema.recommendations)
      .innerJoin(schema.topics, eq(schema.topics.id, schema.recommendations.topicId))
      .where(eq(schema.recommendations.id, id));
    for (const path of [
      '/api/v1/changes.atom',
      '/api/v1/changes.atom?country=KZ',
      `/api/v1/changes.atom?topic=${topic!.slug}`,
      `/api/v1/changes.atom?recommendation=${id}`,
    ]) {
      const response = await request(app.server).get(path).buffer(true);
      expect(response.status, path).toBe(200);
      expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const { entries } = parseAtom(response.text);
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.length).toBeLessThanOrEqual(50);
      const newest = entries[0]!;
      expect(newest.title, path).toBe('Updated recommendation 13 of kz-2019-final (Kazakhstan)');
      expect(newest.summary).toContain('Changed: heading');
      expect(newest.summary).toContain('by Test editor');
      expect(newest.summary).toContain('Reason: Heading corrected for the feed test');
      const links = [newest.link].flat().map((link) => link['@_href']);
      expect(links).toContain(`https://tracker.example.org/recommendations/${id}`);
    }
  });

  it('leaves out changes of other countries, topics and recommendations', async () => {
    const other = await request(app.server).get('/api/v1/changes.atom?country=FR').buffer(true);
    // A country the data set does not hold is not found.
    expectProblem(other, 404);
    const otherRecommendation = await request(app.server)
      .get(`/api/v1/changes.atom?recommendation=${id + 1}`)
      .buffer(true);
    const { entries } = parseAtom(otherRecommendation.text);
    expect(entries.every((entry) => !entry.title.includes('recommendation 13 of'))).toBe(true);
  });

  it('refuses bad parameters with a problem', async () => {
    expectProblem(await request(app.server).get('/api/v1/changes.atom?topic=nope'), 400);
    expectProblem(await request(app.server).get('/api/v1/changes.atom?recommendation=0'), 400);
    expectProblem(await request(app.server).get('/api/v1/changes.atom?since=2020'), 400);
    expectProblem(await request(app.server).get('/api/v1/changes.atom?recommendation=999999'), 404);
  });
});
