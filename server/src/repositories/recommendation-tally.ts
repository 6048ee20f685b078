import { sql } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import { UNADDRESSED_STATUSES } from '@tracker/shared';
import type { CurrentStatus } from '@tracker/shared';
import { odihrIssued } from './sql-fragments.js';
import type { RecommendationFilter } from './sql-fragments.js';

/**
 * How many recommendations there are of each country, topic, status, priority and year of issue,
 * and whether ODIHR issued them: the filters most lists use. One grouped read gives every such
 * list's total, where counting each filter's matches would cost in proportion to them (tens of
 * thousands of index entries for a common status or a range of years on 100,000
 * recommendations). It is read for one generation of the data (`AnswerCache.dataGeneration`) and
 * read again after any change.
 */
interface TallyRow {
  country: string | null;
  topic: string | null;
  status: CurrentStatus;
  priority: boolean;
  odihr: boolean;
  /**
   * The year the issuing report was published; null in the rows of a country and a topic, summed
   * over the years (and for a report without a date, before its trigger has run).
   */
  year: number | null;
  n: number;
}

/** The filters whose totals the tally gives: only these keys, nothing else. */
const TALLIED: ReadonlySet<string> = new Set([
  'country',
  'topic',
  'status',
  'priority',
  'unaddressed',
  'yearFrom',
  'yearTo',
]);

const UNADDRESSED: ReadonlySet<string> = new Set(UNADDRESSED_STATUSES);

function tallied(filter: RecommendationFilter): boolean {
  const years = filter.yearFrom !== undefined || filter.yearTo !== undefined;
  if (years && filter.country !== undefined && filter.topic !== undefined) return false;
  return Object.entries(filter).every(([key, value]) => value === undefined || TALLIED.has(key));
}

/**
 * Whether tally row `row` meets `filter`'s status, priority, issuer and years, by the rules of
 * `recommendationConditions` (country and topic pick the groups read, see `TallyGroups`): a
 * report published within the years from January 1st of the first to December 31st of the last.
 */
function meets(row: TallyRow, filter: RecommendationFilter): boolean {
  if (filter.yearFrom !== undefined && (row.year === null || row.year < filter.yearFrom)) {
    return false;
  }
  if (filter.yearTo !== undefined && (row.year === null || row.year > filter.yearTo)) return false;
  if (filter.status && !filter.status.includes(row.status)) return false;
  if (filter.priority !== undefined && row.priority !== filter.priority) return false;
  if (filter.unaddressed === true && !(UNADDRESSED.has(row.status) && row.odihr)) return false;
  if (filter.unaddressed === false && UNADDRESSED.has(row.status)) return false;
  return true;
}

type Groups<Key> = Map<Key, TallyRow[]>;

/**
 * The tally's rows by the keys a filter names by value, so that a total reads only the rows it can
 * match (a row per status, priority, issuer and year: a few hundred), not every row: 10,500 at
 * 100,000 recommendations in 57 countries, read for each new filter, made the Node side of a list
 * grow with the data. PostgreSQL sums the rows of each level (GROUPING SETS), so Node only files
 * them: summing the 70,440 rows of every country, topic and year in Node held the event loop for
 * 35 ms. A country's and a topic's rows are summed over the years (a filter naming both and years
 * is counted, see `tallied`).
 */
interface TallyGroups {
  byCountryTopic: Groups<string>;
  byCountry: Groups<string | null>;
  byTopic: Groups<string | null>;
  all: TallyRow[];
}

/** Which keys a tally row is summed by: `grouping(country, topic, year)` of its grouping set. */
const LEVELS = { countryTopic: 0b001, country: 0b010, topic: 0b100, all: 0b110 } as const;

/** The key of a country's and a topic's group. */
function pairKey(country: string | null, topic: string | null): string {
  return JSON.stringify([country, topic]);
}

function add<Key>(groups: Groups<Key>, key: Key, row: TallyRow): void {
  const group = groups.get(key);
  if (group) group.push(row);
  else groups.set(key, [row]);
}

function tallyGroups(rows: (TallyRow & { level: number })[]): TallyGroups {
  const groups: TallyGroups = {
    byCountryTopic: new Map(),
    byCountry: new Map(),
    byTopic: new Map(),
    all: [],
  };
  for (const { level, ...row } of rows) {
    if (level === LEVELS.countryTopic)
      add(groups.byCountryTopic, pairKey(row.country, row.topic), row);
    else if (level === LEVELS.country) add(groups.byCountry, row.country, row);
    else if (level === LEVELS.topic) add(groups.byTopic, row.topic, row);
    else if (level === LEVELS.all) groups.all.push(row);
  }
  return groups;
}

/** The groups of `groups` whose rows `filter` can match (each named value once). */
function groupsOf(groups: TallyGroups, filter: RecommendationFilter): TallyRow[][] {
  const countries = filter.country && [...new Set(filter.country)];
  const topics = filter.topic && [...new Set(filter.topic)];
  const found = (group: TallyRow[] | undefined) => (group ? [group] : []);
  if (countries && topics) {
    return countries.flatMap((country) =>
      topics.flatMap((topic) => found(groups.byCountryTopic.get(pairKey(country, topic)))),
    );
  }
  if (countries) return countries.flatMap((country) => found(groups.byCountry.get(country)));
  if (topics) return topics.flatMap((topic) => found(groups.byTopic.get(topic)));
  return [groups.all];
}

export function createRecommendationTally(db: Database) {
  let kept: { generation: number; reading: Promise<void>; groups?: TallyGroups } | undefined;

  /** Reads the tally of `generation`, or waits for the read under way. */
  function read(generation: number): Promise<void> {
    if (kept?.generation === generation) return kept.reading;
    const entry: NonNullable<typeof kept> = {
      generation,
      reading: queryRows<TallyRow & { level: number }>(
        db,
        // Grouped by ids first: the codes are joined to the few thousand groups, not every row.
        sql`select c.code as country, t.slug as topic, g.status, g.priority, g.odihr, g.year,
              g.level, g.n
            from (
              select x.country_id, x.topic_id, x.status, x.priority, x.odihr, x.year,
                grouping(x.country_id, x.topic_id, x.year) as level, count(*)::int as n
              from (
                select r.country_id, r.topic_id, r.current_status as status, r.priority,
                  ${odihrIssued} as odihr, extract(year from r.report_published_on)::int as year
                from recommendations r
              ) x
              group by x.status, x.priority, x.odihr, grouping sets (
                (x.country_id, x.topic_id), (x.country_id, x.year), (x.topic_id, x.year), (x.year))
            ) g
            left join countries c on c.id = g.country_id
            left join topics t on t.id = g.topic_id`,
      ).then(
        (rows) => {
          entry.groups = tallyGroups(rows);
        },
        () => {
          // A failed read is not kept: the next list reads again.
          if (kept === entry) kept = undefined;
        },
      ),
    };
    kept = entry;
    return entry.reading;
  }

  return {
    read,
    /**
     * The total of `filter` from the tally of data generation `generation`. Undefined when the
     * filter is not one the tally answers, or while that tally is being read (the read starts
     * then): the list counts its matches meanwhile, rather than waiting for every group.
     */
    total(filter: RecommendationFilter, generation: number): number | undefined {
      if (!tallied(filter)) return undefined;
      if (kept?.generation !== generation) void read(generation);
      const groups = kept?.groups;
      if (groups === undefined) return undefined;
      let total = 0;
      for (const group of groupsOf(groups, filter)) {
        for (const row of group) if (meets(row, filter)) total += row.n;
      }
      return total;
    },
  };
}
