-- The country of each recommendation's issuing election, stored on it like report_published_on
-- (0005), so a country's list, a topic's, or both, page through one index in printed order instead
-- of gathering and sorting every match. The triggers of db/sql/printed-order.sql keep it right.
-- Also: a country's priority recommendations, the priority unaddressed ones in status order, and
-- the third-party reports that ODIHR's figures leave out, each read from an index of their own.
-- The copying functions are renamed for what they now copy (db/sql/printed-order.sql defines
-- them again after the migrations), and the report's two copies are made by one trigger.
DROP TRIGGER "recommendations_copy_report_date" ON "recommendations";--> statement-breakpoint
DROP FUNCTION "recommendations_copy_report_date"();--> statement-breakpoint
DROP TRIGGER "reports_copy_date_to_recommendations" ON "reports";--> statement-breakpoint
DROP FUNCTION "reports_copy_date_to_recommendations"();--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "country_id" integer;--> statement-breakpoint
UPDATE recommendations r SET country_id = e.country_id
FROM reports rp JOIN elections e ON e.id = rp.election_id WHERE rp.id = r.report_id;--> statement-breakpoint
DROP INDEX "recommendations_topic_id_idx";--> statement-breakpoint
CREATE INDEX "reports_third_party_idx" ON "reports" USING btree ("id") WHERE kind = 'third_party';--> statement-breakpoint
CREATE INDEX "recommendations_country_printed_order_idx" ON "recommendations" USING btree ("country_id","report_published_on","report_id","position","id");--> statement-breakpoint
CREATE INDEX "recommendations_topic_printed_order_idx" ON "recommendations" USING btree ("topic_id","report_published_on","report_id","position","id");--> statement-breakpoint
CREATE INDEX "recommendations_country_topic_printed_order_idx" ON "recommendations" USING btree ("country_id","topic_id","report_published_on","report_id","position","id");--> statement-breakpoint
CREATE INDEX "recommendations_country_priority_printed_order_idx" ON "recommendations" USING btree ("country_id","report_published_on","report_id","position","id") WHERE priority;--> statement-breakpoint
CREATE INDEX "recommendations_priority_unaddressed_status_idx" ON "recommendations" USING btree ("current_status","report_published_on","report_id","position","id") WHERE priority and current_status in ('not_implemented', 'not_assessed');
