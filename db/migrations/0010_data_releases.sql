CREATE TABLE "data_releases" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	"notes" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"archive" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_releases" ADD CONSTRAINT "data_releases_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_releases_number_key" ON "data_releases" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "data_releases_year_sequence_key" ON "data_releases" USING btree ("year","sequence");--> statement-breakpoint
CREATE INDEX "data_releases_published_at_idx" ON "data_releases" USING btree ("published_at");