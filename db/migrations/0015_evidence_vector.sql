-- Every word of a recommendation's assessments, stored on it (db/src/schema/recommendations.ts:
-- evidenceVector) so a search reads one table for both its own words and its evidence's. The
-- triggers of db/sql/derived-columns.sql keep it; this migration changes those definitions, so the
-- migrator fills it for every recommendation after the migrations (fill_derived_columns).
ALTER TABLE "recommendations" ADD COLUMN "evidence_vector" "tsvector";--> statement-breakpoint
CREATE INDEX "recommendations_evidence_idx" ON "recommendations" USING gin ("evidence_vector");