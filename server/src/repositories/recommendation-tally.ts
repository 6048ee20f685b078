import { sql } from 'drizzle-orm';
import { queryRows } from '@tracker/db';
import type { Database } from '@tracker/db';
import { UNADDRESSED_STATUSES } from '@tracker/shared';
import type { CurrentStatus } from '@tracker/shared';
import { odihrIssued } from './sql-fragments.js';
import type { RecommendationFilter } from './sql-fragments.js';

/**
 * How many recommendations there are of each country, topic, status and priority, and whether
 * ODIHR issued them: the filters most lists use. One grouped read gives every such list's total,
 * where counting each filter's matches would cost in proportion to them (tens of thousands of
 * index entries for a common status on 100,000 recommendations). It is read for one generation of
 * the data (`AnswerCache.dataGeneration`) and read again after any change.
 */
interface TallyRow {
  country: string | null;
  topic: string | null;
  status: CurrentStatus;
  priority: boolean;
  odihr: boolean;
  n: number;
}

/** The filters whose totals the tally gives: only these keys, nothing else. */
const TALLIED: ReadonlySet<string> = new Set([
  'country',
  'topic',
  'status',
  'priority',
  'unaddressed',
]);

const UNADDRESSED: ReadonlySet<string> = new Set(UNADDRESSED_STATUSES);

function tallied(filter: RecommendationFilter): boolean {
  return Object.entries(filter).every(([key, value]) => value === undefined || TALLIED.has(key));
}

/**
 * Whether tally row `row` meets `filter`'s status, priority and issuer, by the rules of
 * `recommendationConditions` (country and topic pick the groups read, see `TallyGroups`).
 */
function meets(row: TallyRow, filter: RecommendationFilter): boolean {
  if (filter.status && !filter.status.includes(row.status)) return false;
  if (filter.priority !== undefined && row.priority !== filter.priority) return false;
  if (filter.unaddressed === true && !(UNADDRESSED.has(row.status) && row.odihr)) return false;
  if (filter.unaddressed === false && UNADDRESSED.has(row.status)) return false;
  return true;
}

type Groups<Key> = Map<Key, TallyRow[]>;

/**
 * The tally's rows grouped by the two keys a filter names by value, so that a total reads only
 * the groups it can match (at most 24 rows each: status x priority x issuer), not every row:
 * 10,500 at 100,000 recommendations in 57 countries, read for each new filter, made the Node
 * side of a list grow with the data. Without a country (or a topic) filter, the rows of every
 * country (topic) are summed in advance.
 */
interface TallyGroups {
  byCountryTopic: Groups<string>;
  byCountry: Groups<string | null>;
  byTopic: Groups<string | null>;
  all: TallyRow[];
}

/** `rows` grouped by `keyOf`, the rows of each group summed by status, priority and issuer. */
function groupBy<Key>(rows: TallyRow[], keyOf: (row: TallyRow) => Key): Groups<Key> {
  const groups: Groups<Key> = new Map();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key) ?? [];
    groups.set(key, group);
    const same = group.find(
      (kept) =>
        kept.status === row.status && kept.priority === row.priority && kept.odihr === row.odihr,
    );
    if (same) same.n += row.n;
    else group.push({ ...row });
  }
  return groups;
}

/** The key of a country's and a topic's group. */
function pairKey(country: string | null, topic: string | null): string {
  return JSON.stringify([country, topic]);
}

function tallyGroups(rows: TallyRow[]): TallyGroups {
  return {
    byCountryTopic: groupBy(rows, (row) => pairKey(row.country, row.topic)),
    byCountry: groupBy(rows, (row) => row.country),
    byTopic: groupBy(rows, (row) => row.topic),
    all: groupBy(rows, () => null).get(null) ?? [],
  };
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
      reading: queryRows<TallyRow>(
        db,
        // Grouped by ids first: the codes are joined to the few thousand groups, not every row.
        sql`select c.code as country, t.slug as topic, g.status, g.priority, g.odihr, g.n
            from (
              select r.country_id, r.topic_id, r.current_status as status, r.priority,
                ${odihrIssued} as odihr, count(*)::int as n
              from recommendations r
              group by 1, 2, 3, 4, 5
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
