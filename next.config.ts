import type { NextConfig } from "next";
import { FORM_MAX_BYTES, readHttpCompression } from "./lib/config";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files relative to its own module URL; bundling it breaks that
  // ("path argument ... Received an instance of URL"), so it stays a plain node_modules import.
  // rate-limiter-flexible imports drizzle-orm by a computed name, which a bundle cannot resolve: both stay
  // plain node_modules imports, so it and the app share one drizzle-orm.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "drizzle-orm", "rate-limiter-flexible"],
  poweredByHeader: false,
  // HTTP_COMPRESSION=on gzips responses in the app. `next start` reads this file again, so one build
  // serves either setting.
  compress: readHttpCompression(),
  experimental: {
    // Actions take small forms (reports go to the upload API); proxy.ts answers larger ones with a 413.
    serverActions: { bodySizeLimit: FORM_MAX_BYTES },
    // forbidden(): admin pages answer members with a real 403.
    authInterrupts: true,
  },
};

export default nextConfig;
