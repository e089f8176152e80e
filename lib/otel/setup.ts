// What a person or an admin puts on machines so Claude Code sends its telemetry here (Settings → Claude
// Code telemetry, and the README), with this server's address filled in.

/** Where each person keeps their upload key for the organisation-wide helper. */
export const KEY_FILE = "~/.config/claude-code-stats/key";
/** Where the organisation-wide helper script is installed. */
export const HELPER_PATH = "/usr/local/bin/claude-code-stats-otel-headers";

const ENV = (origin: string) => ({
  CLAUDE_CODE_ENABLE_TELEMETRY: "1",
  OTEL_METRICS_EXPORTER: "otlp",
  OTEL_LOGS_EXPORTER: "otlp",
  OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
  OTEL_EXPORTER_OTLP_ENDPOINT: `${origin}/api/otel`,
});

/** Lines for one machine's shell profile (~/.bashrc, ~/.zshrc), with the person's key in CCS_KEY. */
export function machineSetup(origin: string, key = "$CCS_KEY"): string {
  return [
    ...Object.entries(ENV(origin)).map(([name, value]) => `export ${name}=${value}`),
    `export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${key}"`,
    `export OTEL_RESOURCE_ATTRIBUTES="host.name=$(hostname)"`,
  ].join("\n");
}

/**
 * The managed settings for every machine of an organisation: the helper reads each person's key from their
 * home, so their usage is theirs. With a team key instead, set OTEL_EXPORTER_OTLP_HEADERS to it.
 */
export function managedSettings(origin: string, teamKey?: string): string {
  const env: Record<string, string> = { ...ENV(origin) };
  if (teamKey) env.OTEL_EXPORTER_OTLP_HEADERS = `Authorization=Bearer ${teamKey}`;
  return JSON.stringify(teamKey ? { env } : { env, otelHeadersHelper: HELPER_PATH }, null, 2);
}

/** The helper script managedSettings names: prints the headers with the person's key, as JSON. */
export function headersHelper(): string {
  return [
    "#!/bin/sh",
    `# Claude Code runs this for its OTLP headers: the upload key each person keeps in ${KEY_FILE}.`,
    `key=$(cat "$HOME/${KEY_FILE.slice(2)}" 2>/dev/null) || exit 1`,
    `printf '{"Authorization": "Bearer %s"}\\n' "$key"`,
  ].join("\n");
}
