import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { asUser, createToken, signInAs } from '../../../../helpers/accounts.js';
import { buildTestApp, expectProblem } from '../../../../helpers/app.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { historyOf } from '../../../../helpers/fixtures.js';

type Principal = 'anonymous' | 'expired session' | 'bad token' | 'editor' | 'admin';
const PRINCIPALS: Principal[] = ['anonymous', 'expired session', 'bad token', 'editor', 'admin'];
type Method = 'post' | 'patch' | 'delete';

/** Everything that a refused request must leave untouched. */
const COUNTED = [
  'elections',
  'reports',
  'recommendations',
  'assessments',
  'recommendation_links',
  'users',
  'api_tokens',
  'history_entries',
] as const;

/**
 * Every write route against every kind of caller: anonymous, an expired session, a bad token, an
 * editor and an admin. Editors create and update; only admins delete and manage users; the others
 * are refused with 401 and nothing is written.
 */
describe('authorization matrix of the write routes', () => {
  let database: TestDatabase;
  let app: App;
  const auth = {} as Record<Principal, (req: request.Test) => request.Test>;
  let serial = 0;
  const ids = {
    election: 0,
    report: 0,
    assessingReport: 0,
    recommendations: [] as number[],
    laterRecommendations: [] as number[],
  };

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    app = await buildTestApp(database);
    const editor = await signInAs(app, database.db, 'editor');
    const admin = await signInAs(app, database.db, 'admin');
    const editorToken = await createToken(app, editor);
    const expired = await signInAs(app, database.db, 'admin');
    await database.db
      .update(schema.sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(schema.sessions.userId, expired.user.id));
    auth.anonymous = (req) => req;
    auth['expired session'] = (req) => asUser(expired, req);
    auth['bad token'] = (req) => req.set('authorization', 'Bearer odt_forgedtokenthatneverexisted');
    // The editor writes with an API token, the admin with the browser session: both paths.
    auth.editor = (req) => req.set('authorization', `Bearer ${editorToken}`);
    auth.admin = (req) => asUser(admin, req);

    const [election] = await database.db.select().from(schema.elections);
    ids.election = election!.id;
    const [report] = await database.db
      .select()
      .from(schema.reports)
      .where(eq(schema.reports.slug, 'kz-2004-final'));
    ids.report = report!.id;
    const [assessing] = await database.db
      .insert(schema.reports)
      .values({
        slug: 'matrix-assessing-report',
        electionId: ids.election,
        publisher: 'ODIHR',
        kind: 'final_report',
        title: 'An assessing report',
        publishedOn: '2030-01-01',
      })
      .returning();
    ids.assessingReport = assessing!.id;
    ids.recommendations = (
      await database.db
        .select({ id: schema.recommendations.id })
        .from(schema.recommendations)
        .where(eq(schema.recommendations.reportId, ids.report))
        .orderBy(schema.recommendations.position)
    ).map((row) => row.id);
    ids.laterRecommendations = (
      await queryRows<{ id: number }>(
        database.db,
        sql`select r.id from recommendations r join reports rp on rp.id = r.report_id
            where rp.slug = 'kz-2019-final' order by r.position`,
      )
    ).map((row) => row.id);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const counts = async () =>
    (
      await queryRows<Record<string, number>>(
        database.db,
        sql.raw(
          `select ${COUNTED.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`,
        ),
      )
    )[0];

  /** A fresh, valid body for creating each kind of record. */
  const bodies: Record<string, () => Record<string, unknown>> = {
    elections: () => ({ countryCode: 'KZ', kind: 'local', heldOn: `2031-01-${10 + serial++}` }),
    reports: () => ({
      slug: `matrix-report-${serial++}`,
      electionId: ids.election,
      publisher: 'ODIHR',
      kind: 'interim',
      title: 'Interim report',
      publishedOn: '2031-02-01',
    }),
    recommendations: () => ({ reportId: ids.report, number: `M${serial++}`, text: 'A test text.' }),
    assessments: () => ({
      recommendationId: ids.recommendations[serial++]!,
      assessingReportId: ids.assessingReport,
      status: 'partially_implemented',
      quote: 'Partly done.',
    }),
    'recommendation-links': () => ({
      // 2019 recommendations continuing 2004's third, which no seeded link pairs.
      laterRecommendationId: ids.laterRecommendations[serial++ % 31]!,
      earlierRecommendationId: ids.recommendations[2]!,
      kind: 'continues',
      confidence: 'medium',
      note: 'Both ask for the same change.',
    }),
  };
  /** A change each kind of record accepts. */
  const changes: Record<string, Record<string, unknown>> = {
    elections: { early: true },
    reports: { title: 'Renamed' },
    recommendations: { priority: true },
    assessments: { status: 'mostly_implemented' },
    'recommendation-links': { kind: 'repeats' },
  };

  async function attempt(principal: Principal, method: Method, path: string, body?: object) {
    const req = auth[principal](request(app.server)[method](path));
    return body ? req.send(body) : req;
  }

  for (const collection of Object.keys(bodies)) {
    it(`${collection}: create, update and delete by each caller`, async () => {
      const path = `/api/v1/${collection}`;
      // A record made by the admin, for the refused updates and deletes to aim at.
      const target = await attempt('admin', 'post', path, bodies[collection]!());
      expect(target.status).toBe(201);
      const targetPath = `${path}/${target.body.id}`;

      for (const principal of ['anonymous', 'expired session', 'bad token'] as const) {
        const before = await counts();
        expectProblem(await attempt(principal, 'post', path, bodies[collection]!()), 401);
        expectProblem(
          await attempt(principal, 'patch', targetPath, { ...changes[collection], version: 1 }),
          401,
        );
        expectProblem(await attempt(principal, 'delete', targetPath), 401);
        expect(await counts(), `${principal} wrote something`).toEqual(before);
      }

      for (const principal of ['editor', 'admin'] as const) {
        const created = await attempt(principal, 'post', path, bodies[collection]!());
        expect(created.status, `${principal} create`).toBe(201);
        const own = `${path}/${created.body.id}`;
        const updated = await attempt(principal, 'patch', own, {
          ...changes[collection],
          version: 1,
        });
        expect(updated.status, `${principal} update`).toBe(200);
        expect(updated.body.version).toBe(2);

        const before = await counts();
        const deleted = await attempt(principal, 'delete', own);
        if (principal === 'editor') {
          expectProblem(deleted, 403);
          expect(await counts(), 'editor deleted something').toEqual(before);
        } else {
          expect(deleted.status, 'admin delete').toBe(204);
        }
      }
    });
  }

  it('users: only admins list, create and change users', async () => {
    const newUser = () => ({
      email: `matrix-${serial++}@example.org`,
      displayName: 'Matrix',
      role: 'editor',
    });
    for (const principal of PRINCIPALS.filter((p) => p !== 'admin')) {
      const before = await counts();
      const expected = principal === 'editor' ? 403 : 401;
      expectProblem(await attempt(principal, 'post', '/api/v1/users', newUser()), expected);
      expectProblem(await auth[principal](request(app.server).get('/api/v1/users')), expected);
      expect(await counts(), `${principal} wrote something`).toEqual(before);
    }
    const created = await attempt('admin', 'post', '/api/v1/users', newUser());
    expect(created.status).toBe(201);
    const changed = await attempt('admin', 'patch', `/api/v1/users/${created.body.id}`, {
      role: 'admin',
      version: 1,
    });
    expect(changed.status).toBe(200);
    const [entry] = await historyOf(database.db, 'user', created.body.id, 'update');
    expect(entry?.after).toMatchObject({ role: 'admin' });
  });

  it('tells a caller who is not signed in to sign in before judging the body', async () => {
    for (const principal of ['anonymous', 'expired session', 'bad token'] as const) {
      const response = await attempt(principal, 'post', '/api/v1/assessments', { status: 42 });
      expectProblem(response, 401);
    }
  });

  it('history entries cannot be edited or deleted through the API', async () => {
    for (const method of ['post', 'patch', 'put', 'delete'] as const) {
      const response = await auth.admin(request(app.server)[method]('/api/v1/changes/1'));
      expect([404, 405]).toContain(response.status);
    }
  });
});
