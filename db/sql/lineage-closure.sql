-- Every recommendation's lineage as its detail shows it, kept in recommendation_lineage (migration
-- 0019; db/src/schema/recommendation-lineage.ts says why): the links reachable from it towards
-- the earlier recommendations and towards the later ones. These triggers keep it right for every
-- writer (API, seed, restore, psql), with the open-since dates the links decide;
-- fill_derived_columns() (derived-columns.sql) computes it whole, for migrations and bulk loads.

-- The links reachable from each of `starts`, towards the earlier recommendations (a link's far
-- side is its earlier one) or the later ones, as the detail lists them: a breadth-first walk whose
-- every step takes the recommendations not yet seen, so cycles and diamonds cost nothing extra,
-- and which stops 32 links away (real chains are a handful of reports long). A link is given at
-- the depth of its near side plus one, with that near side as `via`; a link leading back towards
-- the start (to a recommendation found nearer than its near side) is left out, so a cycle shows
-- once. The walk of one direction reads only that direction's links: the other branch's filter
-- is false for the whole statement.
CREATE OR REPLACE FUNCTION lineage_reach(starts integer[], toward_earlier boolean)
RETURNS TABLE (recommendation_id integer, link_id integer, depth integer, via integer)
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE walk(start, depth, frontier, seen) AS (
    SELECT s, 0, ARRAY[s], ARRAY[s] FROM unnest(starts) s
    UNION ALL
    SELECT w.start, w.depth + 1, step.found, w.seen || step.found
    FROM walk w
    CROSS JOIN LATERAL (
      SELECT array_agg(DISTINCT e.far) AS found
      FROM (
        SELECT l.earlier_recommendation_id AS far FROM recommendation_links l
        WHERE toward_earlier AND l.later_recommendation_id = ANY(w.frontier)
        UNION ALL
        SELECT l.later_recommendation_id FROM recommendation_links l
        WHERE NOT toward_earlier AND l.earlier_recommendation_id = ANY(w.frontier)
      ) e
      WHERE NOT e.far = ANY(w.seen)
    ) step
    WHERE step.found IS NOT NULL AND w.depth < 32
  ), reached AS (
    SELECT start, unnest(frontier) AS rec, depth FROM walk
  )
  SELECT n.start, e.id, n.depth + 1, n.rec
  FROM reached n
  CROSS JOIN LATERAL (
    SELECT l.id, l.earlier_recommendation_id AS far FROM recommendation_links l
    WHERE toward_earlier AND l.later_recommendation_id = n.rec
    UNION ALL
    SELECT l.id, l.later_recommendation_id FROM recommendation_links l
    WHERE NOT toward_earlier AND l.earlier_recommendation_id = n.rec
  ) e
  JOIN reached f ON f.start = n.start AND f.rec = e.far AND f.depth >= n.depth
  WHERE n.depth < 32
$$;

-- The lineage of these recommendations and of every recommendation linked to them, in either
-- direction, transitively: a link written changes the lineage of its whole connected group, and
-- nothing outside it. Under the same advisory lock as refresh_open_since (derived-columns.sql),
-- for the same reason: two transactions linking one chain at once would each walk it without the
-- other's link.
CREATE OR REPLACE FUNCTION refresh_recommendation_lineage(target_recommendation_ids integer[])
RETURNS void
LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  members integer[];
BEGIN
  IF coalesce(cardinality(target_recommendation_ids), 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(7240115);
  WITH RECURSIVE linked(id) AS (
    SELECT unnest(target_recommendation_ids)
    UNION
    SELECT n.id
    FROM linked c
    CROSS JOIN LATERAL (
      SELECT l.earlier_recommendation_id AS id FROM recommendation_links l
      WHERE l.later_recommendation_id = c.id
      UNION ALL
      SELECT l.later_recommendation_id FROM recommendation_links l
      WHERE l.earlier_recommendation_id = c.id
    ) n
  )
  SELECT array_agg(id) INTO members FROM linked;
  DELETE FROM recommendation_lineage WHERE recommendation_id = ANY(members);
  INSERT INTO recommendation_lineage (recommendation_id, toward_earlier, link_id, depth, via)
  SELECT w.recommendation_id, true, w.link_id, w.depth, w.via
  FROM lineage_reach(members, true) w
  UNION ALL
  SELECT w.recommendation_id, false, w.link_id, w.depth, w.via
  FROM lineage_reach(members, false) w;
END;
$$;

-- Every recommendation's lineage, computed whole (fill_derived_columns): every linked
-- recommendation's group, which is all of them.
CREATE OR REPLACE FUNCTION fill_recommendation_lineage() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM recommendation_lineage;
  PERFORM refresh_recommendation_lineage(ARRAY(
    SELECT later_recommendation_id FROM recommendation_links
    UNION
    SELECT earlier_recommendation_id FROM recommendation_links
  ));
END;
$$;

-- What a statement's links decide, refreshed once per statement (seed, restore and import write
-- many), from the changed rows as transition tables: the open-since dates downstream of their
-- later ends (refresh_open_since, derived-columns.sql) and the lineage of every group they touch,
-- by both ends (deleting a link may split its group in two).
CREATE OR REPLACE FUNCTION recommendation_links_refresh_lineage() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  later_ends integer[];
  other_ends integer[] := ARRAY[]::integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    later_ends := ARRAY(SELECT later_recommendation_id FROM new_links);
  ELSIF TG_OP = 'DELETE' THEN
    later_ends := ARRAY(SELECT later_recommendation_id FROM old_links);
    other_ends := ARRAY(SELECT earlier_recommendation_id FROM old_links);
  ELSE
    later_ends := ARRAY(
      SELECT unnest(ARRAY[o.later_recommendation_id, n.later_recommendation_id])
      FROM old_links o JOIN new_links n ON n.id = o.id
      WHERE (o.later_recommendation_id, o.earlier_recommendation_id)
        IS DISTINCT FROM (n.later_recommendation_id, n.earlier_recommendation_id)
    );
    other_ends := ARRAY(
      SELECT unnest(ARRAY[o.earlier_recommendation_id, n.earlier_recommendation_id])
      FROM old_links o JOIN new_links n ON n.id = o.id
      WHERE (o.later_recommendation_id, o.earlier_recommendation_id)
        IS DISTINCT FROM (n.later_recommendation_id, n.earlier_recommendation_id)
    );
  END IF;
  PERFORM refresh_open_since(later_ends);
  PERFORM refresh_recommendation_lineage(later_ends || other_ends);
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER recommendation_links_lineage_insert
AFTER INSERT ON recommendation_links REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION recommendation_links_refresh_lineage();

CREATE OR REPLACE TRIGGER recommendation_links_lineage_update
AFTER UPDATE ON recommendation_links REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION recommendation_links_refresh_lineage();

CREATE OR REPLACE TRIGGER recommendation_links_lineage_delete
AFTER DELETE ON recommendation_links REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION recommendation_links_refresh_lineage();
