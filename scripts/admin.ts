// Admin command-line tool: headless setup and scripting (`npm run admin -- <command>`).
// Uses the same DATABASE_URL / DATA_DIR as the server. On the embedded database the server must be
// stopped first: the lock on the data directory makes this tool refuse otherwise.
import { parseArgs } from "node:util";
import { z } from "zod";
import { createApiKey, listApiKeys, revokeApiKey } from "@/db/keys";
import { CLI } from "@/lib/principal";
import { closeDatabase } from "@/db";
import {
  getTeamSettings,
  auditRetentionDays,
  getUploadLimits,
  telemetryRetentionDays,
  updateTeamSettings,
} from "@/db/team-settings";
import { createUser, deleteUser, listUsers, requireUser, setPassword } from "@/db/accounts/users";
import { DirLockedError } from "@/lib/dir-lock";
import { AppError } from "@/lib/errors";
import { generatePassword, passwordSchema } from "@/lib/password";
import { usernameSchema } from "@/lib/username";
import {
  listPriceTable,
  listUnpricedModels,
  removePriceOverride,
  setCostMode,
  setPriceOverride,
} from "@/db/prices";
import { todayIn } from "@/lib/period";
import { COST_MODE_LABELS, COST_MODES } from "@/lib/prices/cost-modes";
import { priceDateSchema, priceKeySchema, priceOverrideSchema } from "@/lib/prices/override";
import { backupCommand, copyToPostgresCommand, restoreCommand } from "./admin-backup";
import { budgetTarget, deleteBudgetFromCli, printBudgets, setBudgetFromCli } from "./admin-budgets";
import { groupDisplayNameSchema, groupNameSchema, telemetryGroupAttributeSchema } from "@/lib/group-name";
import { addMembers, createGroup, deleteGroup, listGroups, removeMembers } from "@/db/groups/admin";
import { addWebhook, deleteWebhook, listWebhooks, sendTestAlert } from "@/db/alerts/webhooks";
import { deliverDue } from "@/db/alerts/deliver";
import { getDb } from "@/db";
import { readAlertsConfig } from "@/lib/config";
import { WEBHOOK_FORMATS } from "@/db/schema";
import { webhookSecretSchema, webhookUrlSchema } from "@/lib/webhooks/url";

