import type { NextConfig } from "next";
import { FORM_MAX_BYTES, readHttpCompression } from "./lib/config";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files relative to its own module URL; bundling it breaks that
  // ("path argument ... Received an instance of URL"), so it stays a plain node_modules import.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
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
