import { NavLink } from "@/components/nav-link";
import { requireViewer } from "@/server/auth/viewer";

const MEMBER_LINKS = [
  { href: "/settings", label: "Profile" },
  { href: "/settings/keys", label: "Upload keys" },
  { href: "/settings/machines", label: "Machines & data" },
  { href: "/settings/telemetry", label: "Connect Claude Code" },
  { href: "/settings/budgets", label: "Budgets" },
  { href: "/settings/my-data", label: "My data" },
];
const ADMIN_LINKS = [
  { href: "/settings/users", label: "Users" },
  { href: "/settings/all-keys", label: "All keys" },
  { href: "/settings/telemetry-admin", label: "Telemetry health" },
  { href: "/settings/team", label: "Team" },
  { href: "/settings/groups", label: "Groups" },
  { href: "/settings/prices", label: "Prices" },
  { href: "/settings/alerts", label: "Alerts" },
  { href: "/settings/audit", label: "Audit log" },
];

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer("/settings");
  const links = viewer.role === "admin" ? [...MEMBER_LINKS, ...ADMIN_LINKS] : MEMBER_LINKS;
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-8 md:flex-row">
      <nav aria-label="Settings" className="flex flex-wrap gap-1 md:w-48 md:flex-col md:flex-nowrap">
        {links.map((link) => (
          <NavLink
            key={link.href}
            href={link.href}
            exact
            className="rounded-md px-3 py-1.5 text-sm whitespace-nowrap text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"
            currentClassName="bg-zinc-200 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
          >
            {link.label}
          </NavLink>
        ))}
      </nav>
      <main className="min-w-0 flex-1 space-y-8">{children}</main>
    </div>
  );
}
