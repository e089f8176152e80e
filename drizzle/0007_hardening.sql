-- Hardening: bounds on a person's day (NOT VALID: rows stored before stay, every new write is checked),
-- signed-out sessions, upload retention; generated uploads keep no report.
CREATE TABLE "ended_sessions" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "uploads" ALTER COLUMN "payload" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "team_settings" ADD COLUMN "upload_retention_days" integer;--> statement-breakpoint
ALTER TABLE "ended_sessions" ADD CONSTRAINT "ended_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ended_sessions_expires_at_idx" ON "ended_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "uploads_received_at_idx" ON "uploads" USING btree ("received_at");--> statement-breakpoint
ALTER TABLE "usage_stats" ADD CONSTRAINT "usage_stats_day_bounds" CHECK ("usage_stats"."input_tokens" <= 100000000000 and "usage_stats"."output_tokens" <= 100000000000 and "usage_stats"."cache_creation_tokens" <= 100000000000 and "usage_stats"."cache_read_tokens" <= 100000000000 and "usage_stats"."cost" <= 100000) NOT VALID;