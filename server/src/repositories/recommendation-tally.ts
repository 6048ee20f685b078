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

/** Whether tally row `row` meets `filter`, by the rules of `recommendationConditions`. */
function meets(row: TallyRow, filter: RecommendationFilter): boolean {
  if (filter.country && !filter.country.some((code) => code === row.country)) return false;
  if (filter.topic && !filter.topic.some((slug) => slug === row.topic)) return false;
  if (filter.status && !filter.status.includes(row.status)) return false;
  if (filter.priority !== undefined && row.priority !== filter.priority) return false;
  if (filter.unaddressed === true && !(UNADDRESSED.has(row.status) && row.odihr)) return false;
  if (filter.unaddressed === false && UNADDRESSED.has(row.status)) return false;
  return true;
}

export function createRecommendationTally(db: Database) {
  let kept: { generation: number; reading: Promise<void>; rows?: TallyRow[] } | undefined;

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
          entry.rows = rows;
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
      const rows = kept?.rows;
      if (rows === undefined) return undefined;
      let total = 0;
      for (const row of rows) if (meets(row, filter)) total += row.n;
      return total;
    },
  };
}
