DROP INDEX "model_usage_date_idx";--> statement-breakpoint
DROP INDEX "usage_stats_date_idx";--> statement-breakpoint
DROP INDEX "user_model_rollup_kind_start_idx";--> statement-breakpoint
DROP INDEX "user_rollup_kind_start_idx";--> statement-breakpoint
CREATE INDEX "model_usage_date_model_user_idx" ON "model_usage" USING btree ("date","model","user_id");--> statement-breakpoint
CREATE INDEX "usage_stats_date_read_idx" ON "usage_stats" USING btree ("date","user_id","input_tokens","output_tokens","cache_creation_tokens","cache_read_tokens","cost");--> statement-breakpoint
CREATE INDEX "user_model_rollup_kind_start_model_user_idx" ON "user_model_rollup" USING btree ("kind","start","model","user_id");--> statement-breakpoint
CREATE INDEX "user_rollup_read_idx" ON "user_rollup" USING btree ("kind","claude_only","start","user_id","input_tokens","output_tokens","cache_creation_tokens","cache_read_tokens","cost","active_days");