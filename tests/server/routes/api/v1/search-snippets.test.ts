import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '@tracker/server';
import { buildTestApp } from '../../../../helpers/app.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import {
  insertElection,
  insertRecommendation,
  insertReport,
} from '../../../../helpers/fixtures.js';

/** Text is verbatim: a search snippet quotes it exactly, markup and angle brackets included. */
describe('search snippets', () => {
  let database: TestDatabase;
  let app: App;
  const text =
    'Parliament should publish <b>wombatry</b> rules where turnout < 50% and seats > 10, ' +
    'and strip <script>alert(1)</script> from nothing.';

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    const election = await insertElection(database.db);
    const report = await insertReport(database.db, { electionId: election.id });
    await insertRecommendation(database.db, { reportId: report.id, text });
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('keeps tags and comparison signs in the snippet, and marks the match', async () => {
    const response = await request(app.server)
      .get('/api/v1/recommendations?q=wombatry')
      .expect(200);
    expect(response.body.total).toBe(1);
    const snippet = response.body.items[0].snippet as { text: string; match: boolean }[];
    const shown = snippet.map((segment) => segment.text).join('');
    expect(text).toContain(shown);
    expect(shown).toContain('<b>wombatry</b>');
    expect(shown).toContain('turnout < 50% and seats > 10');
    expect(snippet.filter((segment) => segment.match).map((segment) => segment.text)).toEqual([
      'wombatry',
    ]);
  });
});
