"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { refreshMilliseconds, type RefreshInterval } from "@/lib/charts/refresh";

/** Re-reads the page's data on an interval without a reload (a wall screen), skipped while the tab is hidden. */
export function AutoRefresh({ interval }: { interval: RefreshInterval }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, refreshMilliseconds(interval));
    return () => clearInterval(timer);
  }, [interval, router]);
  return null;
}
