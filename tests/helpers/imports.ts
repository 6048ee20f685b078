import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { expect } from 'vitest';
import { schema, SEED_SOURCES_DIR } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { App } from '@tracker/server';
import { asUser } from './accounts.js';
import type { SignedIn } from './accounts.js';
import { seedReport } from './seed-expectations.js';

/**
 * Imports a seeded report's text again as a new report `newSlug` of the same election, without
 * recommendations, so that none of its follow-up sentences is recorded yet. The same text and a
 * second report of the same kind for the election are duplicates, saved here on purpose.
 * Returns the new report's id.
 */
export async function importSeedReportAgain(
  app: App,
  db: Database,
  editor: SignedIn,
  seedSlug: string,
  newSlug: string,
): Promise<number> {
  const { election: _election, ...report } = seedReport(seedSlug);
  const [election] = await db
    .select({ id: schema.elections.id })
    .from(schema.elections)
    .innerJoin(schema.reports, eq(schema.reports.electionId, schema.elections.id))
    .where(eq(schema.reports.slug, seedSlug));
  expect(election, `${seedSlug} is seeded`).toBeDefined();
  const response = await asUser(editor, request(app.server).post('/api/v1/imports'))
    .send({
      election: { id: election!.id },
      report: { ...report, slug: newSlug },
      sourceText: readFileSync(join(SEED_SOURCES_DIR, report.sourceFile!), 'utf8'),
      recommendations: [],
      allowDuplicate: true,
    })
    .expect(201);
  return response.body.report.id as number;
}
