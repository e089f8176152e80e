// The single source of the database schema. `npm run db:generate` turns changes here into SQL
// migrations in drizzle/, which the server applies when it starts (never during `next build`).
import { sql } from "drizzle-orm";
import { COST_MODES, type CostMode } from "@/lib/prices/cost-modes";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { ROLES, type Role } from "@/lib/principal";
import { PROVIDERS, type Provider } from "@/lib/provider";
import { READ_FIELDS, type ReadField, type UsageField } from "@/lib/usage";
import { DAY_BOUNDS } from "@/lib/usage-bounds";

export { ROLES, type Role };
export const roleEnum = pgEnum("role", ROLES);

export const VISIBILITIES = ["private", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const visibilityEnum = pgEnum("visibility", VISIBILITIES);

export { PROVIDERS, type Provider };
export const providerEnum = pgEnum("provider", PROVIDERS);

const id = () => integer().primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
// Token counts are bigint: a heavy user's daily cache reads approach 2^31 and sums pass it.
// mode "number" keeps them JSON-serialisable; 2^53 is far beyond any real total.
const tokens = () => bigint({ mode: "number" }).notNull().default(0);
// ccusage sends float costs with up to 17 significant digits; 10 decimal places keep sums exact to
// well below a cent over years of rows (4 places drift by cents).
const usd = () => numeric({ precision: 20, scale: 10 }).notNull().default("0");

/** A required reference to a user; the row goes when the user is deleted. */
const userRef = () =>
  integer()
    .notNull()
    .references((): AnyPgColumn => users.id, { onDelete: "cascade" });

/** Token and cost columns shared by every usage table: the fields of lib/usage.ts. */
const usageColumns = () =>
  ({
    inputTokens: tokens(),
    outputTokens: tokens(),
    cacheCreationTokens: tokens(),
    cacheReadTokens: tokens(),
    cost: usd(),
  }) satisfies Record<UsageField, unknown>;

/** The read model's columns (what the dashboard reads): usage, priced (lib/usage.ts PRICING_FIELDS). */
const readModelColumns = () =>
  ({
    ...usageColumns(),
    pricedCost: usd(),
    unpricedTokens: tokens(),
    cacheSavings: usd(),
    listCost: usd(),
  }) satisfies Record<ReadField, unknown>;

/**
 * The read model's columns of a table, for the end of a covering index: a period's read (db/stats/rollup.ts)
 * then is an index-only scan of adjacent index entries instead of one heap page per person, since each
 * person's rows were written together and a bucket's or day's rows lie scattered over the table.
 */
const usageKeys = (t: { [K in ReadField]: AnyPgColumn }) => READ_FIELDS.map((f) => t[f]);

export const users = pgTable(
  "users",
  {
    id: id(),
    username: varchar({ length: 50 }).notNull(),
    displayName: varchar({ length: 100 }).notNull(),
    email: varchar({ length: 254 }),
    role: roleEnum().notNull().default("member"),
    // Null for upload-only users, who never sign in.
    passwordHash: text(),
    // Set for one-time passwords (admin-created or reset): the user must choose their own at sign-in.
    passwordMustChange: boolean().notNull().default(false),
    // Bumped when a password is reset or the account disabled: older sessions stop working.
    sessionVersion: integer().notNull().default(0),
    disabledAt: timestamp({ withTimezone: true }),
    // Left off the leaderboard (still counted in team totals), by the person's own choice.
    hiddenFromLeaderboard: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("users_username_key").on(t.username),
    uniqueIndex("users_email_key")
      .on(sql`lower(${t.email})`)
      .where(sql`${t.email} is not null`),
    check("users_username_format", sql`${t.username} ~ '^[a-z0-9._-]{1,50}$'`),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const KEY_KINDS = ["personal", "team"] as const;
export type KeyKind = (typeof KEY_KINDS)[number];
/** "personal": uploads and telemetry are its owner's; "team" (admin-made): telemetry only, each record's user.email says whose. */
export const keyKindEnum = pgEnum("key_kind", KEY_KINDS);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    userId: userRef(),
    kind: keyKindEnum().notNull().default("personal"),
    // SHA-256 (hex) of the whole key; the key itself is shown once and never stored.
    keyHash: varchar({ length: 64 }).notNull(),
    hint: varchar({ length: 16 }).notNull(),
    name: varchar({ length: 100 }).notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    lastTelemetryAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_key_hash_key").on(t.keyHash), index("api_keys_user_id_idx").on(t.userId)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

/** A machine a person uploads from (the X-Machine-Id label; "default" when none is sent). */
export const machines = pgTable(
  "machines",
  {
    id: id(),
    userId: userRef(),
    name: varchar({ length: 64 }).notNull(),
    createdAt: createdAt(),
    lastUploadAt: timestamp({ withTimezone: true }),
    lastTelemetryAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("machines_user_id_name_key").on(t.userId, t.name),
    // What machine_usage's (machine_id, user_id) reference points at.
    uniqueIndex("machines_id_user_id_key").on(t.id, t.userId),
  ],
);
export type Machine = typeof machines.$inferSelect;

/**
 * The raw slices: one row per machine, day and model, exactly as the last accepted upload for that
 * machine and day said. An upload replaces a machine's whole day; usage_stats/model_usage are the
 * read model derived from these rows.
 */
export const machineUsage = pgTable(
  "machine_usage",
  {
    machineId: integer().notNull(),
    // Denormalised from machines so per-user sums need no join.
    userId: integer().notNull(),
    date: date().notNull(),
    model: varchar({ length: 100 }).notNull(),
    provider: providerEnum().notNull(),
    ...usageColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.machineId, t.date, t.model] }),
    index("machine_usage_user_id_date_idx").on(t.userId, t.date),
    // One reference for both columns: the row goes with its machine (and so with its user), and its
    // user_id is the machine's. Every inserted row is checked once, not once per column.
    foreignKey({ columns: [t.machineId, t.userId], foreignColumns: [machines.id, machines.userId] }).onDelete(
      "cascade",
    ),
  ],
);
export type MachineUsage = typeof machineUsage.$inferSelect;

