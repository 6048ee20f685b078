import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SEED_SOURCES_DIR, schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { followUpSuggestionListSchema } from '@tracker/shared';
import type { FollowUpSuggestionList } from '@tracker/shared';
import { asUser, signInAs } from '../../../../helpers/accounts.js';
import type { SignedIn } from '../../../../helpers/accounts.js';
import { useTestApp } from '../../../../helpers/app.js';
import { importSeedReportAgain } from '../../../../helpers/imports.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { historyOf } from '../../../../helpers/fixtures.js';
import { seedReport } from '../../../../helpers/seed-expectations.js';

/**
 * Source texts and dismissals of follow-up suggestions are written with history entries, a
 * deleted report's text stays in the history, and the suggestions page runs a fixed number of
 * queries however many suggestions it lists.
 */

const STATEMENT_2023 = seedReport('kz-2023-psfc');
const SOURCE_TEXT = readFileSync(join(SEED_SOURCES_DIR, STATEMENT_2023.sourceFile!), 'utf8');

describe('history of source texts and dismissals', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;
  let admin: SignedIn;

  /** The (one) dismissal recorded for a report. */
  const dismissalOf = async (reportId: number) =>
    (
      await database.db
        .select()
        .from(schema.followUpDismissals)
        .where(eq(schema.followUpDismissals.reportId, reportId))
    )[0];

  /** Imports the 2023 statement again under `slug`, without recommendations. */
  const importAgain = (slug: string) =>
    importSeedReportAgain(app, database.db, editor, 'kz-2023-psfc', slug);

  const followUps = async (id: number): Promise<FollowUpSuggestionList> =>
    followUpSuggestionListSchema.parse(
      (await asUser(editor, request(app.server).get(`/api/v1/reports/${id}/follow-up-suggestions`)))
        .body,
    );

  const dismiss = (reportId: number, suggestionId: string) =>
    asUser(
      editor,
      request(app.server).post(
        `/api/v1/reports/${reportId}/follow-up-suggestions/${suggestionId}/dismissal`,
      ),
    ).expect(204);

  const sourceOf = async (reportId: number) =>
    (
      await database.db
        .select()
        .from(schema.reportSources)
        .where(eq(schema.reportSources.reportId, reportId))
    )[0]!;

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
    admin = await signInAs(app, database.db, 'admin');
  });

  it('records the creation of an imported source text, with its text, off the public list', async () => {
    const reportId = await importAgain('kz-2023-psfc-history-1');
    const source = await sourceOf(reportId);
    const entries = await historyOf(database.db, 'report_source', source.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'create',
      userId: editor.user.id,
      before: null,
      after: { id: source.id, reportId, text: SOURCE_TEXT, textHash: source.textHash },
    });
    // Megabytes of text are not sent with every read of the public changes list.
    const list = await request(app.server).get('/api/v1/changes?pageSize=100').expect(200);
    const types = new Set(list.body.items.map((item: { entityType: string }) => item.entityType));
    expect(types.has('report')).toBe(true);
    expect(types.has('report_source')).toBe(false);
    await request(app.server).get('/api/v1/changes?entityType=report_source').expect(400);
  });

  it('records a dismissal, once', async () => {
    const reportId = await importAgain('kz-2023-psfc-history-2');
    const [suggestion] = (await followUps(reportId)).items;
    await dismiss(reportId, suggestion!.id);
    const dismissal = await dismissalOf(reportId);
    const entries = await historyOf(database.db, 'follow_up_dismissal', dismissal!.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'create',
      userId: editor.user.id,
      before: null,
      after: { reportId, suggestionId: suggestion!.id, sentence: suggestion!.sentence },
    });
  });

  it('keeps a deleted report’s source text and dismissals in the history', async () => {
    const reportId = await importAgain('kz-2023-psfc-history-3');
    const source = await sourceOf(reportId);
    const [suggestion] = (await followUps(reportId)).items;
    await dismiss(reportId, suggestion!.id);
    const dismissal = await dismissalOf(reportId);

    await asUser(admin, request(app.server).delete(`/api/v1/reports/${reportId}`)).expect(204);
    expect(
      await database.db
        .select()
        .from(schema.reportSources)
        .where(eq(schema.reportSources.reportId, reportId)),
    ).toEqual([]);

    const sourceEntries = await historyOf(database.db, 'report_source', source.id);
    expect(sourceEntries.map((entry) => entry.action)).toEqual(['create', 'delete']);
    expect(sourceEntries[1]).toMatchObject({
      userId: admin.user.id,
      before: { id: source.id, reportId, text: SOURCE_TEXT },
      after: null,
    });
    const dismissalEntries = await historyOf(database.db, 'follow_up_dismissal', dismissal!.id);
    expect(dismissalEntries.map((entry) => entry.action)).toEqual(['create', 'delete']);
    expect(dismissalEntries[1]).toMatchObject({
      before: { reportId, suggestionId: suggestion!.id },
      after: null,
    });
  });
});

describe('the follow-up suggestions page', () => {
  let database: TestDatabase;
  let app: App;
  let editor: SignedIn;

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    editor = await signInAs(app, database.db, 'editor');
  });

  /**
   * Counts the statements sent to the database while `run` runs, at the driver both engines'
   * drizzle sessions call (`query` of the pg pool or of PGlite).
   */
  async function countQueries(run: () => Promise<unknown>): Promise<number> {
    const client = (
      database.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }
    ).$client;
    const original = client.query;
    let count = 0;
    client.query = function (this: unknown, ...args: unknown[]) {
      count += 1;
      return original.apply(this, args);
    };
    try {
      await run();
    } finally {
      client.query = original;
    }
    return count;
  }

  it('runs as many queries for many suggestions as for one', async () => {
    const reportId = await importSeedReportAgain(
      app,
      database.db,
      editor,
      'kz-2023-psfc',
      'kz-2023-psfc-queries',
    );
    const path = `/api/v1/reports/${reportId}/follow-up-suggestions`;

    let many: FollowUpSuggestionList | undefined;
    const manyQueries = await countQueries(async () => {
      many = followUpSuggestionListSchema.parse(
        (await asUser(editor, request(app.server).get(path)).expect(200)).body,
      );
    });
    expect(many!.items.length).toBeGreaterThanOrEqual(3);
    expect(manyQueries).toBeGreaterThan(0);

    // Dismissed down to one suggestion: the same number of queries.
    for (const item of many!.items.slice(1)) {
      await asUser(editor, request(app.server).post(`${path}/${item.id}/dismissal`)).expect(204);
    }
    let one: FollowUpSuggestionList | undefined;
    const oneQueries = await countQueries(async () => {
      one = followUpSuggestionListSchema.parse(
        (await asUser(editor, request(app.server).get(path)).expect(200)).body,
      );
    });
    expect(one!.items).toHaveLength(1);
    expect(manyQueries).toBe(oneQueries);
  });
});
