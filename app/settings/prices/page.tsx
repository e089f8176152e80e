import type { Metadata } from "next";
import { ActionForm, type Field } from "@/components/action-form";
import { Section } from "@/components/settings/section";
import { listPriceTable, listUnpricedModels, type PriceRow } from "@/db/prices";
import { formatInteger } from "@/lib/format";
import { todayIn } from "@/lib/period";
import { COST_MODE_LABELS, COST_MODES } from "@/lib/prices/cost-modes";
import { EARLIEST_PRICE_DATE, type TokenPrices } from "@/lib/prices/catalog";
import { requireAdminViewer } from "@/server/auth/viewer";
import { teamSettings } from "@/server/queries";
import { adminEndPrice, adminRemovePrice, adminSetCostMode, adminSetPrice } from "../admin-actions";

export const metadata: Metadata = { title: "Prices" };

const UNPRICED_DAYS = 90;

/** "$15 / $75 · cache $1.50 read, $18.75 write (5 min), $30 (1 h)" per million tokens. */
function describe(p: TokenPrices) {
  const usd = (n: number) => `$${+n.toFixed(6)}`;
  return `${usd(p.input)} in / ${usd(p.output)} out · cache ${usd(p.cacheRead)} read, ${usd(p.cacheWrite)} write (5 min), ${usd(p.cacheWrite1h)} (1 h)`;
}

const SOURCE = { default: "price book", override: "override" } as const;

function PriceHistory({ priceKey, rows }: { priceKey: string; rows: PriceRow[] }) {
  return (
    <ul className="space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      {rows.map((row) => (
        <li key={`${row.source}-${row.from}`} className="flex flex-wrap items-center gap-2">
          <span>
            {row.from === EARLIEST_PRICE_DATE ? "from the start" : `from ${row.from}`} ({SOURCE[row.source]}):{" "}
            {row.prices ? describe(row.prices) : "ends the override, the price book's price applies"}
          </span>
          {row.source === "override" && (
            <ActionForm
              testId={`remove-${priceKey}-${row.from}`}
              action={adminRemovePrice}
              hidden={{ priceKey, from: row.from }}
              fields={[]}
              submitLabel="Remove"
              danger
            />
          )}
        </li>
      ))}
    </ul>
  );
}