export const DAY_BOUNDS_CHECK = "usage_stats_day_bounds";

/** Read model: one row per user and day, equal to the sum of that user's machine_usage rows. */
export const usageStats = pgTable(
  "usage_stats",
  {
    id: id(),
    userId: userRef(),
    date: date().notNull(),
    ...readModelColumns(),
    totalTokens: tokens(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Also INCLUDE (cost), added by migration 0018 (drizzle cannot declare it): the spark lines' read.
    uniqueIndex("usage_stats_user_id_date_key").on(t.userId, t.date),
    index("usage_stats_date_read_idx").on(t.date, t.userId, ...usageKeys(t)),
    // A person's day over all their machines stays within bounds, so no sum built from it can overflow
    // (an upload that would pass them is refused with a 422, see db/ingest.ts).
    check(
      DAY_BOUNDS_CHECK,
      sql`${t.inputTokens} <= ${sql.raw(String(DAY_BOUNDS.tokens))} and ${t.outputTokens} <= ${sql.raw(String(DAY_BOUNDS.tokens))} and ${t.cacheCreationTokens} <= ${sql.raw(String(DAY_BOUNDS.tokens))} and ${t.cacheReadTokens} <= ${sql.raw(String(DAY_BOUNDS.tokens))} and ${t.cost} <= ${sql.raw(String(DAY_BOUNDS.costUsd))}`,
    ),
  ],
);
export type UsageStats = typeof usageStats.$inferSelect;

/**
 * Read model: one row per usage_stats row (a user's day) and model, summed over the user's machines.
 * Keyed by (user_id, date, model), which also serves per-person reads; the row goes with its day.
 */
export const modelUsage = pgTable(
  "model_usage",
  {
    userId: integer().notNull(),
    date: date().notNull(),
    model: varchar({ length: 100 }).notNull(),
    provider: providerEnum().notNull(),
    ...readModelColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.date, t.model] }),
    foreignKey({
      columns: [t.userId, t.date],
      foreignColumns: [usageStats.userId, usageStats.date],
    }).onDelete("cascade"),
    // Also lists who used which model on a day (people per model) without reading the table.
    index("model_usage_date_model_user_idx").on(t.date, t.model, t.userId),
    index("model_usage_model_date_idx").on(t.model, t.date),
  ],
);
export type ModelUsage = typeof modelUsage.$inferSelect;

export const ROLLUP_KINDS = ["year", "month", "week"] as const;
export type RollupKind = (typeof ROLLUP_KINDS)[number];
/**
 * Calendar buckets that nest: years, months, and "weeks" that are a month's days 1-7, 8-14, 15-21,
 * 22-28 and 29 to the end (so they never cross a month). `start` is a bucket's first day.
 */
export const rollupKindEnum = pgEnum("rollup_kind", ROLLUP_KINDS);

