import { describe, expect, it } from "vitest";
import { catalogEntry, EARLIEST_PRICE_DATE, modelName, normaliseModelId } from "./catalog";
import { priceOverrideSchema } from "./override";

describe("the price book", () => {
  it("normalises the ways senders spell one model", () => {
    expect(normaliseModelId("claude-opus-4-1-20250805")).toBe("claude-opus-4-1");
    expect(normaliseModelId("Claude-Opus-4-6[1m]")).toBe("claude-opus-4-6");
    expect(normaliseModelId("us.anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe("claude-sonnet-4-5");
    expect(normaliseModelId("anthropic/claude-haiku-4-5")).toBe("claude-haiku-4-5");
    expect(normaliseModelId("claude-sonnet-4-5@20250929")).toBe("claude-sonnet-4-5");
    expect(normaliseModelId("gpt-5-codex")).toBe("gpt-5-codex");
  });

  it("gives every spelling of a model one price key, name and price", () => {
    const spellings = [
      "claude-opus-4-1",
      "claude-opus-4-1-20250805",
      "claude-opus-4-1[1m]",
      "us.anthropic.claude-opus-4-1-20250805-v1:0",
    ];
    const entries = spellings.map(catalogEntry);
    for (const entry of entries)
      expect(entry).toMatchObject({ priceKey: "anthropic/claude-opus-4-1", name: "Claude Opus 4.1" });
    expect(entries[1].defaults).toEqual([
      {
        from: EARLIEST_PRICE_DATE,
        input: 15,
        output: 75,
        cacheRead: 1.5,
        cacheWrite: 18.75,
        cacheWrite1h: 30,
      },
    ]);
    expect(modelName("claude-opus-4-6")).toBe("Claude Opus 4.6");
  });

  it("keeps dated prices and long-context tiers apart from the base price", () => {
    const sonnet = catalogEntry("claude-sonnet-4-5-20250929").defaults;
    expect(sonnet.at(-1)).toMatchObject({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
    expect(sonnet.at(-1)!.longContext).toEqual({
      above: 200_000,
      input: 6,
      output: 22.5,
      cacheRead: 0.6,
      cacheWrite: 7.5,
      cacheWrite1h: 12,
    });
    // Claude Opus 4.6 dropped its long-context tier on 2026-03-13: two dated prices.
    const opus = catalogEntry("claude-opus-4-6").defaults;
    expect(opus.map((p) => [p.from, p.input, p.longContext?.input])).toEqual([
      [EARLIEST_PRICE_DATE, 5, 10],
      ["2026-03-13", 5, undefined],
    ]);
  });

  it("knows no price for a model nobody has heard of, and names it by its id", () => {
    expect(catalogEntry("acme-model-9-20261101")).toEqual({
      priceKey: "acme-model-9",
      name: "acme-model-9-20261101",
      defaults: [],
    });
  });
});

describe("an admin's price", () => {
  it("fills cache prices from the input price as Anthropic prices them, unless given", () => {
    expect(
      priceOverrideSchema.parse({ priceKey: " acme ", from: "2026-11-01", input: "4", output: 20 }),
    ).toEqual({
      priceKey: "acme",
      from: "2026-11-01",
      prices: { input: 4, output: 20, cacheRead: 0.4, cacheWrite: 5, cacheWrite1h: 8 },
    });
    expect(
      priceOverrideSchema.parse({
        priceKey: "acme",
        from: "2026-11-01",
        input: "4",
        output: "20",
        cacheRead: "0",
        cacheWrite: "",
      }).prices,
    ).toMatchObject({ cacheRead: 0, cacheWrite: 5 });
  });

  it("names each bad field", () => {
    const result = priceOverrideSchema.safeParse({
      priceKey: "",
      from: "1999-12-31",
      input: "",
      output: "abc",
      cacheRead: "-1",
      cacheWrite1h: "10001",
    });
    expect(result.success).toBe(false);
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      priceKey: "is required",
      from: "must be from 2000-01-01 to 2100-12-31",
      input: "is required",
      output: "must be a number",
      cacheRead: "must not be negative",
      cacheWrite1h: "must be at most 10000 (USD per million tokens)",
    });
  });
});
