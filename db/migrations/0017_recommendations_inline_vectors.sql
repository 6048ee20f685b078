-- A search reads the search and evidence vectors of every recommendation it finds, to match and
-- rank it. PostgreSQL moves a row's largest values to the table's TOAST relation once the row
-- passes about 2 kB (a long text, many assessments), and each such value is then fetched through
-- that relation's index: at 100,000 recommendations, half the buffers "polling station" read to
-- match were such fetches, 30 of its 44 ms (13 ms with the rows whole). Rows are now kept whole
-- up to a page's size; assessments, whose vectors the search reads the same way, alike.
ALTER TABLE "recommendations" SET (toast_tuple_target = 8160);--> statement-breakpoint
ALTER TABLE "assessments" SET (toast_tuple_target = 8160);--> statement-breakpoint
-- Rows written before keep out-of-line values until rewritten: rewritten here, once (CLUSTER runs
-- within the migration's transaction, VACUUM FULL would not), in the order a list reads them.
CLUSTER "recommendations" USING "recommendations_printed_order_idx";--> statement-breakpoint
CLUSTER "assessments" USING "assessments_recommendation_report_key";
