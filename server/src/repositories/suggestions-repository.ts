import { sql } from 'drizzle-orm';
import { queryRows, schema } from '@tracker/db';
import type { Database } from '@tracker/db';
import type {
  DatePrecision,
  LineageSuggestion,
  LinkKind,
  SimilarRecommendation,
} from '@tracker/shared';
import { reportRefJson } from './sql-fragments.js';
import { numberReferences, similarityIndex } from './text-similarity.js';
import { writeHistory } from './versioned-writes.js';

/**
 * Earlier recommendations ranked by text similarity, for the editor's suggestions. The candidates
 * are the ODIHR recommendations (never third-party ones) of the country's earlier reports; they
 * are ranked in TypeScript (text-similarity.ts: TF-IDF cosine over those candidates, and explicit
 * references by number first), so it runs on both engines without extensions. Rankings only
 * order suggestions; an editor decides. `scripts/measure-suggestions.mjs` measures them.
 */

/** Characters of an excerpt. */
const EXCERPT_LENGTH = 240;

/**
 * The lowest similarity at which a follow-up candidate is pre-selected. Measured on the seed data
 * (scripts/measure-suggestions.mjs): no wrong candidate in a top 3 scores 0.3 or more (the highest
 * is 0.26), while about a third of the right ones do (a recommendation named by number scores 1).
 */
export const PRESELECT_THRESHOLD = 0.3;

interface CandidateOptions {
  countryId: number;
  /** Only recommendations of reports published before this date. */
  publishedBefore: string;
  /** The recommendation the text is from: left out, and its existing links reported. */
  recommendationId?: number;
}

type CandidateRow = Omit<SimilarRecommendation, 'score' | 'excerpt'> & {
  text: string | null;
  heading: string | null;
  linked: LinkKind | null;
};

type Ranked = SimilarRecommendation & { linked: LinkKind | null };

