CREATE TABLE "team_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"team_name" varchar(100) DEFAULT 'Our team' NOT NULL,
	"timezone" varchar(64) DEFAULT 'UTC' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_settings_single_row" CHECK ("team_settings"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "team_settings" ("id") VALUES (1);--> statement-breakpoint
DROP INDEX "model_usage_model_idx";--> statement-breakpoint
ALTER TABLE "model_usage" ADD COLUMN "user_id" integer;--> statement-breakpoint
ALTER TABLE "model_usage" ADD COLUMN "date" date;--> statement-breakpoint
-- Backfill existing rows from their usage_stats row, then require the columns.
UPDATE "model_usage" m SET "user_id" = s."user_id", "date" = s."date" FROM "usage_stats" s WHERE s."id" = m."usage_stats_id";--> statement-breakpoint
ALTER TABLE "model_usage" ALTER COLUMN "user_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_usage" ALTER COLUMN "date" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_usage" ADD CONSTRAINT "model_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_usage_date_idx" ON "model_usage" USING btree ("date");--> statement-breakpoint
CREATE INDEX "model_usage_user_id_date_idx" ON "model_usage" USING btree ("user_id","date");--> statement-breakpoint
CREATE INDEX "model_usage_model_date_idx" ON "model_usage" USING btree ("model","date");