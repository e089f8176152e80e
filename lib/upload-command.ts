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
