-- The printed order: each recommendation stores its issuing report's date (report_published_on),
-- so the printed order (report date, report, position) is one index and a list pages through it
-- instead of sorting every match (migration 0005). These triggers keep the copy right for every
-- writer (API, seed, restore, psql).

-- Copies the issuing report's date onto a recommendation being written. A new recommendation is
-- continued by nothing yet, so it is also open since that date (derived-columns.sql keeps
-- open_since right afterwards).
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

-- Also fires on a write of report_published_on itself, so nobody can set it to anything else.
CREATE OR REPLACE TRIGGER recommendations_copy_report_date
BEFORE INSERT OR UPDATE OF report_id, report_published_on ON recommendations
FOR EACH ROW EXECUTE FUNCTION recommendations_copy_report_date();

-- A report's new date, copied onto the recommendations it issued.
CREATE OR REPLACE FUNCTION reports_copy_date_to_recommendations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE recommendations SET report_published_on = NEW.published_on WHERE report_id = NEW.id;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER reports_copy_date_to_recommendations
AFTER UPDATE OF published_on ON reports
FOR EACH ROW WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on)
EXECUTE FUNCTION reports_copy_date_to_recommendations();
