-- The search's copy: recommendation_search holds, for every recommendation, the columns a search
-- reads to match, filter, rank and sort it (migration 0018; db/src/schema/recommendation-search.ts
-- says why), always equal to the recommendation's own. These triggers keep it so for every writer
-- (API, seed, restore, psql); a deleted recommendation's copy goes with it (ON DELETE CASCADE).

-- Copies the recommendations `target_ids` as they now are, writing only the rows that differ.
-- Reads the rows rather than taking a trigger's NEW: a write that triggers another write of the
-- same row (derived-columns.sql) copies the last version, whatever order the triggers fire in.
CREATE OR REPLACE FUNCTION copy_to_recommendation_search(target_ids integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO recommendation_search AS s (id, report_id, report_published_on, position,
    country_id, topic_id, priority, current_status, open_since, closed_on, search_vector,
    evidence_vector)
  SELECT r.id, r.report_id, r.report_published_on, r.position, r.country_id, r.topic_id,
    r.priority, r.current_status, r.open_since, r.closed_on, r.search_vector, r.evidence_vector
  FROM recommendations r
  WHERE r.id = ANY(target_ids)
  ON CONFLICT (id) DO UPDATE
  SET report_id = EXCLUDED.report_id, report_published_on = EXCLUDED.report_published_on,
    position = EXCLUDED.position, country_id = EXCLUDED.country_id, topic_id = EXCLUDED.topic_id,
    priority = EXCLUDED.priority, current_status = EXCLUDED.current_status,
    open_since = EXCLUDED.open_since, closed_on = EXCLUDED.closed_on,
    search_vector = EXCLUDED.search_vector, evidence_vector = EXCLUDED.evidence_vector
  WHERE (s.*) IS DISTINCT FROM (EXCLUDED.*);
END;
$$;

-- A recommendation written, by anyone, its derived columns included.
CREATE OR REPLACE FUNCTION recommendations_copy_to_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM copy_to_recommendation_search(ARRAY[NEW.id]);
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER recommendations_copy_to_search
AFTER INSERT OR UPDATE ON recommendations
FOR EACH ROW EXECUTE FUNCTION recommendations_copy_to_search();
