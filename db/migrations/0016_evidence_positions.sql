-- evidence_vector keeps each assessment's words at a position of its own, so a search tells words
-- said in one assessment from words spread over several without reading the assessments
-- (db/sql/derived-columns.sql: evidence_vector_of; the migrator refills it, the definitions having
-- changed). Empty, not null, without assessments: null now means more than 255 of them, which a
-- search checks in the assessments themselves, found through the partial index.
ALTER TABLE "recommendations" ALTER COLUMN "evidence_vector" SET DEFAULT ''::tsvector;--> statement-breakpoint
CREATE INDEX "recommendations_evidence_unstored_idx" ON "recommendations" USING btree ("id") WHERE evidence_vector is null;