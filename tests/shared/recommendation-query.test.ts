import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_STATUSES,
  RECOMMENDATION_SORTS,
  TOPIC_SLUGS,
  parseRecommendationQuery,
  recommendationFiltersOf,
  recommendationQueryString,
} from '@tracker/shared/domain';
import { recommendationListQuerySchema } from '@tracker/shared';

/*
 * The web app reads a browse address with the zod-free parser of `@tracker/shared/domain`; the
 * server reads the same parameters with its zod schema. Whatever the parser keeps, the schema
 * must accept, with the same values: the address and the API call behind it agree.
 */

const value = fc.oneof(
  fc.constantFrom(...CURRENT_STATUSES, ...TOPIC_SLUGS, ...RECOMMENDATION_SORTS),
  fc.constantFrom('kz', 'KZ', 'x', 'kz-2019-final', '0', '7', '1899', '2019', '2101'),
  fc.constantFrom('true', 'false', 'asc', 'desc', '-1', '100', '101', 'a,b', ' q '),
  fc.string({ maxLength: 12 }),
);
const key = fc.constantFrom(
  'country',
  'election',
  'report',
  'yearFrom',
  'yearTo',
  'priority',
  'topic',
  'status',
  'unaddressed',
  'q',
  'sort',
  'order',
  'page',
  'pageSize',
  'unknown',
);
const rawQuery = fc.dictionary(key, fc.oneof(value, fc.array(value, { maxLength: 3 })));

describe('recommendation list query (shared domain)', () => {
  it('keeps only what the server schema accepts, with the same values', () => {
    fc.assert(
      fc.property(rawQuery, (raw) => {
        const { query } = parseRecommendationQuery(raw);
        const written = recommendationQueryString(query);
        const parsed = recommendationListQuerySchema.safeParse(written);
        expect(parsed.success, JSON.stringify({ raw, written })).toBe(true);
        if (!parsed.success) return;
        expect(recommendationFiltersOf(parsed.data)).toEqual(recommendationFiltersOf(query));
        expect(parseRecommendationQuery(written).query).toEqual(query);
      }),
      { numRuns: 500 },
    );
  });

  it('names what it leaves out, and writes defaults as nothing', () => {
    const { query, ignored } = parseRecommendationQuery({
      status: 'not_implemented,bogus',
      yearFrom: '2020',
      yearTo: '2010',
      sort: 'relevance',
      page: '1',
      pageSize: '25',
      colour: 'red',
    });
    expect(query).toEqual({ status: ['not_implemented'], yearFrom: 2020 });
    expect(ignored.sort()).toEqual(['colour', 'sort', 'status', 'yearTo']);
    expect(recommendationQueryString({ ...query, page: 1, pageSize: 25 })).toEqual({
      status: 'not_implemented',
      yearFrom: '2020',
    });
  });
});

describe('the zod-free entry', () => {
  it('imports nothing at run time from zod or from the schema modules', () => {
    const folder = new URL('../../shared/src/domain/', import.meta.url);
    const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
    expect(files).toContain('index.ts');
    for (const name of files) {
      const source = readFileSync(new URL(name, folder), 'utf8');
      // Every import or re-export that is not type-only must name a module of this folder.
      const runtime = [...source.matchAll(/^(?:import|export)(?! type)[^;]*?from '([^']+)'/gms)];
      for (const [, target] of runtime)
        expect(target, `${name} -> ${target}`).toMatch(/^\.\/[\w-]+\.js$/);
    }
  });
});
