-- Every server instance keeps the public API's answers in memory (server/src/plugins/answer-cache.ts).
-- These statement triggers tell every listening instance, at commit, that public data changed:
-- whoever wrote it (another instance, a CLI, psql). NOTIFY is transactional: a rolled-back write
-- notifies nobody, and the notifications of one transaction are folded into one. The channel name
-- is DATA_CHANGED_CHANNEL in db/src/notifications.ts.
-- Sessions, tokens and sign-in throttles are left out: they change on every sign-in and no public
-- answer shows them. Data releases have one: a new release changes every public answer's citation
-- (its Link header). Report sources and follow-up dismissals (migration 0003) have no trigger, and
-- their history entries notify nobody (below).
CREATE OR REPLACE FUNCTION notify_data_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tracker_data_changed', '');
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER countries_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON countries
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

CREATE OR REPLACE TRIGGER topics_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON topics
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

CREATE OR REPLACE TRIGGER elections_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON elections
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

CREATE OR REPLACE TRIGGER reports_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reports
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

CREATE OR REPLACE TRIGGER recommendations_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendations
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

CREATE OR REPLACE TRIGGER assessments_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assessments
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

CREATE OR REPLACE TRIGGER recommendation_links_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendation_links
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

-- The history of records no public answer shows (users, report sources, follow-up dismissals:
-- PRIVATE_HISTORY_ENTITIES in shared/src/domain/vocabulary.ts) changes nothing public: an editor
-- dismissing suggestions must not empty every instance's answers. New entries are looked at
-- through the statement's transition table; any other change to the history notifies.
CREATE OR REPLACE FUNCTION notify_public_history_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM added_history_entries
    WHERE entity_type::text NOT IN ('user', 'report_source', 'follow_up_dismissal')
  ) THEN
    PERFORM pg_notify('tracker_data_changed', '');
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER history_entries_data_changed AFTER UPDATE OR DELETE OR TRUNCATE ON history_entries
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

CREATE OR REPLACE TRIGGER history_entries_added AFTER INSERT ON history_entries
  REFERENCING NEW TABLE AS added_history_entries
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_history_added();

CREATE OR REPLACE TRIGGER users_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

CREATE OR REPLACE TRIGGER data_releases_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON data_releases
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
