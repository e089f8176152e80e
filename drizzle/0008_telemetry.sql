CREATE TYPE "public"."key_kind" AS ENUM('personal', 'team');--> statement-breakpoint
CREATE TABLE "telemetry_activity" (
	"machine_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"date" date NOT NULL,
	"metric" varchar(32) NOT NULL,
	"detail" varchar(100) DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "telemetry_activity_machine_id_date_metric_detail_pk" PRIMARY KEY("machine_id","date","metric","detail")
);
--> statement-breakpoint
CREATE TABLE "telemetry_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "telemetry_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner" varchar(300) NOT NULL,
	"dedupe_key" varchar(200) NOT NULL,
	"user_id" integer,
	"email" varchar(254),
	"machine" varchar(64) NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"date" date NOT NULL,
	"model" varchar(100) NOT NULL,
	"provider" "provider" NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_creation_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_read_tokens" bigint DEFAULT 0 NOT NULL,
	"cost" numeric(20, 10) DEFAULT '0' NOT NULL,
	"cache_creation5m_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_creation1h_tokens" bigint DEFAULT 0 NOT NULL,
	"session_id" varchar(100),
	"version" varchar(50)
);
--> statement-breakpoint
CREATE TABLE "telemetry_held_activity" (
	"email" varchar(254) NOT NULL,
	"machine" varchar(64) NOT NULL,
	"date" date NOT NULL,
	"metric" varchar(32) NOT NULL,
	"detail" varchar(100) DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "telemetry_held_activity_email_machine_date_metric_detail_pk" PRIMARY KEY("email","machine","date","metric","detail")
);
--> statement-breakpoint
CREATE TABLE "telemetry_points" (
	"owner" varchar(300) NOT NULL,
	"series" varchar(64) NOT NULL,
	"start_ns" bigint NOT NULL,
	"time_ns" bigint NOT NULL,
	"value" double precision NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "telemetry_points_owner_series_start_ns_time_ns_pk" PRIMARY KEY("owner","series","start_ns","time_ns")
);
--> statement-breakpoint
CREATE TABLE "telemetry_receipts" (
	"date" date NOT NULL,
	"sender" varchar(300) NOT NULL,
	"signal" varchar(10) NOT NULL,
	"records" integer DEFAULT 0 NOT NULL,
	"counted" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"reasons" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"versions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "telemetry_receipts_date_sender_signal_pk" PRIMARY KEY("date","sender","signal")
);
--> statement-breakpoint
CREATE TABLE "telemetry_usage" (
	"machine_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"date" date NOT NULL,
	"model" varchar(100) NOT NULL,
	"provider" "provider" NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_creation_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_read_tokens" bigint DEFAULT 0 NOT NULL,
	"cost" numeric(20, 10) DEFAULT '0' NOT NULL,
	"cache_creation5m_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_creation1h_tokens" bigint DEFAULT 0 NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "telemetry_usage_machine_id_date_model_pk" PRIMARY KEY("machine_id","date","model")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "kind" "key_kind" DEFAULT 'personal' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "last_telemetry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "machines" ADD COLUMN "last_telemetry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "team_settings" ADD COLUMN "telemetry_retention_days" integer;--> statement-breakpoint
ALTER TABLE "telemetry_activity" ADD CONSTRAINT "telemetry_activity_machine_id_user_id_machines_id_user_id_fk" FOREIGN KEY ("machine_id","user_id") REFERENCES "public"."machines"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_events" ADD CONSTRAINT "telemetry_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_usage" ADD CONSTRAINT "telemetry_usage_machine_id_user_id_machines_id_user_id_fk" FOREIGN KEY ("machine_id","user_id") REFERENCES "public"."machines"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "telemetry_activity_user_id_date_idx" ON "telemetry_activity" USING btree ("user_id","date");--> statement-breakpoint
CREATE INDEX "telemetry_activity_date_idx" ON "telemetry_activity" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "telemetry_events_owner_dedupe_key" ON "telemetry_events" USING btree ("owner","dedupe_key");--> statement-breakpoint
CREATE INDEX "telemetry_events_received_at_idx" ON "telemetry_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "telemetry_events_held_idx" ON "telemetry_events" USING btree ("email") WHERE "telemetry_events"."user_id" is null;--> statement-breakpoint
CREATE INDEX "telemetry_points_received_at_idx" ON "telemetry_points" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "telemetry_usage_user_id_date_idx" ON "telemetry_usage" USING btree ("user_id","date");