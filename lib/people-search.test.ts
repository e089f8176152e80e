import { expect, it } from "vitest";
import { matchesSearch } from "./people-search";

const casey = { username: "casey", displayName: "Casey Jones", email: "cj@example.com" };

it("finds a person by any part of their name, username or email, in any case and word order", () => {
  for (const query of ["", "  ", "cas", "JONES", "jones casey", "example.com", "cj@"])
    expect(matchesSearch(casey, query), query).toBe(true);
});

it("needs every word to match, and a missing email matches nothing", () => {
  expect(matchesSearch(casey, "casey smith")).toBe(false);
  expect(matchesSearch({ ...casey, email: null }, "example")).toBe(false);
});