const USAGE = `Usage: npm run admin -- <command>

  user create <username> [--admin] [--password <pw>] [--display-name <name>] [--email <email>]
        Without --password the user can upload with a key but not sign in.
  user list
  user delete <username>          Deletes the user with all their keys and usage.
  key create <username> [--name <label>] [--expires <YYYY-MM-DD>]
        Prints the new key alone on the last line; it is shown only once.
  key list [<username>]
  key revoke <id-or-hint>
  password reset <username> [--password <pw>]
        Without --password a random one is generated and printed on the last line.
  team show
  team set [--name <team name>] [--timezone <IANA zone, e.g. Europe/Berlin>] [--keep-uploads <days>]
           [--keep-telemetry <days>] [--keep-audit <days>]
           [--telemetry-group-attribute <key, e.g. team.id; "" for off>]
        The timezone decides what "today" and "this month" mean on the dashboard; --keep-uploads how
        long copies of uploaded reports are kept (0: forever; the usage they added always stays);
        --keep-telemetry how long raw telemetry is kept (1 or more: repeats are recognised for that
        long, older records refused; the usage and activity they added always stay); --keep-audit
        how long audit log entries are kept (0: forever);
        --telemetry-group-attribute puts a telemetry sender into the existing group named by that
        OTEL_RESOURCE_ATTRIBUTES key's value.

  group create <name> [--display-name <name>]
  group add <group> <username>...     A person can be in several groups.
  group remove <group> <username>...
  group list
  group delete <group>               Deletes the group only; its members and their usage stay.

  prices list                     The price of every model in use today, and where it comes from.
  prices set <model or price key> --from <YYYY-MM-DD> --input <usd> --output <usd>
             [--cache-read <usd>] [--cache-write <usd>] [--cache-write-1h <usd>]
        USD per million tokens from that day on (earlier days keep their price); cache prices left out
        are 0.1x (read), 1.25x (5-minute write) and 2x (1-hour write) the input price. Re-prices the
        days it applies to at once.
  prices end <model or price key> --from <YYYY-MM-DD>
        Ends an override: the price book's price applies again from that day.
  prices remove <price key> --from <YYYY-MM-DD>
        Deletes the override that starts that day, as if it was never set.
  prices unpriced [--days <n>]     Models whose tokens nobody priced in the last n days (90).
  prices mode <reported|list>
        reported: the sender's cost where it priced the tokens, else the price table's; list: the
        price table's everywhere. Re-prices every day.

  budget set (--team | --group <name> | --user <username>) --monthly <usd> [--thresholds 50,80,100]
        A monthly budget in USD; alerts when this month's spend reaches each threshold (% of it).
  budget list                     Every budget with this month's spend and month-end forecast.
  budget delete (--team | --group <name> | --user <username>)
  webhook add <url> [--format json|slack|discord] [--secret <secret>] [--digest]
        Where alerts go (http or https). With --secret every body is signed; the secret is never
        shown again. --digest: the weekly digest goes there too.
  webhook list
  webhook delete <id>
  webhook test <id>               Sends a test alert to that webhook now and prints the answer.

  backup <file>                   Backs up the database: pg_dump's custom format on PostgreSQL (safe
        while the servers run), PGlite's own dump of the embedded database (stop the server first).
  restore <file> [--force]
        Restores a backup and migrates it to this version. Refuses a database that holds data unless
        --force. A backup of the embedded database restores into PostgreSQL too (DATABASE_URL set).
  copy-to-postgres <postgres-url> [--force]
        Copies the embedded database in DATA_DIR (server stopped) into that PostgreSQL database, every
        table in one transaction; refuses one that holds data unless --force.

Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded database, default ./data); PG_BIN_DIR:
where pg_dump and pg_restore are (default: PATH and /usr/lib/postgresql/<version>/bin).`;

class UsageError extends Error {}

const webhookIdSchema = z.coerce.number().int().positive();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const [issue] = result.error.issues;
    const where = issue.path.length ? `${issue.path.join(".")} ` : "";
    throw new UsageError(`Invalid ${what}: ${where}${issue.message}.`);
  }
  return result.data;
}

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`Expected exactly one ${what}.`);
  return positionals[0];
}

function table(rows: Record<string, unknown>[]) {
  if (rows.length === 0) return console.log("(none)");
  const keys = Object.keys(rows[0]);
  const cell = (v: unknown) =>
    v instanceof Date ? v.toISOString().slice(0, 16).replace("T", " ") : String(v ?? "-");
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(line(keys));
  for (const row of rows) console.log(line(keys.map((k) => cell(row[k]))));
}

