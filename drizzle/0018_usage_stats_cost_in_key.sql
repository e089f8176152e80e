-- The leaderboard's spark lines read each ranked person's daily cost by (user_id, date): with the cost
-- in the unique index they come from the index alone, not from one heap page per person and day.
-- Drizzle cannot declare INCLUDE, so the index is replaced here: same name and key, so the upserts'
-- ON CONFLICT (user_id, date) and model_usage's foreign key (dropped and added back) still use it.
-- No new write cost: cost is already in usage_stats_date_read_idx.
CREATE UNIQUE INDEX "usage_stats_user_id_date_cost_key" ON "usage_stats" USING btree ("user_id","date") INCLUDE ("cost");--> statement-breakpoint
ALTER TABLE "model_usage" DROP CONSTRAINT "model_usage_user_id_date_usage_stats_user_id_date_fk";--> statement-breakpoint
DROP INDEX "usage_stats_user_id_date_key";--> statement-breakpoint
ALTER INDEX "usage_stats_user_id_date_cost_key" RENAME TO "usage_stats_user_id_date_key";--> statement-breakpoint
ALTER TABLE "model_usage" ADD CONSTRAINT "model_usage_user_id_date_usage_stats_user_id_date_fk" FOREIGN KEY ("user_id","date") REFERENCES "public"."usage_stats"("user_id","date") ON DELETE cascade ON UPDATE no action;