export default async function PricesPage() {
  const viewer = await requireAdminViewer("/settings/prices");
  const team = await teamSettings();
  const today = todayIn(team.timezone);
  const [table, unpriced] = await Promise.all([
    listPriceTable(viewer, today),
    listUnpricedModels(viewer, today, UNPRICED_DAYS),
  ]);
  const keys = table.map((t) => ({ value: t.priceKey, label: `${t.name} (${t.priceKey})` }));
  const modelAndDay: Field[] = [
    { name: "priceKey", label: "Model", type: "select", defaultValue: keys[0]?.value, options: keys },
    { name: "from", label: "From", type: "date", defaultValue: today },
  ];
  return (
    <>
      <h1 className="text-2xl font-semibold">Prices</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Costs are priced per model and day from this table: the price book that ships with the app
        (@pydantic/genai-prices), and your overrides from a date on. A change re-prices the days it applies to
        at once, rollups included; it is in the audit log.
      </p>
      <Section
        title="Which cost is shown"
        description="Tokens nobody can price are shown as unpriced, never as $0."
      >
        <ActionForm
          testId="cost-mode"
          action={adminSetCostMode}
          submitLabel="Save"
          fields={[
            {
              name: "costMode",
              label: "Cost shown",
              type: "select",
              defaultValue: team.costMode,
              options: COST_MODES.map((m) => ({ value: m, label: COST_MODE_LABELS[m] })),
            },
          ]}
        />
      </Section>
      <Section
        title="Models without a price"
        description={`Tokens in the last ${UNPRICED_DAYS} days that neither the sender nor the price table priced. Set a price below to count them.`}
      >
        {unpriced.length === 0 ? (
          <p className="text-sm text-zinc-500">Every model in use has a price.</p>
        ) : (
          <div className="relative sm:overflow-x-auto">
            <table
              className="stats-table stacked-table w-full text-sm tabular-nums"
              data-testid="unpriced-models"
            >
              <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Price key</th>
                  <th scope="col" className="num">
                    Unpriced tokens
                  </th>
                  <th scope="col" className="num">
                    People
                  </th>
                  <th scope="col">Last used</th>
                </tr>
              </thead>
              <tbody>
                {unpriced.map((u) => (
                  <tr key={u.model}>
                    <th scope="row" className="break-all">
                      {u.model}
                    </th>
                    <td data-label="Price key" className="break-all">
                      {u.priceKey}
                    </td>
                    <td data-label="Unpriced tokens" className="num">
                      {formatInteger(u.tokens)}
                    </td>
                    <td data-label="People" className="num">
                      {formatInteger(u.people)}
                    </td>
                    <td data-label="Last used">{u.lastUsed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section
        title="Set a price"
        description="USD per million tokens, from a day on (earlier days keep their price). Cache prices left empty follow Anthropic's rule: reads 0.1x input, 5-minute writes 1.25x, 1-hour writes 2x."
      >
        {keys.length === 0 ? (
          <p className="text-sm text-zinc-500">No usage has arrived yet: prices are set for models in use.</p>
        ) : (
          <ActionForm
            testId="set-price"
            action={adminSetPrice}
            submitLabel="Set price"
            fields={[
              ...modelAndDay,
              { name: "input", label: "Input", type: "text" },
              { name: "output", label: "Output", type: "text" },
              { name: "cacheRead", label: "Cache read", type: "text" },
              { name: "cacheWrite", label: "Cache write (5 minutes)", type: "text" },
              { name: "cacheWrite1h", label: "Cache write (1 hour)", type: "text" },
            ]}
          />
        )}
      </Section>
      {keys.length > 0 && (
        <Section
          title="End an override"
          description="From that day on the price book's price applies again (days before keep the override's)."
        >
          <ActionForm
            testId="end-price"
            action={adminEndPrice}
            submitLabel="End override"
            fields={[...modelAndDay]}
          />
        </Section>
      )}
      <Section
        title="Price table"
        description="Every model in use, by the price key its ids share, with the price in force today and every dated price."
      >
        <div className="relative sm:overflow-x-auto">
          <table className="stats-table stacked-table w-full text-sm" data-testid="price-table">
            <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Price today (per million tokens)</th>
              </tr>
            </thead>
            <tbody>
              {table.map((entry) => (
                <tr key={entry.priceKey} data-testid={`price-${entry.priceKey}`}>
                  <th scope="row" className="align-top">
                    <div>{entry.name}</div>
                    <div className="text-xs font-normal break-all text-zinc-500">
                      {entry.priceKey}
                      {entry.models.some((m) => m !== entry.priceKey) && ` · ${entry.models.join(", ")}`}
                    </div>
                  </th>
                  <td className="space-y-1 align-top">
                    <div data-testid="price-current">
                      {entry.current ? (
                        <>
                          {describe(entry.current.prices)}{" "}
                          <span className="text-xs text-zinc-500">({SOURCE[entry.current.source]})</span>
                          {entry.current.longContext && (
                            <div className="text-xs text-zinc-500" data-testid="price-long-context">
                              Over {formatInteger(entry.current.longContext.above)} input tokens in a request:{" "}
                              {describe(entry.current.longContext)}. Senders&apos; own costs include it; days
                              priced from this table use the base price.
                            </div>
                          )}
                        </>
                      ) : (
                        <span className="text-amber-700 dark:text-amber-400">
                          No price: tokens are unpriced
                        </span>
                      )}
                    </div>
                    <PriceHistory priceKey={entry.priceKey} rows={entry.prices} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}
