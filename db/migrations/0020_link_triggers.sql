-- One set of statement triggers on recommendation_links refreshes both what a link decides (the
-- open-since dates and the kept lineage: db/sql/lineage-closure.sql); the open-since ones go.
DROP TRIGGER IF EXISTS "recommendation_links_open_since_insert" ON "recommendation_links";--> statement-breakpoint
DROP TRIGGER IF EXISTS "recommendation_links_open_since_update" ON "recommendation_links";--> statement-breakpoint
DROP TRIGGER IF EXISTS "recommendation_links_open_since_delete" ON "recommendation_links";--> statement-breakpoint
DROP FUNCTION IF EXISTS recommendation_links_refresh_open_since();
