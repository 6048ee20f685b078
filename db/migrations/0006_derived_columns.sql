-- What every list, detail and export shows of a recommendation besides its own columns, stored on
-- it like current_status (0001) and report_published_on (0005): the official assessment that gives
-- its current status, since when it is open (the earliest issuing report in its lineage) and, when
-- fully implemented, since when it is closed. Looking these up per listed row (and planning those
-- look-ups) was most of an uncached list's database time. The triggers below keep them right for
-- every writer (API, seed, restore); dumps leave them out and a restore recomputes them.
ALTER TABLE "recommendations" ADD COLUMN "latest_assessment_id" integer;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "open_since" date;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "open_since_precision" date_precision;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "closed_on_precision" date_precision;--> statement-breakpoint
-- Every recommendation's derived columns at once, for this migration and for bulk loads that
-- bypass the triggers (scripts/bench/generate-dataset.mjs): one pass over the assessments, one
-- walk of the links, hash joins, no look-up per row. The rules are those of the functions below:
-- - latest: the official (not third-party) assessment by the latest report (date, then id);
-- - closed: the first official fully_implemented judgement that no later official judgement
--   contradicts (there is none unless the latest one is fully_implemented);
-- - open since: the issuing report's date, or the earliest issuing report's date among the
--   recommendations it continues, transitively (UNION: a cycle ends), when that is earlier.
-- Writes only the rows that differ, and answers how many.
CREATE FUNCTION fill_derived_columns() RETURNS integer
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
      assessed.closed_on, assessed.closed_on_precision
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
    closed_on_precision = d.closed_on_precision
  FROM derived d
  WHERE d.id = r.id
    AND (r.latest_assessment_id, r.open_since, r.open_since_precision, r.closed_on,
      r.closed_on_precision)
      IS DISTINCT FROM (d.latest_assessment_id, d.open_since, d.open_since_precision,
        d.closed_on, d.closed_on_precision);
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END;
$$;
--> statement-breakpoint
-- While any BEFORE UPDATE row trigger exists on a table, even a disabled one, PostgreSQL
-- recomputes the stored search_vector of every row updated (to_tsvector: most of the backfill's
-- time). Re-created below, with its function.
DROP TRIGGER recommendations_copy_report_date ON recommendations;--> statement-breakpoint
SELECT fill_derived_columns();--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_latest_assessment_id_assessments_id_fk" FOREIGN KEY ("latest_assessment_id") REFERENCES "public"."assessments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendations_latest_assessment_id_idx" ON "recommendations" USING btree ("latest_assessment_id");--> statement-breakpoint
-- current_status, latest_assessment_id and closed_on(_precision) of one recommendation, from its
-- assessments: still called by the triggers of 0001 on assessments. PL/pgSQL rather than SQL so
-- the statement's plan is kept for the session: a bulk insert calls it once per row.
CREATE OR REPLACE FUNCTION refresh_current_status(target_recommendation_id integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
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
--> statement-breakpoint
-- open_since(_precision) of these recommendations and of every recommendation that continues one
-- of them, transitively: a lineage link or an issuing report's date changes all of theirs.
-- UNION in both walks, so a cycle in the links ends. One generic plan, kept for the session:
-- planning the statement anew for each call costs more than running it for a link or two, and the
-- plan (index probes along the links) suits thousands of them too. Without JIT: the planner
-- overestimates the recursive walks, and compiling would take tens of milliseconds.
CREATE FUNCTION refresh_open_since(target_recommendation_ids integer[]) RETURNS void
LANGUAGE plpgsql SET jit = off SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF coalesce(cardinality(target_recommendation_ids), 0) = 0 THEN
    RETURN;
  END IF;
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
--> statement-breakpoint
-- A new recommendation is continued by nothing yet: it is open since its own report's date. (The
-- 0005 function, which copies that date, also copies it here.)
CREATE OR REPLACE FUNCTION recommendations_copy_report_date() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT published_on, published_on, published_on_precision
    INTO NEW.report_published_on, NEW.open_since, NEW.open_since_precision
    FROM reports WHERE id = NEW.report_id;
  ELSE
    NEW.report_published_on := (SELECT published_on FROM reports WHERE id = NEW.report_id);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER recommendations_copy_report_date
BEFORE INSERT OR UPDATE OF report_id, report_published_on ON recommendations
FOR EACH ROW EXECUTE FUNCTION recommendations_copy_report_date();
--> statement-breakpoint
CREATE FUNCTION recommendations_refresh_open_since() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_open_since(ARRAY[NEW.id]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER recommendations_open_since
AFTER UPDATE OF report_id ON recommendations
FOR EACH ROW WHEN (OLD.report_id IS DISTINCT FROM NEW.report_id)
EXECUTE FUNCTION recommendations_refresh_open_since();
--> statement-breakpoint
-- Statement triggers with the changed rows as transition tables: a statement inserting many links
-- (seed, restore, import) refreshes everything downstream of them once, not once per link.
CREATE FUNCTION recommendation_links_refresh_open_since() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_open_since(ARRAY(SELECT later_recommendation_id FROM new_links));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_open_since(ARRAY(SELECT later_recommendation_id FROM old_links));
  ELSE
    PERFORM refresh_open_since(ARRAY(
      SELECT unnest(ARRAY[o.later_recommendation_id, n.later_recommendation_id])
      FROM old_links o JOIN new_links n ON n.id = o.id
      WHERE (o.later_recommendation_id, o.earlier_recommendation_id)
        IS DISTINCT FROM (n.later_recommendation_id, n.earlier_recommendation_id)
    ));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER recommendation_links_open_since_insert
AFTER INSERT ON recommendation_links REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION recommendation_links_refresh_open_since();
--> statement-breakpoint
CREATE TRIGGER recommendation_links_open_since_update
AFTER UPDATE ON recommendation_links REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION recommendation_links_refresh_open_since();
--> statement-breakpoint
CREATE TRIGGER recommendation_links_open_since_delete
AFTER DELETE ON recommendation_links REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION recommendation_links_refresh_open_since();
--> statement-breakpoint
-- A report's date or kind decides which of its assessments is the latest official one (0001), its
-- date and precision date the recommendations it closed, and those it issued and their
-- continuations. Replaces 0001's reports_current_status.
DROP TRIGGER reports_current_status ON reports;--> statement-breakpoint
DROP FUNCTION reports_refresh_current_status();--> statement-breakpoint
CREATE FUNCTION reports_refresh_derived_columns() RETURNS trigger
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
--> statement-breakpoint
CREATE TRIGGER reports_derived_columns
AFTER UPDATE OF published_on, published_on_precision, kind ON reports
FOR EACH ROW
WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on
  OR OLD.published_on_precision IS DISTINCT FROM NEW.published_on_precision
  OR OLD.kind IS DISTINCT FROM NEW.kind)
EXECUTE FUNCTION reports_refresh_derived_columns();
