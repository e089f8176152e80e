/**
 * The command a member runs (or puts in cron) to send their daily usage to this server. curl's
 * --fail-with-body (7.76+) prints the server's explanation of a refused upload and still exits non-zero.
 */
export function uploaderCommand(origin: string, key = "$CCS_KEY"): string {
  return (
    `npx ccusage@latest claude daily --json --offline | curl -sS --fail-with-body -H "Authorization: Bearer ${key}" ` +
    `-H "X-Machine-Id: $(hostname)" -H "Content-Type: application/json" --data-binary @- ${origin}/api/v1/usage`
  );
}

/** This server's public origin, as the browser reached it (proxies set the x-forwarded-* headers). */
export function requestOrigin(headers: Headers): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto =
    headers.get("x-forwarded-proto") ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto.split(",")[0].trim()}://${host.split(",")[0].trim()}`;
}
