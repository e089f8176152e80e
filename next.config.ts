import type { NextConfig } from "next";
import { readHttpCompression } from "./lib/config";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files relative to its own module URL; bundling it breaks that
  // ("path argument ... Received an instance of URL"), so it stays a plain node_modules import.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // HTTP_COMPRESSION=on gzips responses in the app. `next start` reads this file again, so one build
  // serves either setting.
  compress: readHttpCompression(),
  experimental: {
    // The upload page sends reports through a server action; the app enforces its own (configurable)
    // UPLOAD_MAX_BYTES, so Next's 1 MB default must not be the tighter limit.
    serverActions: { bodySizeLimit: "50mb" },
    // forbidden(): admin pages answer members with a real 403.
    authInterrupts: true,
  },
};

export default nextConfig;