/**
 * Rollup: one user's usage per bucket (year, month, week), over all providers (claude_only false) and
 * over Anthropic models only (claude_only true, present when there was any). Kept equal to the sum of
 * the user's model_usage rows inside every transaction that changes them, so a period reads a few rows
 * per person (whole years, months, weeks) plus at most six days at either end.
 */
export const userRollup = pgTable(
  "user_rollup",
  {
    userId: userRef(),
    kind: rollupKindEnum().notNull(),
    start: date().notNull(),
    claudeOnly: boolean().notNull(),
    ...readModelColumns(),
    activeDays: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind, t.start, t.claudeOnly] }),
    index("user_rollup_read_idx").on(t.kind, t.claudeOnly, t.start, t.userId, ...usageKeys(t), t.activeDays),
  ],
);

/** Rollup: one user's usage of one model per bucket (top models, people per model). */
export const userModelRollup = pgTable(
  "user_model_rollup",
  {
    userId: userRef(),
    kind: rollupKindEnum().notNull(),
    start: date().notNull(),
    model: varchar({ length: 100 }).notNull(),
    provider: providerEnum().notNull(),
    ...readModelColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind, t.start, t.model] }),
    // People per model in whole buckets, without reading the table.
    index("user_model_rollup_kind_start_model_user_idx").on(t.kind, t.start, t.model, t.userId),
  ],
);

/**
 * Rollup: the whole team's usage of one model on one day, and how many people it was. Kept by adding each
 * upload's difference in the upload transaction (locking rows in date, model order, so concurrent uploads
 * queue instead of deadlocking); daily charts and per-model totals read a few rows per day from it.
 */
export const modelDayUsage = pgTable(
  "model_day_usage",
  {
    date: date().notNull(),
    model: varchar({ length: 100 }).notNull(),
    provider: providerEnum().notNull(),
    ...readModelColumns(),
    people: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.date, t.model] })],
);

/**
 * Every accepted upload, with the report as it was parsed (not the raw body: that may carry anything in
 * fields the parser ignores). Pruned after the team's upload retention; the usage it added stays.
 */
export const uploads = pgTable(
  "uploads",
  {
    id: id(),
    userId: userRef(),
    machineId: integer()
      .notNull()
      .references(() => machines.id, { onDelete: "cascade" }),
    // Who sent it: differs from userId when an admin uploads for someone else.
    uploadedById: integer().references(() => users.id, { onDelete: "set null" }),
    receivedAt: createdAt(),
    format: varchar({ length: 32 }).notNull(),
    formatVersion: varchar({ length: 32 }).notNull(),
    dayCount: integer().notNull(),
    // Null for generated data (seed, benchmark).
    payload: jsonb(),
  },
  (t) => [
    index("uploads_user_id_received_at_idx").on(t.userId, t.receivedAt),
    index("uploads_received_at_idx").on(t.receivedAt),
  ],
);
export type Upload = typeof uploads.$inferSelect;

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer().references(() => users.id, { onDelete: "set null" }),
    // Kept as text so the log still says who acted after that user is deleted ("cli" for the admin tool).
    actorName: varchar({ length: 64 }).notNull(),
    action: varchar({ length: 64 }).notNull(),
    target: text().notNull(),
    createdAt: createdAt(),
    details: jsonb(),
  },
  (t) => [
    index("audit_log_created_at_idx").on(t.createdAt),
    index("audit_log_action_idx").on(t.action, t.createdAt),
  ],
);
export type AuditEntry = typeof auditLog.$inferSelect;

/** Team-wide settings: exactly one row (id 1), created by the migration. */
export { COST_MODES, type CostMode };
export const costModeEnum = pgEnum("cost_mode", COST_MODES);

