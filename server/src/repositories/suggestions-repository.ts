import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows, schema } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { LineageSuggestion, LinkKind, SimilarRecommendation } from '@tracker/shared';
import { reportRefJson } from './sql-fragments.js';

/**
 * Earlier recommendations ranked by text similarity, for the editor's suggestions. Similarity is
 * PostgreSQL full-text search, so it runs on both engines without extensions: the given text's
 * own lexemes ORed into one query, ranked with ts_rank against the recommendations' search vector
 * (and its index). Rankings only order suggestions; an editor decides.
 */

/** Characters of an excerpt. */
const EXCERPT_LENGTH = 240;

/**
 * The OR query of a text's lexemes. Lexemes are already stemmed, so they are read back with the
 * `simple` configuration; the rare lexeme with a quote or backslash is left out rather than escaped.
 */
function lexemeQuery(text: SQL): SQL {
  return sql`(select to_tsquery('simple', string_agg(quote_literal(u.lexeme), ' | '))
    from unnest(to_tsvector('english', ${text})) as u
    where strpos(u.lexeme, chr(39)) = 0 and strpos(u.lexeme, chr(92)) = 0)`;
}

interface SimilarOptions {
  countryId: number;
  /** Only recommendations of reports published before this date. */
  publishedBefore: string;
  limit: number;
  /** The recommendation the text is from: left out, and its existing links reported. */
  recommendationId?: number;
}

type SimilarRow = SimilarRecommendation & { linked: LinkKind | null };

async function similarTo(db: Database, text: SQL, options: SimilarOptions): Promise<SimilarRow[]> {
  const self = options.recommendationId ?? null;
  return queryRows<SimilarRow>(
    db,
    sql`with q as (select ${lexemeQuery(text)} as query)
      select r.id, r.number, r.priority,
        case when r.text is null then null
          when length(r.text) <= ${EXCERPT_LENGTH} then r.text
          else left(r.text, ${EXCERPT_LENGTH - 1}) || '…' end as excerpt,
        round(ts_rank(r.search_vector, q.query, 1)::numeric, 4)::float8 as score,
        ${reportRefJson('rp')} as report,
        (select l.kind from recommendation_links l
          where (l.later_recommendation_id = ${self}::int and l.earlier_recommendation_id = r.id)
             or (l.later_recommendation_id = r.id and l.earlier_recommendation_id = ${self}::int)
          order by l.id limit 1) as linked
      from q, recommendations r
      join reports rp on rp.id = r.report_id
      join elections e on e.id = rp.election_id
      where q.query is not null and r.search_vector @@ q.query
        and e.country_id = ${options.countryId}
        and rp.published_on < ${options.publishedBefore}::date
        and r.id is distinct from ${self}::int
      order by score desc, rp.published_on desc, r.position
      limit ${options.limit}`,
  );
}

export function createSuggestionsRepository(db: Database) {
  return {
    /** Earlier recommendations resembling recommendation `id`; null when there is no such one. */
    async lineageSuggestions(id: number, limit = 10): Promise<LineageSuggestion[] | null> {
      const [target] = await queryRows<{ countryId: number; publishedBefore: string }>(
        db,
        sql`select e.country_id as "countryId", rp.published_on::text as "publishedBefore"
          from recommendations r
          join reports rp on rp.id = r.report_id
          join elections e on e.id = rp.election_id
          where r.id = ${id}`,
      );
      if (!target) return null;
      return similarTo(
        db,
        sql`(select coalesce(text, '') || ' ' || coalesce(heading, '') from recommendations where id = ${id})`,
        { ...target, limit, recommendationId: id },
      );
    },

    /** Recommendations of reports before `publishedBefore`, of one country, resembling `text`. */
    async similarToText(
      text: string,
      options: Omit<SimilarOptions, 'recommendationId'>,
    ): Promise<SimilarRecommendation[]> {
      const rows = await similarTo(db, sql`${text}::text`, options);
      return rows.map(({ linked: _linked, ...row }) => row);
    },

    /** What follow-up suggestions for report `id` need; null when there is no such report. */
    async followUpContext(id: number) {
      const [report] = await queryRows<{
        countryId: number;
        publishedOn: string;
        sourceText: string | null;
      }>(
        db,
        sql`select e.country_id as "countryId", rp.published_on::text as "publishedOn",
            s.text as "sourceText"
          from reports rp
          join elections e on e.id = rp.election_id
          left join report_sources s on s.report_id = rp.id
          where rp.id = ${id}`,
      );
      if (!report) return null;
      const quotes = await queryRows<{ quote: string }>(
        db,
        sql`select quote from assessments where assessing_report_id = ${id}`,
      );
      const dismissed = await queryRows<{ suggestionId: string }>(
        db,
        sql`select suggestion_id as "suggestionId" from follow_up_dismissals where report_id = ${id}`,
      );
      return {
        ...report,
        quotes: quotes.map((row) => row.quote),
        dismissed: new Set(dismissed.map((row) => row.suggestionId)),
      };
    },

    /** Records a dismissal; dismissing one twice keeps the first. */
    async dismiss(reportId: number, suggestionId: string, sentence: string, userId: number) {
      await db
        .insert(schema.followUpDismissals)
        .values({ reportId, suggestionId, sentence, dismissedBy: userId })
        .onConflictDoNothing();
    },
  };
}
