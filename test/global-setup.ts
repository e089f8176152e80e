import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of this run's throwaway PostgreSQL database, or "" when TEST_DATABASE_URL is not set. */
    pgUrl: string;
  }
}

// With TEST_DATABASE_URL set, every run gets a fresh database of its own, dropped at the end,
// so database suites also run on real PostgreSQL without touching anyone's data.
export default async function setup(project: TestProject) {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    project.provide("pgUrl", "");
    return;
  }
  const name = `ccs_test_${Date.now()}_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  project.provide("pgUrl", url.toString());
  return async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}
