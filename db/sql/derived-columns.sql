-- What every list, detail and export shows of a recommendation besides its own columns, stored on
-- it so that filters, counts and sorts use an index and no list looks anything up per row
-- (migrations 0001 and 0006):
-- - current_status: the status given by the most recent ODIHR report that assessed it
--   (PRODUCT.md); third-party reports are evidence only and never set it; 'not_assessed' when no
--   official report assessed it;
-- - latest_assessment_id: that official assessment (the latest report by date, then id);
-- - closed_on(_precision): when fully implemented, the date of the first official
--   fully_implemented judgement that no later official judgement contradicts; otherwise null;
-- - open_since(_precision): the issuing report's date, or the earliest issuing report's date among
--   the recommendations it continues, transitively (UNION: a cycle in the links ends), when that
--   is earlier.
-- - evidence_vector: every lexeme of its assessments' search vectors (quotes and notes,
--   third-party evidence included), each assessment's at a position of its own
--   (evidence_vector_of); empty when it has none.
-- The triggers below keep them right for every writer (API, seed, restore, psql); dumps leave them
-- out and a restore recomputes them. report_published_on and a new row's open_since are copied by
-- printed-order.sql.

-- current_status, latest_assessment_id and closed_on(_precision) of one recommendation, from its
-- assessments. PL/pgSQL rather than SQL so the statement's plan is kept for the session: a bulk
-- insert calls it once per row.
CREATE OR REPLACE FUNCTION refresh_current_status(target_recommendation_id integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- The recommendation's row is locked first, and the statement below then reads the assessments
  -- after the lock: two transactions writing its assessments at once would otherwise each compute
  -- from what they saw before, and the later commit would overwrite the earlier one's change with
  -- a value that misses it (READ COMMITTED re-checks the locked row, not the assessments read).
  PERFORM 1 FROM recommendations WHERE id = target_recommendation_id FOR UPDATE;
  UPDATE recommendations r
  SET current_status = x.current_status, latest_assessment_id = x.latest_assessment_id,
    closed_on = x.closed_on, closed_on_precision = x.closed_on_precision
  FROM (
    SELECT coalesce(latest.status, 'not_assessed') AS current_status,
      latest.id AS latest_assessment_id,
      closing.published_on AS closed_on, closing.published_on_precision AS closed_on_precision
    FROM (SELECT 1) one
    LEFT JOIN LATERAL (
      SELECT a.id, a.status
      FROM assessments a
      JOIN reports rp ON rp.id = a.assessing_report_id
      WHERE a.recommendation_id = target_recommendation_id AND rp.kind <> 'third_party'
      ORDER BY rp.published_on DESC, rp.id DESC
      LIMIT 1
    ) latest ON true
    LEFT JOIN LATERAL (
      SELECT crp.published_on, crp.published_on_precision
      FROM assessments ca
      JOIN reports crp ON crp.id = ca.assessing_report_id
      WHERE latest.status = 'fully_implemented'
        AND ca.recommendation_id = target_recommendation_id
        AND ca.status = 'fully_implemented'
        AND crp.kind <> 'third_party'
        AND NOT EXISTS (
          SELECT 1 FROM assessments na
          JOIN reports nrp ON nrp.id = na.assessing_report_id
          WHERE na.recommendation_id = target_recommendation_id
            AND na.status <> 'fully_implemented'
            AND nrp.kind <> 'third_party'
            AND (nrp.published_on, nrp.id) > (crp.published_on, crp.id)
        )
      ORDER BY crp.published_on, crp.id
      LIMIT 1
    ) closing ON true
  ) x
  WHERE r.id = target_recommendation_id
    AND (r.current_status, r.latest_assessment_id, r.closed_on, r.closed_on_precision)
      IS DISTINCT FROM (x.current_status, x.latest_assessment_id, x.closed_on, x.closed_on_precision);
END;
$$;

-- The evidence_vector of a recommendation whose assessments have these search vectors (in id
-- order): every lexeme, without weights, at the position of each assessment that has it (1 for the
-- first, 2 for the second...). A search then asks for words at one and the same position (<0>) to
-- find them said in one assessment. A tsvector keeps at most 256 positions of one lexeme (more are
-- dropped, and a search would miss them), so past 255 assessments it is null, and a search reads
-- the assessments instead. Built as the tsvector's text ('lexeme':position, quotes doubled and
-- backslashes escaped, as tsvector input reads them): no function sets a position.
CREATE OR REPLACE FUNCTION evidence_vector_of(vectors tsvector[]) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN coalesce(cardinality(vectors), 0) > 255 THEN NULL ELSE coalesce((
    SELECT string_agg(
      format('''%s'':%s', replace(replace(w.lexeme, '\', '\\'), '''', ''''''), v.ordinal), ' ')
    FROM unnest(vectors) WITH ORDINALITY v(vector, ordinal), unnest(v.vector) w
  ), '')::tsvector END
$$;

-- evidence_vector of one recommendation, from its assessments.
CREATE OR REPLACE FUNCTION refresh_evidence_vector(target_recommendation_id integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- Locked first, as in refresh_current_status.
  PERFORM 1 FROM recommendations WHERE id = target_recommendation_id FOR UPDATE;
  UPDATE recommendations r
  SET evidence_vector = x.evidence_vector
  FROM (
    SELECT evidence_vector_of(array_agg(a.search_vector ORDER BY a.id)) AS evidence_vector
    FROM assessments a
    WHERE a.recommendation_id = target_recommendation_id
  ) x
  WHERE r.id = target_recommendation_id
    AND r.evidence_vector IS DISTINCT FROM x.evidence_vector;
END;
$$;

-- open_since(_precision) of these recommendations and of every recommendation that continues one
-- of them, transitively: a lineage link or an issuing report's date changes all of theirs.
-- UNION in both walks, so a cycle in the links ends. One generic plan, kept for the session:
-- planning the statement anew for each call costs more than running it for a link or two, and the
-- plan (index probes along the links) suits thousands of them too. Without JIT: the planner
-- overestimates the recursive walks, and compiling would take tens of milliseconds.
CREATE OR REPLACE FUNCTION refresh_open_since(target_recommendation_ids integer[]) RETURNS void
LANGUAGE plpgsql SET jit = off SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF coalesce(cardinality(target_recommendation_ids), 0) = 0 THEN
    RETURN;
  END IF;
  -- One lineage change at a time, each reading the links once the one before has committed: two
  -- transactions linking the two ends of one chain at once would each walk it without the other's
  -- link, and neither would date what lies beyond both. (An arbitrary key, beside the migrator's.)
  PERFORM pg_advisory_xact_lock(7240115);
  WITH RECURSIVE downstream(id) AS (
    SELECT unnest(target_recommendation_ids)
    UNION
    SELECT l.later_recommendation_id
    FROM downstream d JOIN recommendation_links l ON l.earlier_recommendation_id = d.id
  ), dated AS (
    SELECT d.id,
      CASE WHEN origin.published_on < rp.published_on
        THEN origin.published_on ELSE rp.published_on END AS open_since,
      CASE WHEN origin.published_on < rp.published_on
        THEN origin.published_on_precision ELSE rp.published_on_precision END
        AS open_since_precision
    FROM downstream d
    JOIN recommendations s ON s.id = d.id
    JOIN reports rp ON rp.id = s.report_id
    LEFT JOIN LATERAL (
      WITH RECURSIVE ancestors(id) AS (
        SELECT l.earlier_recommendation_id FROM recommendation_links l
        WHERE l.later_recommendation_id = d.id
        UNION
        SELECT l.earlier_recommendation_id
        FROM ancestors a JOIN recommendation_links l ON l.later_recommendation_id = a.id
      )
      -- An aggregate, not ORDER BY ... LIMIT 1: with that, the planner walks every report by date.
      SELECT min(orp.published_on) AS published_on,
        (array_agg(orp.published_on_precision ORDER BY orp.published_on, orp.id))[1]
          AS published_on_precision
      FROM ancestors a
      JOIN recommendations o ON o.id = a.id
      JOIN reports orp ON orp.id = o.report_id
    ) origin ON true
  )
  UPDATE recommendations r
  SET open_since = dated.open_since, open_since_precision = dated.open_since_precision
  FROM dated
  WHERE r.id = dated.id
    AND (r.open_since, r.open_since_precision)
      IS DISTINCT FROM (dated.open_since, dated.open_since_precision);
END;
$$;

-- Every recommendation's derived columns at once, for migration 0006 and for bulk loads that
-- bypass the triggers (scripts/bench/generate-dataset.mjs): one pass over the assessments, one
-- walk of the links, hash joins, no look-up per row. The same rules as the two functions above.
-- Writes only the rows that differ, and answers how many recommendations it wrote; then brings
-- the search's copy up to date and computes every lineage again.
CREATE OR REPLACE FUNCTION fill_derived_columns() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  changed integer;
BEGIN
  WITH RECURSIVE ancestry(id, ancestor_id) AS (
    SELECT later_recommendation_id, earlier_recommendation_id FROM recommendation_links
    UNION
    SELECT w.id, l.earlier_recommendation_id
    FROM ancestry w JOIN recommendation_links l ON l.later_recommendation_id = w.ancestor_id
  ), derived AS (
    SELECT s.id, assessed.latest_assessment_id,
      CASE WHEN origin.published_on < rp.published_on
        THEN origin.published_on ELSE rp.published_on END AS open_since,
      CASE WHEN origin.published_on < rp.published_on
        THEN origin.published_on_precision ELSE rp.published_on_precision END
        AS open_since_precision,
      assessed.closed_on, assessed.closed_on_precision,
      -- Empty without assessments; null past 255 of them (evidence_vector_of).
      CASE WHEN evidence.recommendation_id IS NULL THEN ''::tsvector
        ELSE evidence.evidence_vector END AS evidence_vector
    FROM recommendations s
    JOIN reports rp ON rp.id = s.report_id
    LEFT JOIN (
      SELECT o.recommendation_id,
        (array_agg(o.id ORDER BY o.published_on DESC, o.report_id DESC))[1]
          AS latest_assessment_id,
        min(o.published_on) FILTER (WHERE o.status = 'fully_implemented' AND o.later_others = 0)
          AS closed_on,
        (array_agg(o.published_on_precision ORDER BY o.published_on, o.report_id)
          FILTER (WHERE o.status = 'fully_implemented' AND o.later_others = 0))[1]
          AS closed_on_precision
      FROM (
        SELECT a.recommendation_id, a.id, a.status, arp.id AS report_id, arp.published_on,
          arp.published_on_precision,
          -- Official judgements other than fully_implemented from this report on.
          count(*) FILTER (WHERE a.status <> 'fully_implemented') OVER (
            PARTITION BY a.recommendation_id ORDER BY arp.published_on DESC, arp.id DESC
          ) AS later_others
        FROM assessments a JOIN reports arp ON arp.id = a.assessing_report_id
        WHERE arp.kind <> 'third_party'
      ) o
      GROUP BY o.recommendation_id
    ) assessed ON assessed.recommendation_id = s.id
    LEFT JOIN (
      SELECT a.recommendation_id,
        evidence_vector_of(array_agg(a.search_vector ORDER BY a.id)) AS evidence_vector
      FROM assessments a
      GROUP BY a.recommendation_id
    ) evidence ON evidence.recommendation_id = s.id
    LEFT JOIN (
      SELECT DISTINCT ON (w.id) w.id, orp.published_on, orp.published_on_precision
      FROM ancestry w
      JOIN recommendations o ON o.id = w.ancestor_id
      JOIN reports orp ON orp.id = o.report_id
      ORDER BY w.id, orp.published_on, orp.id
    ) origin ON origin.id = s.id
  )
  UPDATE recommendations r
  SET latest_assessment_id = d.latest_assessment_id, open_since = d.open_since,
    open_since_precision = d.open_since_precision, closed_on = d.closed_on,
    closed_on_precision = d.closed_on_precision, evidence_vector = d.evidence_vector
  FROM derived d
  WHERE d.id = r.id
    AND (r.latest_assessment_id, r.open_since, r.open_since_precision, r.closed_on,
      r.closed_on_precision, r.evidence_vector)
      IS DISTINCT FROM (d.latest_assessment_id, d.open_since, d.open_since_precision,
        d.closed_on, d.closed_on_precision, d.evidence_vector);
  GET DIAGNOSTICS changed = ROW_COUNT;
  -- The search's copy of them (search-copy.sql), which a bulk load's dropped triggers did not keep.
  PERFORM copy_to_recommendation_search(ARRAY(SELECT id FROM recommendations));
  -- Every lineage (lineage-closure.sql), rewritten whole.
  PERFORM fill_recommendation_lineage();
  RETURN changed;
END;
$$;

-- An assessment written, moved or deleted: its recommendation's (both, when it moved) status,
-- latest assessment and closing date.
CREATE OR REPLACE FUNCTION assessments_refresh_current_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM refresh_current_status(OLD.recommendation_id);
  END IF;
  IF TG_OP = 'INSERT' OR NEW.recommendation_id <> OLD.recommendation_id THEN
    PERFORM refresh_current_status(NEW.recommendation_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER assessments_current_status
AFTER INSERT OR UPDATE OR DELETE ON assessments
FOR EACH ROW EXECUTE FUNCTION assessments_refresh_current_status();

-- An assessment written, reworded, moved or deleted: its recommendation's (both, when it moved)
-- evidence_vector.
CREATE OR REPLACE FUNCTION assessments_refresh_evidence_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM refresh_evidence_vector(OLD.recommendation_id);
  END IF;
  IF TG_OP = 'INSERT' OR NEW.recommendation_id <> OLD.recommendation_id THEN
    PERFORM refresh_evidence_vector(NEW.recommendation_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER assessments_evidence_vector
AFTER INSERT OR DELETE OR UPDATE OF quote, note, recommendation_id ON assessments
FOR EACH ROW EXECUTE FUNCTION assessments_refresh_evidence_vector();

-- A recommendation moved to another report: its open_since and that of its continuations. (Its
-- report_published_on is copied before the write, by printed-order.sql.)
CREATE OR REPLACE FUNCTION recommendations_refresh_open_since() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_open_since(ARRAY[NEW.id]);
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER recommendations_open_since
AFTER UPDATE OF report_id ON recommendations
FOR EACH ROW WHEN (OLD.report_id IS DISTINCT FROM NEW.report_id)
EXECUTE FUNCTION recommendations_refresh_open_since();

-- A report's date or kind decides which of its assessments is the latest official one, its date
-- and precision date the recommendations it closed, and those it issued and their continuations.
CREATE OR REPLACE FUNCTION reports_refresh_derived_columns() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_current_status(a.recommendation_id)
  FROM assessments a WHERE a.assessing_report_id = NEW.id;
  IF (OLD.published_on, OLD.published_on_precision)
      IS DISTINCT FROM (NEW.published_on, NEW.published_on_precision) THEN
    PERFORM refresh_open_since(ARRAY(SELECT id FROM recommendations WHERE report_id = NEW.id));
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER reports_derived_columns
AFTER UPDATE OF published_on, published_on_precision, kind ON reports
FOR EACH ROW
WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on
  OR OLD.published_on_precision IS DISTINCT FROM NEW.published_on_precision
  OR OLD.kind IS DISTINCT FROM NEW.kind)
EXECUTE FUNCTION reports_refresh_derived_columns();
