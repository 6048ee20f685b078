-- A narrow copy of what a search reads of every recommendation (schema/recommendation-search.ts),
-- kept by the triggers of db/sql/search-copy.sql; the GIN indexes of the two vectors move to it.
CREATE TABLE "recommendation_search" (
	"id" integer PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"report_published_on" date,
	"position" integer NOT NULL,
	"country_id" integer,
	"topic_id" integer,
	"priority" boolean NOT NULL,
	"current_status" "implementation_status" NOT NULL,
	"open_since" date,
	"closed_on" date,
	"search_vector" "tsvector",
	"evidence_vector" "tsvector"
);
--> statement-breakpoint
-- Its rows kept whole up to a page's size, as the recommendations' (0017): a search reads both
-- vectors of every match, and a value moved out of the row is read back through an index.
ALTER TABLE "recommendation_search" SET (toast_tuple_target = 8160);--> statement-breakpoint
DROP INDEX "recommendations_search_idx";--> statement-breakpoint
DROP INDEX "recommendations_evidence_idx";--> statement-breakpoint
DROP INDEX "recommendations_evidence_unstored_idx";--> statement-breakpoint
ALTER TABLE "recommendation_search" ADD CONSTRAINT "recommendation_search_id_recommendations_id_fk" FOREIGN KEY ("id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
-- Filled here, before its indexes are built; from now on the triggers keep it.
INSERT INTO "recommendation_search" ("id", "report_id", "report_published_on", "position",
  "country_id", "topic_id", "priority", "current_status", "open_since", "closed_on",
  "search_vector", "evidence_vector")
SELECT "id", "report_id", "report_published_on", "position", "country_id", "topic_id", "priority",
  "current_status", "open_since", "closed_on", "search_vector", "evidence_vector"
FROM "recommendations";--> statement-breakpoint
CREATE INDEX "recommendation_search_words_idx" ON "recommendation_search" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "recommendation_search_evidence_idx" ON "recommendation_search" USING gin ("evidence_vector");--> statement-breakpoint
CREATE INDEX "recommendation_search_topic_idx" ON "recommendation_search" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "recommendation_search_evidence_unstored_idx" ON "recommendation_search" USING btree ("id") WHERE evidence_vector is null;