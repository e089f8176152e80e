import type { DeliveryView } from "@/db/alerts/history";
import { formatTime } from "@/lib/format";

const STATE_CLASS = {
  pending: "text-amber-700 dark:text-amber-400",
  delivered: "text-green-700 dark:text-green-400",
  failed: "text-red-700 dark:text-red-400",
} as const;

/** Each delivery with its state and its tries: when, what the receiver answered, how long it took. */
export function DeliveryTable({ deliveries }: { deliveries: DeliveryView[] }) {
  if (deliveries.length === 0) return <p className="text-sm text-zinc-500">Nothing sent yet.</p>;
  return (
    <div className="relative sm:overflow-x-auto">
      <table className="stats-table stacked-table w-full text-sm" data-testid="deliveries">
        <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">Webhook</th>
            <th scope="col">State</th>
            <th scope="col">Tries</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-testid={`delivery-${d.id}`} data-webhook={d.webhookId}>
              <th scope="row" className="align-top font-normal">
                <div>{d.alertTitle}</div>
                <div className="text-xs text-zinc-500">
                  {d.alertKind} · queued {formatTime(d.createdAt)}
                </div>
              </th>
              <td data-label="Webhook" className="align-top break-all">
                #{d.webhookId} {d.webhookUrl}
              </td>
              <td data-label="State" className="align-top">
                <span data-testid="delivery-state" className={STATE_CLASS[d.state]}>
                  {d.state}
                </span>
                {d.state === "pending" && d.tries > 0 && (
                  <div className="text-xs text-zinc-500">next try {formatTime(d.nextAttemptAt)}</div>
                )}
              </td>
              <td data-label="Tries" className="align-top">
                {d.attempts.length === 0 ? (
                  <span className="text-xs text-zinc-500">none yet</span>
                ) : (
                  <ul className="space-y-0.5 text-xs tabular-nums" data-testid="delivery-attempts">
                    {d.attempts.map((a, i) => (
                      <li key={i}>
                        {formatTime(a.startedAt)}: {a.error ?? `HTTP ${a.status}`} ({a.durationMs} ms)
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
