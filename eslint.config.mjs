import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

// The layers (README, Layout): lib/ is pure, db/ is the only place with SQL, server/ is request-level,
// components/ is UI, app/ the routes. A wrong import fails the lint (scripts/lint-layers.test.ts).
const forbid = (message, group, options = {}) => ({ group, message, ...options });
const layer = (files, patterns) => ({
  files,
  ignores: ["**/*.test.ts"],
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
});

const SQL = ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/*"];
const DB = ["@/db", "@/db/*", "**/db", "**/db/*"];
const SERVER = ["@/server", "@/server/*", "**/server/*"];
const APP = ["@/app/*", "**/app/*"];
const UI = ["@/components/*", "**/components/*"];
const NEXT = ["next", "next/*", "next-auth", "next-auth/*", "react", "react-dom", "server-only"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  layer(
    ["lib/**"],
    [
      forbid("lib/ is pure: no database, server, Next or React code (see README, Layout).", [
        ...SQL,
        ...DB,
        ...SERVER,
        ...APP,
        ...UI,
        ...NEXT,
      ]),
    ],
  ),
  layer(
    ["db/**"],
    [
      forbid("db/ holds queries only: request-level code (Next, React, sessions) belongs in server/.", [
        ...SERVER,
        ...APP,
        ...UI,
        ...NEXT,
      ]),
    ],
  ),
  layer(
    ["server/**"],
    [
      forbid("server/ calls db/ functions: SQL and Drizzle stay in db/, UI in components/.", [
        ...SQL,
        ...APP,
        ...UI,
      ]),
    ],
  ),
  layer(
    ["components/**"],
    [
      forbid("components/ never import app/: pass actions and data in as props.", APP),
      forbid("components/ get data as props: only types may come from db/ or server/.", [...DB, ...SERVER], {
        allowTypeImports: true,
      }),
      forbid("components/ do not touch the database.", SQL),
    ],
  ),
  layer(["app/**"], [forbid("SQL and Drizzle stay in db/: call its query functions.", SQL)]),
  layer(
    ["scripts/**"],
    [
      forbid("Tools use lib/ and db/, not the app, its UI, the request layer or the tests.", [
        ...APP,
        ...UI,
        ...SERVER,
        "@/test/*",
        "**/test/*",
      ]),
    ],
  ),
  globalIgnores([
    "test-reports/**",
    ".next/**",
    "node_modules/**",
    "data/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
]);
