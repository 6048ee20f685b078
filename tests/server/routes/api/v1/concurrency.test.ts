import { eq } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { schema } from '@tracker/db';
import type { App } from '@tracker/server';
import { createToken, signInAs } from '../../../../helpers/accounts.js';
import { useTestApp } from '../../../../helpers/app.js';
import type { TestDatabase } from '../../../../helpers/database.js';
import { historyOf, storedRecommendation } from '../../../../helpers/fixtures.js';

const CLIENTS = 12;
const ROUNDS = 5;

/**
 * Many editors update one record at once, each from the version they read. On PostgreSQL the
 * requests really run in parallel on several connections; the row lock decides.
 */
describe('simultaneous updates of one record', () => {
  let database: TestDatabase;
  let app: App;
  const tokens: string[] = [];

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    for (let client = 0; client < CLIENTS; client++) {
      tokens.push(await createToken(app, await signInAs(app, database.db, 'editor')));
    }
  });

  it('lets exactly one update per version win, refuses the others, and loses none', async () => {
    const [target] = await database.db
      .select()
      .from(schema.recommendations)
      .where(eq(schema.recommendations.number, '20'));
    const path = `/api/v1/recommendations/${target!.id}`;
    const winners: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const version = target!.version + round;
      const responses = await Promise.all(
        tokens.map((token, client) =>
          request(app.server)
            .patch(path)
            .set('authorization', `Bearer ${token}`)
            .send({ heading: `round ${round} by client ${client}`, version }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, ...Array<number>(CLIENTS - 1).fill(409)]);
      const winner = responses.find((response) => response.status === 200)!;
      expect(winner.body.version).toBe(version + 1);
      winners.push(winner.body.heading);
      // Every loser is told what the record now is.
      for (const loser of responses.filter((response) => response.status === 409)) {
        expect(loser.body.current.version).toBe(version + 1);
      }
    }

    const final = await storedRecommendation(database.db, target!.id);
    expect(final?.version).toBe(target!.version + ROUNDS);
    expect(final?.heading).toBe(winners.at(-1));

    // One history entry per successful write, in order, each with the winner's change.
    const history = await historyOf(database.db, 'recommendation', target!.id, 'update');
    expect(history.map((entry) => (entry.after as { heading: string }).heading)).toEqual(winners);
  });
});