const OPTIONS = {
  admin: { type: "boolean" },
  password: { type: "string" },
  "display-name": { type: "string" },
  email: { type: "string" },
  name: { type: "string" },
  expires: { type: "string" },
  timezone: { type: "string" },
  "keep-uploads": { type: "string" },
  "keep-telemetry": { type: "string" },
  "keep-audit": { type: "string" },
  "telemetry-group-attribute": { type: "string" },
  from: { type: "string" },
  input: { type: "string" },
  output: { type: "string" },
  "cache-read": { type: "string" },
  "cache-write": { type: "string" },
  "cache-write-1h": { type: "string" },
  days: { type: "string" },
  team: { type: "boolean" },
  group: { type: "string" },
  user: { type: "string" },
  monthly: { type: "string" },
  thresholds: { type: "string" },
  format: { type: "string" },
  secret: { type: "string" },
  digest: { type: "boolean" },
  force: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

async function run(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [noun, verb, ...rest] = positionals;
  if (values.help) return console.log(USAGE);
  if (!noun) throw new UsageError("");
  const command = `${noun} ${verb ?? ""}`.trim();
  const force = values.force ?? false;
  if (noun === "backup") return backupCommand(one(positionals.slice(1), "backup file"));
  if (noun === "restore") return restoreCommand(one(positionals.slice(1), "backup file"), force);
  if (noun === "copy-to-postgres")
    return copyToPostgresCommand(one(positionals.slice(1), "PostgreSQL URL"), force);

  switch (command) {
    case "user create": {
      const username = parse(usernameSchema, one(rest, "username"), "username");
      const password =
        values.password === undefined ? undefined : parse(passwordSchema, values.password, "password");
      const email = values.email === undefined ? undefined : parse(z.email(), values.email, "email");
      const user = await createUser(
        {
          username,
          password,
          email,
          displayName: values["display-name"],
          role: values.admin ? "admin" : "member",
        },
        CLI,
      );
      console.log(`Created ${user.role} "${user.username}"${password ? "" : " (upload-only: no password)"}.`);
      return;
    }
    case "user list":
      if (rest.length) throw new UsageError("user list takes no arguments.");
      return table(await listUsers(CLI));
    case "user delete": {
      const username = parse(usernameSchema, one(rest, "username"), "username");
      await deleteUser(username, CLI);
      console.log(`Deleted "${username}" and all their keys and usage.`);
      return;
    }
    case "key create": {
      const user = await requireUser(parse(usernameSchema, one(rest, "username"), "username"));
      const name = parse(z.string().trim().min(1).max(100), values.name ?? "cli", "key name");
      const expiresAt =
        values.expires === undefined
          ? null
          : new Date(`${parse(z.iso.date(), values.expires, "expiry date")}T23:59:59Z`);
      const created = await createApiKey({ userId: user.id, username: user.username, name, expiresAt }, CLI);
      console.error(
        `Created key ${created.id} "${created.name}" (${created.hint}) for "${user.username}". It is shown once:`,
      );
      console.log(created.key);
      return;
    }
    case "key list": {
      const user = rest.length
        ? await requireUser(parse(usernameSchema, one(rest, "username"), "username"))
        : undefined;
      const keys = await listApiKeys(CLI, { userId: user?.id });
      return table(
        keys.map((k) => ({
          id: k.id,
          username: k.username,
          name: k.name,
          hint: k.hint,
          createdAt: k.createdAt,
          lastUsedAt: k.lastUsedAt,
          revokedAt: k.revokedAt,
          expiresAt: k.expiresAt,
        })),
      );
    }
    case "key revoke": {
      const key = await revokeApiKey(one(rest, "key id or hint"), CLI);
      console.log(`Revoked key ${key.id} (${key.hint}) of "${key.username}".`);
      return;
    }
    case "password reset": {
      const username = parse(usernameSchema, one(rest, "username"), "username");
      const password =
        values.password === undefined
          ? generatePassword()
          : parse(passwordSchema, values.password, "password");
      await setPassword(username, password, CLI, { oneTime: values.password === undefined });
      console.error(
        `Password of "${username}" reset.${values.password === undefined ? " New password:" : ""}`,
      );
      if (values.password === undefined) console.log(password);
      return;
    }
    case "team show": {
      const team = await getTeamSettings();
      const { retentionDays } = await getUploadLimits();
      return table([
        {
          name: team.teamName,
          timezone: team.timezone,
          keepUploads: retentionDays === 0 ? "forever" : `${retentionDays} days`,
          keepTelemetry: `${telemetryRetentionDays(team)} days`,
          keepAudit: auditRetentionDays(team) === 0 ? "forever" : `${auditRetentionDays(team)} days`,
          telemetryGroupAttribute: team.telemetryGroupAttribute,
          updatedAt: team.updatedAt,
        },
      ]);
    }
    case "team set": {
      const keep = values["keep-uploads"];
      const keepTelemetry = values["keep-telemetry"];
      const keepAudit = values["keep-audit"];
      const groupAttribute = values["telemetry-group-attribute"];
      if (
        [values.name, values.timezone, keep, keepTelemetry, keepAudit, groupAttribute].every(
          (v) => v === undefined,
        )
      )
        throw new UsageError(
          "team set needs --name, --timezone, --keep-uploads, --keep-telemetry, --keep-audit or --telemetry-group-attribute.",
        );
      const teamName =
        values.name === undefined
          ? undefined
          : parse(z.string().trim().min(1).max(100), values.name, "team name");
      const uploadRetentionDays =
        keep === undefined
          ? undefined
          : parse(z.coerce.number().int().min(0).max(36_500), keep, "--keep-uploads");
      const telemetryDays =
        keepTelemetry === undefined
          ? undefined
          : parse(z.coerce.number().int().min(1).max(3650), keepTelemetry, "--keep-telemetry");
      const team = await updateTeamSettings(
        {
          teamName,
          timezone: values.timezone,
          uploadRetentionDays,
          telemetryRetentionDays: telemetryDays,
          auditRetentionDays:
            keepAudit === undefined
              ? undefined
              : parse(z.coerce.number().int().min(0).max(36_500), keepAudit, "--keep-audit"),
          ...(groupAttribute === undefined
            ? {}
            : {
                telemetryGroupAttribute: parse(
                  telemetryGroupAttributeSchema,
                  groupAttribute,
                  "--telemetry-group-attribute",
                ),
              }),
        },
        CLI,
      );
      console.log(`Team "${team.teamName}", timezone ${team.timezone}.`);
      return;
    }
    case "group create": {
      const name = parse(groupNameSchema, one(rest, "group name"), "group name");
      const displayName = parse(groupDisplayNameSchema, values["display-name"] ?? "", "--display-name");
      const group = await createGroup({ name, displayName }, CLI);
      console.log(`Created group "${group.name}" (${group.displayName}).`);
      return;
    }
    case "group add":
    case "group remove": {
      const [group, ...usernames] = rest;
      if (!group || usernames.length === 0)
        throw new UsageError(`group ${verb} needs a group and usernames.`);
      const name = parse(groupNameSchema, group, "group name");
      const people = usernames.map((u) => parse(usernameSchema, u, "username"));
      const changed =
        verb === "add" ? await addMembers(name, people, CLI) : await removeMembers(name, people, CLI);
      const list = changed.length ? changed.join(", ") : "nobody";
      console.log(
        `${verb === "add" ? "Added" : "Removed"} ${list} ${verb === "add" ? "to" : "from"} "${name}".`,
      );
      return;
    }
    case "group list":
      if (rest.length) throw new UsageError("group list takes no arguments.");
      return table(
        (await listGroups()).map((g) => ({
          name: g.name,
          displayName: g.displayName,
          members: g.members.join(" "),
        })),
      );
    case "group delete": {
      const name = parse(groupNameSchema, one(rest, "group name"), "group name");
      const { members } = await deleteGroup(name, CLI);
      console.log(`Deleted group "${name}" (${members} ${members === 1 ? "member" : "members"}).`);
      return;
    }
    case "prices list": {
      const today = todayIn((await getTeamSettings()).timezone);
      return table(
        (await listPriceTable(CLI, today)).map((e) => ({
          priceKey: e.priceKey,
          name: e.name,
          models: e.models.join(" "),
          input: e.current?.prices.input,
          output: e.current?.prices.output,
          cacheRead: e.current?.prices.cacheRead,
          cacheWrite: e.current?.prices.cacheWrite,
          cacheWrite1h: e.current?.prices.cacheWrite1h,
          source: e.current
            ? e.current.source === "default"
              ? "price book"
              : `override from ${e.current.from}`
            : "none",
        })),
      );
    }
    case "prices set": {
      const input = parse(
        priceOverrideSchema,
        {
          priceKey: one(rest, "model or price key"),
          from: values.from,
          input: values.input,
          output: values.output,
          cacheRead: values["cache-read"],
          cacheWrite: values["cache-write"],
          cacheWrite1h: values["cache-write-1h"],
        },
        "price",
      );
      const { people, priceKey } = await setPriceOverride(CLI, input);
      console.log(
        `${priceKey}: ${JSON.stringify(input.prices)} per million tokens from ${input.from}; ${people} people re-priced.`,
      );
      return;
    }
    case "prices end":
    case "prices remove": {
      const priceKey = parse(priceKeySchema, one(rest, "model or price key"), "price key");
      const from = parse(priceDateSchema, values.from, "--from");
      const { people } =
        verb === "end"
          ? await setPriceOverride(CLI, { priceKey, from, prices: null })
          : await removePriceOverride(CLI, priceKey, from);
      console.log(
        `${priceKey}: ${verb === "end" ? "the price book's price again" : "override removed"} from ${from}; ${people} people re-priced.`,
      );
      return;
    }
    case "prices unpriced": {
      const days = parse(z.coerce.number().int().min(1).max(3660), values.days ?? "90", "--days");
      const today = todayIn((await getTeamSettings()).timezone);
      return table(await listUnpricedModels(CLI, today, days));
    }
    case "prices mode": {
      const mode = parse(z.enum(COST_MODES), one(rest, "mode (reported or list)"), "mode");
      const { people } = await setCostMode(CLI, mode);
      console.log(`Costs shown: ${COST_MODE_LABELS[mode]}; ${people} people re-priced.`);
      return;
    }
    case "budget set":
      return setBudgetFromCli(budgetTarget(values, UsageError), values, UsageError);
    case "budget list":
      return printBudgets(table);
    case "budget delete":
      return deleteBudgetFromCli(budgetTarget(values, UsageError));
    case "webhook add": {
      const url = parse(webhookUrlSchema, one(rest, "URL"), "URL");
      const format = parse(z.enum(WEBHOOK_FORMATS), values.format ?? "json", "--format");
      const secret =
        values.secret === undefined ? null : parse(webhookSecretSchema, values.secret, "--secret");
      const hook = await addWebhook(CLI, { url, format, secret, digest: values.digest ?? false });
      console.log(`Added webhook ${hook.id}: ${hook.url} (${hook.format}${secret ? ", signed" : ""}).`);
      return;
    }
    case "webhook list":
      if (rest.length) throw new UsageError("webhook list takes no arguments.");
      return table(
        (await listWebhooks(CLI)).map((w) => ({
          id: w.id,
          url: w.url,
          format: w.format,
          secret: w.hasSecret ? "set" : "none",
          digest: w.digest,
          createdAt: w.createdAt,
        })),
      );
    case "webhook delete": {
      const hook = await deleteWebhook(CLI, parse(webhookIdSchema, one(rest, "webhook id"), "webhook id"));
      console.log(`Deleted webhook ${hook.id}: ${hook.url}.`);
      return;
    }
    case "webhook test": {
      const id = parse(webhookIdSchema, one(rest, "webhook id"), "webhook id");
      const { deliveryId } = await sendTestAlert(CLI, id);
      // Sent from here at once (a running server would send it at its next poll; the claim lets only one).
      const [tried] = await deliverDue(await getDb(), {
        only: [deliveryId],
        timeoutMs: readAlertsConfig().timeoutMs,
      });
      if (!tried) return console.log(`Test alert queued for webhook ${id} (a server is sending it).`);
      const { result } = tried;
      if (result.ok)
        return console.log(`Delivered to webhook ${id}: HTTP ${result.status} in ${result.durationMs} ms.`);
      throw new AppError(
        "unavailable",
        `Webhook ${id} did not take the test: ${result.error}. It is tried again later.`,
      );
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

async function main() {
  let exitCode = 0;
  try {
    await run(process.argv.slice(2));
  } catch (error) {
    const parseError = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    if (error instanceof UsageError || parseError) {
      if ((error as Error).message) console.error(`Error: ${(error as Error).message}\n`);
      console.error(USAGE);
      exitCode = 2;
    } else if (error instanceof AppError || error instanceof DirLockedError) {
      console.error(`Error: ${error.message}`);
      exitCode = 1;
    } else {
      console.error(error);
      exitCode = 1;
    }
  }
  await closeDatabase();
  process.exit(exitCode);
}

void main();
