import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '@tracker/db';
import type { Database } from '@tracker/db';
import { electionAlarmListSchema, electionRecordSchema } from '@tracker/shared';
import type { ElectionAlarmList, ElectionKind } from '@tracker/shared';
import { loadConfig } from '@tracker/server';
import type { App } from '@tracker/server';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import { buildTestApp, expectProblem } from '../../../../helpers/app.js';
import { getJson } from '../../../../helpers/api-v1.js';
import { createTestDatabase } from '../../../../helpers/database.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import {
  insertAssessment,
  insertRecommendation,
  insertReport,
} from '../../../../helpers/fixtures.js';

/** Country codes no seed uses. */
const HERE = 'XA';
const ELSEWHERE = 'XB';

async function topicId(db: Database, slug: string): Promise<number> {
  const [topic] = await db.select().from(schema.topics).where(eq(schema.topics.slug, slug));
  return topic!.id;
}

async function country(db: Database, code: string): Promise<number> {
  const [row] = await db
    .insert(schema.countries)
    .values({ code, name: `Country ${code}` })
    .returning();
  return row!.id;
}

async function election(
  db: Database,
  countryId: number,
  heldOn: string,
  kind: ElectionKind = 'parliamentary',
): Promise<number> {
  const [row] = await db.insert(schema.elections).values({ countryId, kind, heldOn }).returning();
  return row!.id;
}

