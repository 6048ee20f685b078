-- Every recommendation's lineage as its detail shows it (schema/recommendation-lineage.ts), kept by
-- the triggers of db/sql/lineage-closure.sql; migrate fills it through fill_derived_columns(), run
-- because the definitions changed.
CREATE TABLE "recommendation_lineage" (
	"recommendation_id" integer NOT NULL,
	"toward_earlier" boolean NOT NULL,
	"link_id" integer NOT NULL,
	"depth" integer NOT NULL,
	"via" integer NOT NULL,
	CONSTRAINT "recommendation_lineage_recommendation_id_toward_earlier_link_id_pk" PRIMARY KEY("recommendation_id","toward_earlier","link_id")
);
--> statement-breakpoint
ALTER TABLE "recommendation_lineage" ADD CONSTRAINT "recommendation_lineage_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "recommendation_lineage" ADD CONSTRAINT "recommendation_lineage_link_id_recommendation_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."recommendation_links"("id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "recommendation_lineage_link_idx" ON "recommendation_lineage" USING btree ("link_id");