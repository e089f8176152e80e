"use client";

import { useId, useState, type ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

/**
 * One person's rows in the users table: their cells, a Manage button, and under it (once opened) a
 * full-width row with the forms that act on them. Closing it drops the forms, and with them any
 * one-time password still on screen.
 */
export function PersonRows({
  name,
  columns,
  testId,
  cells,
  children,
}: {
  name: string;
  columns: number;
  testId: string;
  cells: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const panel = useId();
  return (
    // Below sm each person reads as a block: their cells wrap as a line of facts, the forms under them.
    <tbody
      data-testid={testId}
      className="block border-t border-zinc-200 sm:table-row-group dark:border-zinc-800"
    >
      <tr className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3 sm:table-row sm:py-0">
        {cells}
        <td className="ml-auto sm:py-2 sm:text-right">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={open ? panel : undefined}
            aria-label={`Manage ${name}`}
            onClick={() => setOpen(!open)}
            className={buttonClass("outline", "sm")}
          >
            Manage
          </button>
        </td>
      </tr>
      {open && (
        <tr id={panel} className="block sm:table-row">
          <td colSpan={columns} className="block pb-5 sm:table-cell sm:pt-2">
            {children}
          </td>
        </tr>
      )}
    </tbody>
  );
}