describe('the election-calendar alarm', () => {
  let database: TestDatabase;
  let app: App;
  /** The recommendations of the fixture, by what makes each one in or out. */
  const ids: Record<string, number> = {};
  /** The fixture's countries' ids, by code. */
  const countryIds: Record<string, number> = {};

  const alarms = (path: string, on: App = app): Promise<ElectionAlarmList> =>
    getJson(on, path, electionAlarmListSchema);
  const listed = (alarm: ElectionAlarmList['items'][number]) =>
    alarm.recommendations.map((item) => item.id);

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    app = await buildTestApp(database);
    const { db } = database;
    const legal = await topicId(db, 'legal-framework');
    const media = await topicId(db, 'media');
    const here = (countryIds[HERE] = await country(db, HERE));
    countryIds[ELSEWHERE] = await country(db, ELSEWHERE);

    const first = await election(db, here, '2024-03-10');
    const later = await election(db, here, '2025-05-04');
    const report = await insertReport(db, { electionId: first, publishedOn: '2024-06-01' });
    const followUp = await insertReport(db, { electionId: later, publishedOn: '2025-08-01' });
    const civilSociety = await insertReport(db, {
      electionId: first,
      kind: 'third_party',
      publisher: 'A civil-society group',
      title: 'Briefing',
      publishedOn: '2024-09-01',
    });
    let position = 0;
    const add = async (
      name: string,
      values: { priority?: boolean; topicId?: number | null; reportId?: number },
    ) => {
      position += 1;
      const row = await insertRecommendation(db, {
        reportId: report.id,
        number: String(position),
        position,
        priority: true,
        topicId: legal,
        ...values,
      });
      ids[name] = row.id;
      return row.id;
    };
    await add('notAssessed', {});
    const notImplemented = await add('notImplemented', {});
    const partial = await add('partial', {});
    await add('notPriority', { priority: false });
    await add('media', { topicId: media });
    await add('noTopic', { topicId: null });
    await add('thirdParty', { reportId: civilSociety.id });
    await insertAssessment(db, {
      recommendationId: notImplemented,
      assessingReportId: followUp.id,
      status: 'not_implemented',
    });
    await insertAssessment(db, {
      recommendationId: partial,
      assessingReportId: followUp.id,
      status: 'partially_implemented',
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('lets an editor enter an upcoming election, with no report yet', async () => {
    const editor = await signInAs(app, database.db, 'editor');
    const response = await asUser(editor, request(app.server).post('/api/v1/elections')).send({
      countryCode: HERE,
      kind: 'presidential',
      heldOn: '2028-02-29',
      early: true,
    });
    expect(response.status, response.text).toBe(201);
    const record = electionRecordSchema.parse(response.body);
    expect(record).toMatchObject({ countryCode: HERE, heldOn: '2028-02-29', early: true });
  });

  it('closes the window 12 calendar months before: 29 February 2028 gives 28 February 2027', async () => {
    const answer = await alarms(`/api/v1/election-alarms?country=${HERE}&asOf=2027-01-15`);
    expect(answer.windowMonths).toBe(12);
    expect(answer.legislativeTopics).toEqual(['legal-framework']);
    expect(answer.items).toHaveLength(1);
    const [alarm] = answer.items;
    expect(alarm).toMatchObject({
      country: { code: HERE },
      election: { kind: 'presidential', heldOn: '2028-02-29', early: true },
      windowMonths: 12,
      windowClosesOn: '2027-02-28',
      daysLeft: 44,
      daysToElection: 410,
      atRisk: false,
    });
  });

  it('lists only open ODIHR priority recommendations on a legislative topic', async () => {
    const [alarm] = (await alarms(`/api/v1/election-alarms?country=${HERE}&asOf=2027-01-15`)).items;
    expect(alarm!.recommendationCount).toBe(2);
    expect(listed(alarm!).sort()).toEqual([ids.notAssessed, ids.notImplemented].sort());
    for (const item of alarm!.recommendations) {
      expect(item.priority).toBe(true);
      expect(item.topic?.slug).toBe('legal-framework');
      expect(item.report.thirdParty).toBe(false);
      expect(['not_implemented', 'not_assessed']).toContain(item.currentStatus);
    }
  });

  it('marks the recommendations at risk from the day the window closes', async () => {
    const dayBefore = (await alarms(`/api/v1/election-alarms?country=${HERE}&asOf=2027-02-27`))
      .items[0]!;
    expect(dayBefore).toMatchObject({ daysLeft: 1, atRisk: false });
    const closing = (await alarms(`/api/v1/election-alarms?country=${HERE}&asOf=2027-02-28`))
      .items[0]!;
    expect(closing).toMatchObject({ daysLeft: 0, atRisk: true });
    const after = (await alarms(`/api/v1/election-alarms?country=${HERE}&asOf=2027-06-01`))
      .items[0]!;
    expect(after).toMatchObject({ daysLeft: 0, atRisk: true, daysToElection: 273 });
    expect(after.recommendationCount).toBe(2);
  });

  it('forgets an election once it is held', async () => {
    const onTheDay = await alarms(`/api/v1/election-alarms?country=${HERE}&asOf=2028-02-29`);
    expect(onTheDay.items.map((item) => item.daysToElection)).toEqual([0]);
    const dayAfter = await alarms(`/api/v1/election-alarms?country=${HERE}&asOf=2028-03-01`);
    expect(dayAfter.items).toEqual([]);
  });

  it('answers the whole region, soonest election first, today by default', async () => {
    await election(database.db, countryIds[ELSEWHERE]!, '2027-10-31', 'local');
    const region = await alarms('/api/v1/election-alarms?asOf=2027-01-15');
    const ours = region.items.filter((item) => [HERE, ELSEWHERE].includes(item.country.code));
    expect(ours.map((item) => [item.country.code, item.election.heldOn])).toEqual([
      [ELSEWHERE, '2027-10-31'],
      [HERE, '2028-02-29'],
    ]);
    expect(ours[0]).toMatchObject({
      windowClosesOn: '2026-10-31',
      atRisk: true,
      recommendationCount: 0,
      recommendations: [],
    });
    const today = await alarms('/api/v1/election-alarms');
    expect(today.asOf).toBe(new Date().toISOString().slice(0, 10));
  });

  it('follows the window and topic settings; end of month clamps to the shorter month', async () => {
    const custom = await buildTestApp(database, {
      electionAlarm: { windowMonths: 1, legislativeTopics: ['media'] },
    });
    try {
      await election(database.db, countryIds[HERE]!, '2027-03-31');
      const answer = await alarms(
        `/api/v1/election-alarms?country=${HERE}&asOf=2027-02-01`,
        custom,
      );
      expect(answer.windowMonths).toBe(1);
      expect(answer.legislativeTopics).toEqual(['legal-framework', 'media']);
      expect(answer.items.map((item) => [item.election.heldOn, item.windowClosesOn])).toEqual([
        ['2027-03-31', '2027-02-28'],
        ['2028-02-29', '2028-01-29'],
      ]);
      expect(answer.items[0]).toMatchObject({ daysLeft: 27, atRisk: false });
      expect(listed(answer.items[0]!).sort()).toEqual(
        [ids.notAssessed, ids.notImplemented, ids.media].sort(),
      );
    } finally {
      await custom.close();
    }
  });

  it('refuses bad parameters with a 400 problem', async () => {
    for (const query of ['country=K1', 'asOf=2027-13-01', 'asOf=tomorrow', 'window=3']) {
      expectProblem(await request(app.server).get(`/api/v1/election-alarms?${query}`), 400);
    }
  });

  it('reads its settings from the environment, refusing bad ones', () => {
    const defaults = loadConfig({});
    expect(defaults.LEGAL_CHANGE_WINDOW_MONTHS).toBe(12);
    expect(defaults.LEGISLATIVE_TOPICS).toEqual([]);
    const set = loadConfig({
      LEGAL_CHANGE_WINDOW_MONTHS: '6',
      LEGISLATIVE_TOPICS: 'media, campaign-finance',
    });
    expect(set.LEGAL_CHANGE_WINDOW_MONTHS).toBe(6);
    expect(set.LEGISLATIVE_TOPICS).toEqual(['media', 'campaign-finance']);
    expect(() => loadConfig({ LEGAL_CHANGE_WINDOW_MONTHS: 'a year' })).toThrow(
      /LEGAL_CHANGE_WINDOW_MONTHS/,
    );
    expect(() => loadConfig({ LEGISLATIVE_TOPICS: 'laws' })).toThrow(/LEGISLATIVE_TOPICS/);
  });
});
