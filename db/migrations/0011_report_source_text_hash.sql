ALTER TABLE "report_sources" ADD COLUMN "text_hash" text;--> statement-breakpoint
CREATE INDEX "report_sources_text_hash_idx" ON "report_sources" USING btree ("text_hash");