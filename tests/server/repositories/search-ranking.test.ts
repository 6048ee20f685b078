import { describe, expect, it } from 'vitest';
import type { RecommendationListQuery } from '@tracker/shared';
import { createRepositories } from '../../../server/src/repositories/index.js';
import { useTestDatabase } from '../../helpers/database.js';
import type { TestDatabase } from '../../helpers/database.js';
import {
  insertAssessment,
  insertElection,
  insertRecommendation,
  insertReport,
} from '../../helpers/fixtures.js';

/**
 * A search in descending relevance whose total is kept looks for its page among the matches of
 * the recommendations' own words first (`bestMatchesFirst`, server/src/repositories/
 * sql-fragments.ts), where ts_rank puts those above every match found only through assessments.
 * Its pages must be those of the general form, which ranks every match: item for item, for
 * queries of each shape (one word, OR, two words, three, a phrase, NOT, stop words only), pages
 * small enough that the own-text matches fill them and large enough that they do not.
 */

const QUERIES = [
  'gerrymandering',
  'polling station',
  'station',
  'media',
  'observers',
  'complaints or appeals',
  'women candidates',
  'election commission',
  'voter lists',
  '"voter lists"',
  'legal framework amended',
  'media -broadcasting',
  'the',
];

/** Page sizes: one, where the own-text matches mostly fill the page, and more than they hold. */
const PAGE_SIZES = [1, 5, 100];

describe('a search page found among its best matches first', () => {
  let database: TestDatabase;

  useTestDatabase('seeded', async (opened) => {
    database = opened;
    // Matches of each kind for "polling station" and "gerrymandering": in the own text; only in
    // an assessment (one of the two words in the own text, or neither); in a third party's.
    const election = await insertElection(database.db);
    const issuing = await insertReport(database.db, { electionId: election.id });
    const assessing = await insertReport(database.db, {
      electionId: election.id,
      publishedOn: '2030-01-01',
    });
    const ngo = await insertReport(database.db, {
      electionId: election.id,
      publishedOn: '2030-02-01',
      kind: 'third_party',
      publisher: 'Observers NGO',
    });
    const texts = [
      ['Polling station staff should be trained in the counting procedures.', null],
      ['Every station should be accessible.', 'The polling station in the school had steps.'],
      ['Staff should be trained.', 'Polling station staff were trained in 2029.'],
      ['Districts should be drawn by an independent body.', 'Gerrymandering was reported.'],
      ['Gerrymandering should end.', null],
      ['Boundaries should be reviewed.', null],
    ] as const;
    for (const [index, [text, quote]] of texts.entries()) {
      const recommendation = await insertRecommendation(database.db, {
        reportId: issuing.id,
        number: String(index + 1),
        position: index + 1,
        text,
      });
      if (quote) {
        await insertAssessment(database.db, {
          recommendationId: recommendation.id,
          assessingReportId: index % 2 === 0 ? assessing.id : ngo.id,
          status: 'not_implemented',
          quote,
        });
      }
    }
  });

  it('gives the pages of the general form, item for item', async () => {
    const { recommendations } = createRepositories(database.db);
    let compared = 0;
    let foundOnlyThroughAssessments = 0;
    const filters: Partial<RecommendationListQuery>[] = [{}, { topic: ['legal-framework'] }];
    for (const q of QUERIES) {
      for (const filter of filters) {
        for (const pageSize of PAGE_SIZES) {
          for (const page of [1, 2]) {
            const query: RecommendationListQuery = { q, page, pageSize, ...filter };
            // Without a generation the total is counted: the general form. With one, the first
            // search of a filter counts and keeps its total, and every later one finds its page
            // among the best matches.
            const general = await recommendations.list(query);
            await recommendations.list(query, 1);
            const best = await recommendations.list(query, 1);
            expect(best, JSON.stringify(query)).toEqual(general);
            compared += general.items.length;
            foundOnlyThroughAssessments += general.items.filter(
              (item) => item.matchedIn !== undefined && !item.matchedIn.includes('text'),
            ).length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(150);
    expect(foundOnlyThroughAssessments).toBeGreaterThan(20);
  });
});
