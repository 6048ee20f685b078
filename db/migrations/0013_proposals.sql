CREATE TYPE "public"."proposal_entity" AS ENUM('assessment', 'recommendation_link', 'recommendation');--> statement-breakpoint
CREATE TYPE "public"."proposal_kind" AS ENUM('create', 'update');--> statement-breakpoint
CREATE TYPE "public"."proposal_state" AS ENUM('open', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "proposal_kind" NOT NULL,
	"entity" "proposal_entity" NOT NULL,
	"target_id" integer,
	"base_version" integer,
	"payload" jsonb NOT NULL,
	"proposed_by" integer NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" "proposal_state" DEFAULT 'open' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"reason" text,
	CONSTRAINT "proposals_update_has_target" CHECK ("proposals"."kind" <> 'update' or ("proposals"."target_id" is not null and "proposals"."base_version" is not null)),
	CONSTRAINT "proposals_decision" CHECK (("proposals"."state" = 'open') = ("proposals"."decided_by" is null and "proposals"."decided_at" is null))
);
--> statement-breakpoint
ALTER TABLE "history_entries" ADD COLUMN "proposed_by" integer;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposals_state_idx" ON "proposals" USING btree ("state","proposed_at");--> statement-breakpoint
ALTER TABLE "history_entries" ADD CONSTRAINT "history_entries_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;