function excerptOf(text: string | null): string | null {
  if (text === null) return null;
  return text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH - 1)}…`;
}

/** The ODIHR recommendations a text of the country may refer to, with what ranking needs. */
async function candidatesFor(db: Database, options: CandidateOptions): Promise<CandidateRow[]> {
  const self = options.recommendationId ?? null;
  return queryRows<CandidateRow>(
    db,
    sql`select r.id, r.number, r.priority, r.text, r.heading,
        ${reportRefJson('rp')} as report,
        (select l.kind from recommendation_links l
          where (l.later_recommendation_id = ${self}::int and l.earlier_recommendation_id = r.id)
             or (l.later_recommendation_id = r.id and l.earlier_recommendation_id = ${self}::int)
          order by l.id limit 1) as linked
      from recommendations r
      join reports rp on rp.id = r.report_id
      join elections e on e.id = rp.election_id
      where e.country_id = ${options.countryId}
        and rp.kind <> 'third_party'
        and rp.published_on < ${options.publishedBefore}::date
        and r.id is distinct from ${self}::int
      order by rp.published_on desc, r.position`,
  );
}

/** Ranks candidates against texts: build once per request, then rank each text. */
function candidateRanker(candidates: CandidateRow[]) {
  const index = similarityIndex(
    candidates.map((row) => ({ id: row.id, text: `${row.text ?? ''} ${row.heading ?? ''}` })),
  );
  return (text: string, limit: number): Ranked[] => {
    const scores = index.scores(text);
    const named = numberReferences(text);
    const ranked = candidates.map((row, i) => {
      const year = row.report.publishedOn.slice(0, 4);
      const byNumber = named.some((ref) => ref.number === row.number && ref.year === year);
      const { text: full, heading: _heading, ...rest } = row;
      return {
        ...rest,
        excerpt: excerptOf(full),
        score: byNumber ? 1 : Math.round(scores[i]! * 10_000) / 10_000,
      };
    });
    return ranked
      .filter((row) => row.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  };
}

/** What recommendation `id` is compared by: its country, its report's date and its words. */
async function lineageTarget(db: Database, id: number) {
  const [target] = await queryRows<{
    countryId: number;
    publishedBefore: string;
    text: string;
  }>(
    db,
    sql`select e.country_id as "countryId", rp.published_on::text as "publishedBefore",
        coalesce(r.text, '') || ' ' || coalesce(r.heading, '') as text
      from recommendations r
      join reports rp on rp.id = r.report_id
      join elections e on e.id = rp.election_id
      where r.id = ${id}`,
  );
  return target;
}

export function createSuggestionsRepository(db: Database) {
  return {
    /** Earlier recommendations resembling recommendation `id`; null when there is no such one. */
    async lineageSuggestions(id: number, limit = 10): Promise<LineageSuggestion[] | null> {
      const target = await lineageTarget(db, id);
      if (!target) return null;
      const candidates = await candidatesFor(db, { ...target, recommendationId: id });
      return candidateRanker(candidates)(target.text, limit);
    },

    /**
     * Earlier recommendations matching a search: every term must match, a number its number, a
     * year its report's year, a word its text or its report's title or slug; ranked by similarity
     * to recommendation `id`. Null when there is no such recommendation.
     */
    async lineageSearch(id: number, q: string, limit = 10): Promise<LineageSuggestion[] | null> {
      const target = await lineageTarget(db, id);
      if (!target) return null;
      const terms = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
        .filter((term) => term !== 'no' && term !== 'recommendation')
        .slice(0, 20);
      const candidates = (await candidatesFor(db, { ...target, recommendationId: id })).filter(
        (row) =>
          terms.every((term) => {
            if (/^(?:19|20)\d{2}$/.test(term) && row.report.publishedOn.startsWith(term)) {
              return true;
            }
            if (/^\d+$/.test(term)) return row.number.toLowerCase() === term;
            const haystack =
              `${row.text ?? ''} ${row.heading ?? ''} ${row.report.title} ${row.report.slug}`.toLowerCase();
            return haystack.includes(term);
          }),
      );
      const ranked = candidateRanker(candidates)(target.text, limit);
      // Matches the similarity does not rank (no shared words) still come, after those it does.
      const rest = candidates
        .filter((row) => !ranked.some((item) => item.id === row.id))
        .slice(0, Math.max(0, limit - ranked.length))
        .map(({ text, heading: _heading, ...row }) => ({
          ...row,
          excerpt: excerptOf(text),
          score: 0,
        }));
      return [...ranked, ...rest];
    },

    /** The later recommendation's "open since" now and with a link from `earlierId`; null if missing. */
    async lineagePreview(id: number, earlierId: number) {
      const [row] = await queryRows<{
        current: string;
        currentPrecision: DatePrecision;
        earlier: string;
        earlierPrecision: DatePrecision;
      }>(
        db,
        sql`select r.open_since::text as current, r.open_since_precision as "currentPrecision",
            o.open_since::text as earlier, o.open_since_precision as "earlierPrecision"
          from recommendations r, recommendations o
          where r.id = ${id} and o.id = ${earlierId}`,
      );
      if (!row) return null;
      const current = { date: row.current, precision: row.currentPrecision };
      // The earlier one's own "open since" already carries its ancestors' dates.
      const withLink =
        row.earlier < row.current
          ? { date: row.earlier, precision: row.earlierPrecision }
          : current;
      return {
        recommendationId: id,
        earlierId,
        current,
        withLink,
        changes: withLink.date !== current.date,
      };
    },

    /** A ranker of the country's ODIHR recommendations published before `publishedBefore`. */
    async followUpRanker(options: Omit<CandidateOptions, 'recommendationId'>) {
      const rank = candidateRanker(await candidatesFor(db, options));
      return (text: string, limit: number): SimilarRecommendation[] =>
        rank(text, limit).map(({ linked: _linked, ...row }) => row);
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

    /** Records a dismissal with its history entry; dismissing one twice keeps the first. */
    async dismiss(reportId: number, suggestionId: string, sentence: string, userId: number) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(schema.followUpDismissals)
          .values({ reportId, suggestionId, sentence, dismissedBy: userId })
          .onConflictDoNothing()
          .returning();
        if (row)
          await writeHistory(tx, 'follow_up_dismissal', row.id, 'create', { userId }, null, row);
      });
    },
  };
}
