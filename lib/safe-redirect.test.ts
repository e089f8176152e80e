import { expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

it("keeps same-site paths and refuses everything else", () => {
  expect(safeRedirect("/settings/keys?x=1#y")).toBe("/settings/keys?x=1#y");
  expect(safeRedirect("/")).toBe("/");
  for (const bad of [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "",
    undefined,
    42,
    "/\nfoo",
    "/..//evil.example",
    "/./\\evil.example",
    "/%2e%2e//evil.example",
  ]) {
    expect(safeRedirect(bad)).toBe("/");
  }
});
