"use client";

import type { MouseEvent } from "react";
import { useRouter } from "next/navigation";

/**
 * A click handler for an element holding many plain `<a>` links to the app's pages (a hundred table rows):
 * follows them in the app without a reload, as next/link does, without rendering a Link for each (a
 * large share of such a table's server rendering). Clicks meant for the browser (new tab or window,
 * download, another site or target) are left to it. Nothing is prefetched, as rows should not be.
 */
export function useLinkClicks() {
  const router = useRouter();
  return (event: MouseEvent<Element>) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (!link || !event.currentTarget.contains(link)) return;
    if (link.target || link.hasAttribute("download") || link.origin !== window.location.origin) return;
    event.preventDefault();
    router.push(`${link.pathname}${link.search}${link.hash}`);
  };
}
