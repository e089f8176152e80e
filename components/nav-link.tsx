"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A navigation link that marks the page it leads to as the current one (aria-current and its look).
 * `exact`: only its own path counts (the leaderboard at "/"); otherwise pages below it count too.
 */
export function NavLink({
  href,
  exact = false,
  className,
  currentClassName,
  children,
  ...rest
}: {
  href: string;
  exact?: boolean;
  className: string;
  currentClassName: string;
  children: React.ReactNode;
  "data-testid"?: string;
}) {
  const path = usePathname();
  const current = exact ? path === href : path === href || path.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`${className} ${current ? currentClassName : ""}`}
      {...rest}
    >
      {children}
    </Link>
  );
}
