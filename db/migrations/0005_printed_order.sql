-- The issuing report's date on each recommendation, so the printed order (report date, report,
-- position) is one index and a list pages through it instead of sorting every match. Kept right
-- by triggers for every writer, like current_status (migration 0001).
ALTER TABLE "recommendations" ADD COLUMN "report_published_on" date;--> statement-breakpoint
UPDATE recommendations r SET report_published_on = rp.published_on
FROM reports rp WHERE rp.id = r.report_id;--> statement-breakpoint
CREATE FUNCTION recommendations_copy_report_date() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.report_published_on := (SELECT published_on FROM reports WHERE id = NEW.report_id);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER recommendations_copy_report_date
BEFORE INSERT OR UPDATE OF report_id, report_published_on ON recommendations
FOR EACH ROW EXECUTE FUNCTION recommendations_copy_report_date();
--> statement-breakpoint
CREATE FUNCTION reports_copy_date_to_recommendations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE recommendations SET report_published_on = NEW.published_on WHERE report_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reports_copy_date_to_recommendations
AFTER UPDATE OF published_on ON reports
FOR EACH ROW WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on)
EXECUTE FUNCTION reports_copy_date_to_recommendations();
--> statement-breakpoint
CREATE INDEX "recommendations_printed_order_idx" ON "recommendations" USING btree ("report_published_on","report_id","position","id");--> statement-breakpoint
CREATE INDEX "recommendations_priority_unaddressed_idx" ON "recommendations" USING btree ("report_published_on","report_id","position","id") WHERE priority and current_status in ('not_implemented', 'not_assessed');
