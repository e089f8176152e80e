import type { Metadata, Viewport } from "next";
import { SiteHeader } from "@/components/site-header";
import { getViewer } from "@/server/auth/viewer";
import { databaseHealth, teamSettings } from "@/server/queries";
import { isDatabaseUnavailable } from "@/lib/errors";
import { DatabaseUnavailable } from "@/components/database-unavailable";
import { signOutAction } from "./signin/actions";
import { themeScript } from "@/components/theme";
import { APP_NAME } from "@/lib/version";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: APP_NAME, template: `%s · ${APP_NAME}` },
  description: "Team dashboard for Claude Code usage: who spends what, on which models, over time.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page reads live data from the database: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // A broken database must not take the header (and so every page) down with it. Nor may a page meet it by
  // throwing: the 500 page would then log the server's error in the browser as React error #441. The team
  // settings are read by nearly every page anyway (once per request), so the check costs no query there.
  const [viewer, reachable] = await Promise.all([
    getViewer().catch(() => null),
    teamSettings().then(
      () => true,
      (error) => !isDatabaseUnavailable(error),
    ),
  ]);
  const health = reachable ? null : await databaseHealth();
  return (
    // The theme script sets the "dark" class before hydration, so the attribute may differ from the server's.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <SiteHeader viewer={viewer} signOut={signOutAction} />
        {/* The skip link's target: every page's content. */}
        <div id="content" tabIndex={-1} className="outline-none">
          {health && !health.reachable ? <DatabaseUnavailable health={health} /> : children}
        </div>
      </body>
    </html>
  );
}
