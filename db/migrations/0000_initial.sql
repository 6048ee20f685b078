CREATE TYPE "public"."assessment_basis" AS ENUM('explicit', 'inferred');--> statement-breakpoint
CREATE TYPE "public"."confidence_level" AS ENUM('high', 'medium', 'low');--> statement-breakpoint
CREATE TYPE "public"."date_precision" AS ENUM('day', 'month', 'year');--> statement-breakpoint
CREATE TYPE "public"."election_kind" AS ENUM('parliamentary', 'presidential', 'local', 'referendum');--> statement-breakpoint
CREATE TYPE "public"."history_action" AS ENUM('create', 'update', 'delete');--> statement-breakpoint
CREATE TYPE "public"."history_entity" AS ENUM('country', 'election', 'report', 'recommendation', 'assessment', 'recommendation_link', 'user');--> statement-breakpoint
CREATE TYPE "public"."implementation_status" AS ENUM('fully_implemented', 'mostly_implemented', 'partially_implemented', 'not_implemented', 'no_longer_applicable', 'not_assessed');--> statement-breakpoint
CREATE TYPE "public"."link_kind" AS ENUM('repeats', 'continues');--> statement-breakpoint
CREATE TYPE "public"."report_kind" AS ENUM('needs_assessment', 'interim', 'preliminary_statement', 'final_report', 'third_party');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('editor', 'admin');--> statement-breakpoint
CREATE TABLE "countries" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "countries_code_format" CHECK ("countries"."code" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" serial PRIMARY KEY NOT NULL,
	"country_id" integer NOT NULL,
	"kind" "election_kind" NOT NULL,
	"held_on" date NOT NULL,
	"held_on_precision" date_precision DEFAULT 'day' NOT NULL,
	"second_round_on" date,
	"early" boolean DEFAULT false NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elections_second_round_after_first" CHECK ("elections"."second_round_on" is null or "elections"."second_round_on" > "elections"."held_on")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"election_id" integer NOT NULL,
	"publisher" text NOT NULL,
	"kind" "report_kind" NOT NULL,
	"title" text NOT NULL,
	"published_on" date NOT NULL,
	"published_on_precision" date_precision DEFAULT 'day' NOT NULL,
	"source_url" text,
	"source_file" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_slug_format" CHECK ("reports"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"number" text NOT NULL,
	"position" integer NOT NULL,
	"priority" boolean DEFAULT false NOT NULL,
	"heading" text,
	"topic_id" integer,
	"text" text,
	"source_line_start" integer,
	"source_line_end" integer,
	"location" text,
	"current_status" "implementation_status" DEFAULT 'not_assessed' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce("text", '')), 'A') || setweight(to_tsvector('english', coalesce("heading", '')), 'B')) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_number_not_blank" CHECK (length(trim("recommendations"."number")) > 0),
	CONSTRAINT "recommendations_text_not_blank" CHECK ("recommendations"."text" is null or length(trim("recommendations"."text")) > 0),
	CONSTRAINT "recommendations_source_lines" CHECK (("recommendations"."source_line_start" is null) = ("recommendations"."source_line_end" is null) and ("recommendations"."source_line_start" is null or ("recommendations"."source_line_start" > 0 and "recommendations"."source_line_start" <= "recommendations"."source_line_end")))
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"recommendation_id" integer NOT NULL,
	"assessing_report_id" integer NOT NULL,
	"status" "implementation_status" NOT NULL,
	"quote" text NOT NULL,
	"source_line_start" integer,
	"source_line_end" integer,
	"location" text,
	"basis" "assessment_basis" NOT NULL,
	"confidence" "confidence_level",
	"note" text,
	"recorded_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_status_is_a_judgement" CHECK ("assessments"."status" <> 'not_assessed'),
	CONSTRAINT "assessments_quote_not_blank" CHECK (length(trim("assessments"."quote")) > 0),
	CONSTRAINT "assessments_inferred_needs_confidence_and_note" CHECK ("assessments"."basis" = 'explicit' or ("assessments"."confidence" is not null and "assessments"."note" is not null)),
	CONSTRAINT "assessments_source_lines" CHECK (("assessments"."source_line_start" is null) = ("assessments"."source_line_end" is null) and ("assessments"."source_line_start" is null or ("assessments"."source_line_start" > 0 and "assessments"."source_line_start" <= "assessments"."source_line_end")))
);
--> statement-breakpoint
CREATE TABLE "recommendation_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"later_recommendation_id" integer NOT NULL,
	"earlier_recommendation_id" integer NOT NULL,
	"kind" "link_kind" NOT NULL,
	"confidence" "confidence_level",
	"note" text,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_links_not_self" CHECK ("recommendation_links"."later_recommendation_id" <> "recommendation_links"."earlier_recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"password_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_lower_case" CHECK ("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
CREATE TABLE "history_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_type" "history_entity" NOT NULL,
	"entity_id" integer NOT NULL,
	"action" "history_action" NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"reason" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_country_id_countries_id_fk" FOREIGN KEY ("country_id") REFERENCES "public"."countries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_assessing_report_id_reports_id_fk" FOREIGN KEY ("assessing_report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_links" ADD CONSTRAINT "recommendation_links_later_recommendation_id_recommendations_id_fk" FOREIGN KEY ("later_recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_links" ADD CONSTRAINT "recommendation_links_earlier_recommendation_id_recommendations_id_fk" FOREIGN KEY ("earlier_recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_links" ADD CONSTRAINT "recommendation_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_entries" ADD CONSTRAINT "history_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "countries_code_key" ON "countries" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "topics_slug_key" ON "topics" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "elections_country_kind_held_on_key" ON "elections" USING btree ("country_id","kind","held_on");--> statement-breakpoint
CREATE INDEX "elections_held_on_idx" ON "elections" USING btree ("held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_slug_key" ON "reports" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "reports_election_id_idx" ON "reports" USING btree ("election_id");--> statement-breakpoint
CREATE INDEX "reports_published_on_idx" ON "reports" USING btree ("published_on");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_report_number_key" ON "recommendations" USING btree ("report_id","number");--> statement-breakpoint
CREATE INDEX "recommendations_report_position_idx" ON "recommendations" USING btree ("report_id","position");--> statement-breakpoint
CREATE INDEX "recommendations_topic_id_idx" ON "recommendations" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "recommendations_current_status_idx" ON "recommendations" USING btree ("current_status");--> statement-breakpoint
CREATE INDEX "recommendations_priority_idx" ON "recommendations" USING btree ("priority");--> statement-breakpoint
CREATE INDEX "recommendations_search_idx" ON "recommendations" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_recommendation_report_key" ON "assessments" USING btree ("recommendation_id","assessing_report_id");--> statement-breakpoint
CREATE INDEX "assessments_assessing_report_id_idx" ON "assessments" USING btree ("assessing_report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendation_links_pair_key" ON "recommendation_links" USING btree ("later_recommendation_id","earlier_recommendation_id");--> statement-breakpoint
CREATE INDEX "recommendation_links_earlier_idx" ON "recommendation_links" USING btree ("earlier_recommendation_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "history_entries_entity_idx" ON "history_entries" USING btree ("entity_type","entity_id","changed_at");--> statement-breakpoint
CREATE INDEX "history_entries_changed_at_idx" ON "history_entries" USING btree ("changed_at");