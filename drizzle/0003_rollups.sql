CREATE TYPE "public"."rollup_kind" AS ENUM('year', 'month', 'week');--> statement-breakpoint
CREATE TABLE "model_day_usage" (
	"date" date NOT NULL,
	"model" varchar(100) NOT NULL,
	"provider" "provider" NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_creation_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_read_tokens" bigint DEFAULT 0 NOT NULL,
	"cost" numeric(20, 10) DEFAULT '0' NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "model_day_usage_date_model_pk" PRIMARY KEY("date","model")
);
--> statement-breakpoint
CREATE TABLE "user_model_rollup" (
	"user_id" integer NOT NULL,
	"kind" "rollup_kind" NOT NULL,
	"start" date NOT NULL,
	"model" varchar(100) NOT NULL,
	"provider" "provider" NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_creation_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_read_tokens" bigint DEFAULT 0 NOT NULL,
	"cost" numeric(20, 10) DEFAULT '0' NOT NULL,
	CONSTRAINT "user_model_rollup_user_id_kind_start_model_pk" PRIMARY KEY("user_id","kind","start","model")
);
--> statement-breakpoint
CREATE TABLE "user_rollup" (
	"user_id" integer NOT NULL,
	"kind" "rollup_kind" NOT NULL,
	"start" date NOT NULL,
	"claude_only" boolean NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_creation_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_read_tokens" bigint DEFAULT 0 NOT NULL,
	"cost" numeric(20, 10) DEFAULT '0' NOT NULL,
	"active_days" integer NOT NULL,
	CONSTRAINT "user_rollup_user_id_kind_start_claude_only_pk" PRIMARY KEY("user_id","kind","start","claude_only")
);
--> statement-breakpoint
ALTER TABLE "user_model_rollup" ADD CONSTRAINT "user_model_rollup_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_rollup" ADD CONSTRAINT "user_rollup_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_model_rollup_kind_start_idx" ON "user_model_rollup" USING btree ("kind","start");--> statement-breakpoint
CREATE INDEX "user_rollup_kind_start_idx" ON "user_rollup" USING btree ("kind","start");--> statement-breakpoint
-- Backfill the rollups from the existing read model, as db/read-model.ts keeps them: the team per model
-- and day; per person weeks (days 1-7, 8-14, 15-21, 22-28, 29-end of a month) from the daily rows, months
-- from weeks, years from months.
INSERT INTO "model_day_usage" ("date", "model", "provider", "input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost", "people")
SELECT "date", "model", min("provider"), sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost"), count(*)
FROM "model_usage" GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO "user_rollup" ("user_id", "kind", "start", "claude_only", "input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost", "active_days")
SELECT "user_id", 'week'::rollup_kind, date_trunc('month', "date")::date + (extract(day FROM "date")::int - 1) / 7 * 7, false, sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost"), count(DISTINCT "date")
FROM "model_usage" GROUP BY 1, 2, 3
UNION ALL
SELECT "user_id", 'week'::rollup_kind, date_trunc('month', "date")::date + (extract(day FROM "date")::int - 1) / 7 * 7, true, sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost"), count(DISTINCT "date")
FROM "model_usage" WHERE "provider" = 'anthropic' GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "user_rollup" ("user_id", "kind", "start", "claude_only", "input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost", "active_days")
SELECT "user_id", 'month'::rollup_kind, date_trunc('month', "start")::date, "claude_only", sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost"), sum("active_days")
FROM "user_rollup" WHERE "kind" = 'week' GROUP BY 1, 3, 4;--> statement-breakpoint
INSERT INTO "user_rollup" ("user_id", "kind", "start", "claude_only", "input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost", "active_days")
SELECT "user_id", 'year'::rollup_kind, date_trunc('year', "start")::date, "claude_only", sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost"), sum("active_days")
FROM "user_rollup" WHERE "kind" = 'month' GROUP BY 1, 3, 4;--> statement-breakpoint
INSERT INTO "user_model_rollup" ("user_id", "kind", "start", "model", "provider", "input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost")
SELECT "user_id", 'week'::rollup_kind, date_trunc('month', "date")::date + (extract(day FROM "date")::int - 1) / 7 * 7, "model", min("provider"), sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost")
FROM "model_usage" GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO "user_model_rollup" ("user_id", "kind", "start", "model", "provider", "input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost")
SELECT "user_id", 'month'::rollup_kind, date_trunc('month', "start")::date, "model", "provider", sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost")
FROM "user_model_rollup" WHERE "kind" = 'week' GROUP BY 1, 3, 4, 5;--> statement-breakpoint
INSERT INTO "user_model_rollup" ("user_id", "kind", "start", "model", "provider", "input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost")
SELECT "user_id", 'year'::rollup_kind, date_trunc('year', "start")::date, "model", "provider", sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost")
FROM "user_model_rollup" WHERE "kind" = 'month' GROUP BY 1, 3, 4, 5;
--> statement-breakpoint
-- Fresh statistics for the planner, whether or not autovacuum is on.
ANALYZE "model_day_usage", "user_rollup", "user_model_rollup";