export const teamSettings = pgTable(
  "team_settings",
  {
    id: integer().primaryKey().default(1),
    teamName: varchar({ length: 100 }).notNull().default("Our team"),
    // IANA zone in which "today" and "this month" are counted on the dashboard.
    timezone: varchar({ length: 64 }).notNull().default("UTC"),
    // "private": signed-in people (or a valid key) only; "public": anyone may read the dashboard.
    visibility: visibilityEnum().notNull().default("private"),
    // Null: the UPLOAD_MAX_BYTES / UPLOAD_RATE_LIMIT_PER_MINUTE environment defaults apply.
    uploadMaxBytes: integer(),
    uploadRatePerMinute: integer(),
    // Days a stored copy of an upload is kept; null: UPLOAD_RETENTION_DAYS; 0: forever.
    uploadRetentionDays: integer(),
    // Days raw telemetry events are kept (to spot repeats, and for admins to inspect); null: TELEMETRY_RETENTION_DAYS.
    telemetryRetentionDays: integer(),
    // Days audit log entries are kept; null: AUDIT_RETENTION_DAYS; 0: forever.
    auditRetentionDays: integer(),
    // Which cost the dashboard shows (lib/prices): the sender's where it priced the tokens, or list prices.
    costMode: costModeEnum().notNull().default("reported"),
    // The OTEL_RESOURCE_ATTRIBUTES key (e.g. "team.id") whose value puts a telemetry sender in the group of
    // that name; null: off.
    telemetryGroupAttribute: varchar({ length: 100 }),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [check("team_settings_single_row", sql`${t.id} = 1`)],
);
export type TeamSettings = typeof teamSettings.$inferSelect;

/**
 * Failed sign-ins per attempted username (existing or not, so the answer never reveals which exist):
 * after a few failures each further attempt must wait longer.
 */
export const signInFailures = pgTable("sign_in_failures", {
  username: varchar({ length: 64 }).primaryKey(),
  failures: integer().notNull().default(0),
  lastFailureAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Sessions that were signed out before they expired. Sessions are signed cookies (JWT), so a copy of one
 * would otherwise keep working until it expires; every request checks this list. Rows go once the
 * session could no longer be valid anyway.
 */
export const endedSessions = pgTable(
  "ended_sessions",
  {
    id: varchar({ length: 64 }).primaryKey(),
    userId: userRef(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("ended_sessions_expires_at_idx").on(t.expiresAt)],
);

/**
 * Rate-limit counters shared by every server on the database (db/rate-limits.ts), in the shape
 * rate-limiter-flexible's RateLimiterDrizzle reads and writes: points used by `key` in the window that
 * ends at `expire`. Hourly housekeeping deletes the rows of windows that have ended (db/housekeeping.ts).
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: varchar({ length: 255 }).primaryKey(),
    points: integer().notNull(),
    expire: timestamp({ withTimezone: true }),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);

/** The reference to a machine that also says whose it is: the row goes with its machine. */
const machineOf = (t: { machineId: AnyPgColumn; userId: AnyPgColumn }) =>
  foreignKey({ columns: [t.machineId, t.userId], foreignColumns: [machines.id, machines.userId] }).onDelete(
    "cascade",
  );

/**
 * Claude Code's api_request events as received (one per billed API call), kept for the team's telemetry
 * retention: to count each once (by its sender and request id) and for admins to inspect. Events a team
 * key sent for an email no user has wait here (user_id null) until an admin links that email.
 */
export const telemetryEvents = pgTable(
  "telemetry_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // Who sent it: "key:<id>" for a personal key, "team:<email>" for a team key's record.
    owner: varchar({ length: 300 }).notNull(),
    dedupeKey: varchar({ length: 200 }).notNull(),
    userId: integer().references(() => users.id, { onDelete: "cascade" }),
    email: varchar({ length: 254 }),
    machine: varchar({ length: 64 }).notNull(),
    receivedAt: createdAt(),
    time: timestamp({ withTimezone: true }).notNull(),
    // The team timezone's day of `time`, as it was when the event arrived.
    date: date().notNull(),
    model: varchar({ length: 100 }).notNull(),
    provider: providerEnum().notNull(),
    ...usageColumns(),
    cacheCreation5mTokens: tokens(),
    cacheCreation1hTokens: tokens(),
    sessionId: varchar({ length: 100 }),
    version: varchar({ length: 50 }),
  },
  (t) => [
    uniqueIndex("telemetry_events_owner_dedupe_key").on(t.owner, t.dedupeKey),
    index("telemetry_events_received_at_idx").on(t.receivedAt),
    index("telemetry_events_held_idx")
      .on(t.email)
      .where(sql`${t.userId} is null`),
  ],
);

/**
 * Telemetry's usage: one row per machine, day and model, the sum of its counted api_request events. A
 * person's day with any telemetry is counted from here, not from uploads (effective_usage in db/functions).
 */
export const telemetryUsage = pgTable(
  "telemetry_usage",
  {
    machineId: integer().notNull(),
    userId: integer().notNull(),
    date: date().notNull(),
    model: varchar({ length: 100 }).notNull(),
    provider: providerEnum().notNull(),
    ...usageColumns(),
    cacheCreation5mTokens: tokens(),
    cacheCreation1hTokens: tokens(),
    requests: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.machineId, t.date, t.model] }),
    index("telemetry_usage_user_id_date_idx").on(t.userId, t.date),
    machineOf(t),
  ],
);

