CREATE TABLE "user_model_month_usage" (
	"user_id" integer NOT NULL,
	"month" date NOT NULL,
	"model" varchar(100) NOT NULL,
	"provider" "provider" NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_creation_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_read_tokens" bigint DEFAULT 0 NOT NULL,
	"cost" numeric(20, 10) DEFAULT '0' NOT NULL,
	"days_mask" integer NOT NULL,
	CONSTRAINT "user_model_month_usage_user_id_month_model_pk" PRIMARY KEY("user_id","month","model")
);
--> statement-breakpoint
CREATE TABLE "user_month_usage" (
	"user_id" integer NOT NULL,
	"month" date NOT NULL,
	"claude_only" boolean NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_creation_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_read_tokens" bigint DEFAULT 0 NOT NULL,
	"cost" numeric(20, 10) DEFAULT '0' NOT NULL,
	"active_days" integer NOT NULL,
	CONSTRAINT "user_month_usage_user_id_month_claude_only_pk" PRIMARY KEY("user_id","month","claude_only")
);
--> statement-breakpoint
ALTER TABLE "user_model_month_usage" ADD CONSTRAINT "user_model_month_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_month_usage" ADD CONSTRAINT "user_month_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_model_month_usage_month_idx" ON "user_model_month_usage" USING btree ("month");--> statement-breakpoint
CREATE INDEX "user_month_usage_month_idx" ON "user_month_usage" USING btree ("month");--> statement-breakpoint
-- Backfill the rollups from the existing read model (the same aggregates db/read-model.ts keeps up to date).
INSERT INTO "user_month_usage" ("user_id", "month", "claude_only", "input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost", "active_days")
SELECT "user_id", date_trunc('month', "date")::date, false, sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost"), count(DISTINCT "date")
FROM "model_usage" GROUP BY 1, 2
UNION ALL
SELECT "user_id", date_trunc('month', "date")::date, true, sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost"), count(DISTINCT "date")
FROM "model_usage" WHERE "provider" = 'anthropic' GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO "user_model_month_usage" ("user_id", "month", "model", "provider", "input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost", "days_mask")
SELECT "user_id", date_trunc('month', "date")::date, "model", min("provider"), sum("input_tokens"), sum("output_tokens"), sum("cache_creation_tokens"), sum("cache_read_tokens"), sum("cost"), bit_or(1 << (extract(day FROM "date")::int - 1))
FROM "model_usage" GROUP BY 1, 2, 3;
