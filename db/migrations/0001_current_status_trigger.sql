-- A recommendation's current status is the status given by the most recent ODIHR report that
-- assessed it (PRODUCT.md). Third-party reports are evidence only and never set it. It is stored
-- on the recommendation so that filters and counts by status use an index; these triggers keep it
-- right for every writer (API, seed, bulk load).
CREATE FUNCTION refresh_current_status(target_recommendation_id integer) RETURNS void
LANGUAGE sql AS $$
  UPDATE recommendations r
  SET current_status = coalesce((
    SELECT a.status
    FROM assessments a
    JOIN reports rp ON rp.id = a.assessing_report_id
    WHERE a.recommendation_id = r.id AND rp.kind <> 'third_party'
    ORDER BY rp.published_on DESC, rp.id DESC
    LIMIT 1
  ), 'not_assessed')
  WHERE r.id = target_recommendation_id;
$$;
--> statement-breakpoint
CREATE FUNCTION assessments_refresh_current_status() RETURNS trigger
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
--> statement-breakpoint
CREATE TRIGGER assessments_current_status
AFTER INSERT OR UPDATE OR DELETE ON assessments
FOR EACH ROW EXECUTE FUNCTION assessments_refresh_current_status();
--> statement-breakpoint
-- A report's date or kind decides which of its assessments is the latest official one.
CREATE FUNCTION reports_refresh_current_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_current_status(a.recommendation_id)
  FROM assessments a WHERE a.assessing_report_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reports_current_status
AFTER UPDATE OF published_on, kind ON reports
FOR EACH ROW
WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on OR OLD.kind IS DISTINCT FROM NEW.kind)
EXECUTE FUNCTION reports_refresh_current_status();
