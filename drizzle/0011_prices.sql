CREATE TYPE "public"."cost_mode" AS ENUM('reported', 'list');--> statement-breakpoint
CREATE TYPE "public"."price_source" AS ENUM('default', 'override');--> statement-breakpoint
CREATE TABLE "model_catalog" (
	"model" varchar(100) PRIMARY KEY NOT NULL,
	"price_key" varchar(200) NOT NULL,
	"name" varchar(200) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_prices" (
	"price_key" varchar(200) NOT NULL,
	"source" "price_source" NOT NULL,
	"effective_from" date NOT NULL,
	"input" numeric(20, 10),
	"output" numeric(20, 10),
	"cache_read" numeric(20, 10),
	"cache_write" numeric(20, 10),
	"cache_write1h" numeric(20, 10),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_prices_price_key_source_effective_from_pk" PRIMARY KEY("price_key","source","effective_from")
);
--> statement-breakpoint
DROP INDEX "usage_stats_date_read_idx";--> statement-breakpoint
DROP INDEX "user_rollup_read_idx";--> statement-breakpoint
ALTER TABLE "model_day_usage" ADD COLUMN "priced_cost" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "model_day_usage" ADD COLUMN "unpriced_tokens" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "model_day_usage" ADD COLUMN "cache_savings" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "model_day_usage" ADD COLUMN "list_cost" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "model_usage" ADD COLUMN "priced_cost" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "model_usage" ADD COLUMN "unpriced_tokens" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "model_usage" ADD COLUMN "cache_savings" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "model_usage" ADD COLUMN "list_cost" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "team_settings" ADD COLUMN "cost_mode" "cost_mode" DEFAULT 'reported' NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_stats" ADD COLUMN "priced_cost" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_stats" ADD COLUMN "unpriced_tokens" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_stats" ADD COLUMN "cache_savings" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_stats" ADD COLUMN "list_cost" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_model_rollup" ADD COLUMN "priced_cost" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_model_rollup" ADD COLUMN "unpriced_tokens" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_model_rollup" ADD COLUMN "cache_savings" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_model_rollup" ADD COLUMN "list_cost" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_rollup" ADD COLUMN "priced_cost" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_rollup" ADD COLUMN "unpriced_tokens" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_rollup" ADD COLUMN "cache_savings" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_rollup" ADD COLUMN "list_cost" numeric(20, 10) DEFAULT '0' NOT NULL;--> statement-breakpoint
CREATE INDEX "model_catalog_price_key_idx" ON "model_catalog" USING btree ("price_key");--> statement-breakpoint
CREATE INDEX "usage_stats_date_read_idx" ON "usage_stats" USING btree ("date","user_id","input_tokens","output_tokens","cache_creation_tokens","cache_read_tokens","cost","priced_cost","unpriced_tokens","cache_savings","list_cost");--> statement-breakpoint
CREATE INDEX "user_rollup_read_idx" ON "user_rollup" USING btree ("kind","claude_only","start","user_id","input_tokens","output_tokens","cache_creation_tokens","cache_read_tokens","cost","priced_cost","unpriced_tokens","cache_savings","list_cost","active_days");