ALTER TYPE "public"."history_entity" ADD VALUE 'report_source';--> statement-breakpoint
ALTER TYPE "public"."history_entity" ADD VALUE 'follow_up_dismissal';