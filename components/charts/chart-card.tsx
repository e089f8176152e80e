import type { ComponentProps, ReactNode } from "react";
import { DataTable } from "./data-table";
import { CARD } from "@/components/ui/card";

/** A titled chart with its figures as a table beside it (for screen readers, and anyone who wants numbers). */
export function ChartCard({
  title,
  children,
  table,
  actions,
}: {
  title: string;
  children: ReactNode;
  /** The data table's own props, titled by the card. */
  table?: Omit<ComponentProps<typeof DataTable>, "title">;
  actions?: ReactNode;
}) {
  return (
    <section className={`${CARD} p-4`} aria-label={title}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        {actions}
      </div>
      {children}
      {table && <DataTable title={title} {...table} />}
    </section>
  );
}