/** Metric points as received, kept for the telemetry retention: a repeat adds nothing, and cumulative series grow from their last point. */
export const telemetryPoints = pgTable(
  "telemetry_points",
  {
    owner: varchar({ length: 300 }).notNull(),
    // sha256 (hex) of the metric, its attributes and its resource.
    series: varchar({ length: 64 }).notNull(),
    startNs: bigint({ mode: "bigint" }).notNull(),
    timeNs: bigint({ mode: "bigint" }).notNull(),
    value: doublePrecision().notNull(),
    receivedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.owner, t.series, t.startNs, t.timeNs] }),
    index("telemetry_points_received_at_idx").on(t.receivedAt),
  ],
);

/** Activity from telemetry metrics per machine and day: sessions, active seconds, lines, commits, pull requests, edit decisions (by tool). */
export const telemetryActivity = pgTable(
  "telemetry_activity",
  {
    machineId: integer().notNull(),
    userId: integer().notNull(),
    date: date().notNull(),
    metric: varchar({ length: 32 }).notNull(),
    detail: varchar({ length: 100 }).notNull().default(""),
    value: doublePrecision().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.machineId, t.date, t.metric, t.detail] }),
    index("telemetry_activity_user_id_date_idx").on(t.userId, t.date),
    index("telemetry_activity_date_idx").on(t.date),
    machineOf(t),
  ],
);

/** Activity a team key sent for an email no user has yet, held until an admin links the email. */
export const telemetryHeldActivity = pgTable(
  "telemetry_held_activity",
  {
    email: varchar({ length: 254 }).notNull(),
    machine: varchar({ length: 64 }).notNull(),
    date: date().notNull(),
    metric: varchar({ length: 32 }).notNull(),
    detail: varchar({ length: 100 }).notNull().default(""),
    value: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ columns: [t.email, t.machine, t.date, t.metric, t.detail] })],
);

/** What telemetry arrived per day and sender: records received, counted and refused (with why), versions seen. */
export const telemetryReceipts = pgTable(
  "telemetry_receipts",
  {
    date: date().notNull(),
    // "user:<username>" or "email:<address>" (a team key's record for an email no user has).
    sender: varchar({ length: 300 }).notNull(),
    signal: varchar({ length: 10 }).notNull(),
    records: integer().notNull().default(0),
    counted: integer().notNull().default(0),
    rejected: integer().notNull().default(0),
    reasons: jsonb().notNull().default({}),
    versions: jsonb().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.date, t.sender, t.signal] })],
);

/** Every model id usage has arrived under, with the price key its prices are kept for and its name. */
export const modelCatalog = pgTable(
  "model_catalog",
  {
    model: varchar({ length: 100 }).primaryKey(),
    priceKey: varchar({ length: 200 }).notNull(),
    name: varchar({ length: 200 }).notNull(),
  },
  (t) => [index("model_catalog_price_key_idx").on(t.priceKey)],
);

export const PRICE_SOURCES = ["default", "override"] as const;
export type PriceSource = (typeof PRICE_SOURCES)[number];
export const priceSourceEnum = pgEnum("price_source", PRICE_SOURCES);

/** USD per million tokens; null in an override row: the override ends there (the default applies again). */
const perMillion = () => numeric({ precision: 20, scale: 10 });

/**
 * Prices per price key from a day on: the price book's (source default, replaced when the app's copy of it
 * changes) and the admins' (source override, which win from their day on). db/functions/model_price.sql.
 */
export const modelPrices = pgTable(
  "model_prices",
  {
    priceKey: varchar({ length: 200 }).notNull(),
    source: priceSourceEnum().notNull(),
    effectiveFrom: date().notNull(),
    input: perMillion(),
    output: perMillion(),
    cacheRead: perMillion(),
    cacheWrite: perMillion(),
    cacheWrite1h: perMillion(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.priceKey, t.source, t.effectiveFrom] })],
);

