import { describe, expect, it } from "vitest";
import type { ModelDay } from "./ccusage/parse";
import { decideDay, totalsOf } from "./usage-merge";

const model = (name: string, tokens: number, cost = BigInt(tokens) * 1000n): ModelDay => ({
  model: name,
  provider: "anthropic",
  inputTokens: tokens,
  outputTokens: 0,
  cacheCreationTokens: 0,
  cacheReadTokens: 0,
  cost,
});

describe("decideDay", () => {
  const stored = [model("a", 100), model("b", 50)];

  it("inserts a day the machine never sent", () => {
    expect(decideDay([model("a", 1)], undefined, "merge")).toEqual({ result: "inserted", write: true });
    expect(decideDay([], undefined, "merge")).toEqual({ result: "unchanged", write: false });
  });

  it("leaves an identical day alone, in any order and either mode", () => {
    expect(decideDay([model("b", 50), model("a", 100)], stored, "merge")).toEqual({
      result: "unchanged",
      write: false,
    });
    expect(decideDay([...stored], stored, "replace")).toEqual({ result: "unchanged", write: false });
  });

  it("replaces a day with higher figures", () => {
    expect(decideDay([model("a", 120), model("b", 50)], stored, "merge")).toEqual({
      result: "updated",
      write: true,
    });
    // same tokens, newly priced (cost was 0): higher
    expect(decideDay([model("a", 100, 5n)], [model("a", 100, 0n)], "merge").result).toBe("updated");
  });

  it("keeps the stored day when the report is lower (pruned transcripts), unless replacing", () => {
    expect(decideDay([model("a", 100)], stored, "merge")).toEqual({ result: "kept-higher", write: false });
    expect(decideDay([], stored, "merge")).toEqual({ result: "kept-higher", write: false });
    expect(decideDay([model("a", 100)], stored, "replace")).toEqual({ result: "updated", write: true });
  });

  it("lets the newer report win when totals tie but content differs", () => {
    expect(decideDay([model("renamed", 150, 150_000n)], [model("a", 150, 150_000n)], "merge").result).toBe(
      "updated",
    );
  });

  it("totals every token type and cost", () => {
    expect(totalsOf(stored)).toEqual({
      inputTokens: 150,
      outputTokens: 0,
      cacheCreationTokens: 0,
      cacheReadTokens: 0,
      totalTokens: 150,
      cost: 150_000n,
    });
  });
});
