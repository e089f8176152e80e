import { expect, it } from "vitest";
import { loggable } from "./errors";

it("logs failed queries without their parameters", () => {
  const cause = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
  const error = new Error(
    "Failed query: select 1 from api_keys where key_hash = $1\nparams: 5e884898da28047151d0e56f8dc6292773603d0d",
    { cause },
  );
  const logged = JSON.stringify(loggable(error), (_, v) => (v instanceof Error ? { message: v.message } : v));
  expect(logged).toContain("select 1 from api_keys where key_hash = $1 (parameters omitted)");
  expect(logged).toContain("ECONNREFUSED");
  expect(logged).not.toContain("5e884898");
});