/** Groups inside the team (a team lead's sub-team); a person can be in several. */
export const groups = pgTable(
  "groups",
  {
    id: id(),
    // The group's name in URLs (`?group=`) and the admin tool: the same format as a username.
    name: varchar({ length: 50 }).notNull(),
    displayName: varchar({ length: 100 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("groups_name_key").on(t.name),
    check("groups_name_format", sql`${t.name} ~ '^[a-z0-9._-]{1,50}$'`),
  ],
);
export type Group = typeof groups.$inferSelect;

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: integer()
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: userRef(),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_id_idx").on(t.userId)],
);

export const BUDGET_SCOPES = ["team", "group", "user"] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];
export const budgetScopeEnum = pgEnum("budget_scope", BUDGET_SCOPES);

/** A monthly budget in USD for the whole team, a group or a person; alerts at its thresholds (percent). */
export const budgets = pgTable(
  "budgets",
  {
    id: id(),
    scope: budgetScopeEnum().notNull(),
    groupId: integer().references(() => groups.id, { onDelete: "cascade" }),
    userId: integer().references((): AnyPgColumn => users.id, { onDelete: "cascade" }),
    monthlyUsd: numeric({ precision: 14, scale: 2 }).notNull(),
    thresholds: integer()
      .array()
      .notNull()
      .default(sql`'{50,80,100}'`),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    // One budget per team, group or person.
    uniqueIndex("budgets_target_key").on(
      t.scope,
      sql`coalesce(${t.groupId}, 0)`,
      sql`coalesce(${t.userId}, 0)`,
    ),
    check(
      "budgets_target",
      sql`(${t.scope} = 'team' and ${t.groupId} is null and ${t.userId} is null)
        or (${t.scope} = 'group' and ${t.groupId} is not null and ${t.userId} is null)
        or (${t.scope} = 'user' and ${t.userId} is not null and ${t.groupId} is null)`,
    ),
    check("budgets_monthly_positive", sql`${t.monthlyUsd} > 0`),
  ],
);
export type Budget = typeof budgets.$inferSelect;

export const ALERT_KINDS = ["threshold", "forecast", "digest", "test"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const alertKindEnum = pgEnum("alert_kind", ALERT_KINDS);

/**
 * Every alert raised, at most once per budget, kind, threshold and period (its unique key is what makes
 * an alert fire exactly once however many servers, uploads or retries raise it). The payload is what the
 * webhooks are sent, whatever their format.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    budgetId: integer().references(() => budgets.id, { onDelete: "cascade" }),
    kind: alertKindEnum().notNull(),
    // Percent of the budget for threshold alerts; 0 otherwise.
    threshold: integer().notNull().default(0),
    // The month's first day (budgets) or the week's Monday (digests), in the team's timezone.
    periodStart: date().notNull(),
    payload: jsonb().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("alerts_once_key")
      .on(sql`coalesce(${t.budgetId}, 0)`, t.kind, t.threshold, t.periodStart)
      .where(sql`${t.kind} <> 'test'`),
    index("alerts_created_at_idx").on(t.createdAt),
  ],
);
export type Alert = typeof alerts.$inferSelect;

export const WEBHOOK_FORMATS = ["json", "slack", "discord"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const webhookFormatEnum = pgEnum("webhook_format", WEBHOOK_FORMATS);

/** Where alerts go. The secret signs JSON bodies (HMAC-SHA256), so it is kept as given, and never shown again. */
export const webhooks = pgTable("webhooks", {
  id: id(),
  url: text().notNull(),
  format: webhookFormatEnum().notNull().default("json"),
  secret: text(),
  // Whether the weekly digest goes here too.
  digest: boolean().notNull().default(false),
  createdAt: createdAt(),
});
export type Webhook = typeof webhooks.$inferSelect;

export const DELIVERY_STATES = ["pending", "delivered", "failed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const deliveryStateEnum = pgEnum("delivery_state", DELIVERY_STATES);

/**
 * The outbox: one row per alert and webhook, written in the transaction that raised the alert, and sent
 * (with retries) by whichever server claims it first (claimedUntil is the claim's lease).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    webhookId: integer()
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    alertId: bigint({ mode: "number" })
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    state: deliveryStateEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    claimedUntil: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_once_key").on(t.alertId, t.webhookId),
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.state} = 'pending'`),
    index("webhook_deliveries_webhook_id_idx").on(t.webhookId, t.createdAt),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

/** Each try of a delivery: when, how long, and what the receiver answered (or why there was no answer). */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: bigint({ mode: "number" })
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    durationMs: integer().notNull(),
    status: integer(),
    error: text(),
  },
  (t) => [index("webhook_attempts_delivery_id_idx").on(t.deliveryId)],
);
