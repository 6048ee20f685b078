-- The printed order: each recommendation stores its issuing report's date (report_published_on),
-- so the printed order (report date, report, position) is one index and a list pages through it
-- instead of sorting every match (migration 0005). It also stores the country of that report's
-- election (country_id, migration 0014), so a country's list pages through one index the same
-- way. These triggers keep both copies right for every writer (API, seed, restore, psql).

-- Copies the issuing report's date and its election's country onto a recommendation being
-- written. A new recommendation is continued by nothing yet, so it is also open since that date
-- (derived-columns.sql keeps open_since right afterwards). The report and the election are read
-- FOR SHARE: a transaction changing either at the same time is waited for and its values taken;
-- one that changes them later then finds this recommendation to update (the triggers below).
CREATE OR REPLACE FUNCTION recommendations_copy_from_report() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT rp.published_on, e.country_id, rp.published_on, rp.published_on_precision
    INTO NEW.report_published_on, NEW.country_id, NEW.open_since, NEW.open_since_precision
    FROM reports rp JOIN elections e ON e.id = rp.election_id WHERE rp.id = NEW.report_id
    FOR SHARE;
  ELSE
    SELECT rp.published_on, e.country_id
    INTO NEW.report_published_on, NEW.country_id
    FROM reports rp JOIN elections e ON e.id = rp.election_id WHERE rp.id = NEW.report_id
    FOR SHARE;
  END IF;
  RETURN NEW;
END;
$$;

-- Also fires on a write of the copies themselves, so nobody can set them to anything else.
CREATE OR REPLACE TRIGGER recommendations_copy_from_report
BEFORE INSERT OR UPDATE OF report_id, report_published_on, country_id ON recommendations
FOR EACH ROW EXECUTE FUNCTION recommendations_copy_from_report();

-- A report redated or moved to another election: the recommendations it issued take its new
-- date and that election's country.
CREATE OR REPLACE FUNCTION reports_copy_to_recommendations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE recommendations
  SET report_published_on = NEW.published_on,
    country_id = (SELECT country_id FROM elections WHERE id = NEW.election_id)
  WHERE report_id = NEW.id;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER reports_copy_to_recommendations
AFTER UPDATE OF published_on, election_id ON reports
FOR EACH ROW WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on
  OR OLD.election_id IS DISTINCT FROM NEW.election_id)
EXECUTE FUNCTION reports_copy_to_recommendations();

-- An election moved to another country: the recommendations its reports issued follow.
CREATE OR REPLACE FUNCTION elections_copy_country_to_recommendations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE recommendations SET country_id = NEW.country_id
  WHERE report_id IN (SELECT id FROM reports WHERE election_id = NEW.id);
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER elections_copy_country_to_recommendations
AFTER UPDATE OF country_id ON elections
FOR EACH ROW WHEN (OLD.country_id IS DISTINCT FROM NEW.country_id)
EXECUTE FUNCTION elections_copy_country_to_recommendations();
