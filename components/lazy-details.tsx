"use client";

import { useState, type ReactNode } from "react";

/**
 * A <details> disclosure whose content is built when it is first opened. For breakdowns that sit behind
 * every row or chart (token splits, data tables): hundreds of cells that few readers open, which cost more
 * to render and send with each page than everything visible.
 */
export function LazyDetails({
  summary,
  content,
  className,
  summaryClassName,
  summaryTestId,
  title,
}: {
  summary: ReactNode;
  content: () => ReactNode;
  className?: string;
  summaryClassName?: string;
  summaryTestId?: string;
  title?: string;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className={className}
      title={title}
      onToggle={(e) => e.currentTarget.open && setOpened(true)}
      // Opened before the page was interactive: React saw no toggle event, so look once it is attached.
      ref={(element) => {
        if (element?.open) setOpened(true);
      }}
    >
      <summary className={summaryClassName} data-testid={summaryTestId}>
        {summary}
      </summary>
      {opened && content()}
    </details>
  );
}
