import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIVERS, describeEachDriver, openTestDatabase, uniqueName } from "@/test/database";
import type { Database } from "./client";
import { pruneExpired } from "./housekeeping";
import { SharedLimit } from "./rate-limits";
import { rateLimits } from "./schema";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `n` hits of `key`, in order: which were allowed. */
async function hits(limit: SharedLimit, key: string, max: number, n: number) {
  const allowed: boolean[] = [];
  for (let i = 0; i < n; i++) allowed.push((await limit.hit(key, max)).ok);
  return allowed;
}

describeEachDriver("rate limits", ({ database }) => {
  const limit = () => new SharedLimit(uniqueName("limit"));

  it("allows `limit` hits per key in a window, then refuses with the seconds left", async () => {
    const uploads = limit();
    expect(await hits(uploads, "key:1", 3, 5)).toEqual([true, true, true, false, false]);
    const refused = await uploads.hit("key:1", 3);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await hits(uploads, "key:2", 3, 1)).toEqual([true]); // another key counts apart
  });

  it("counts again once the window is over", async () => {
    const short = new SharedLimit(uniqueName("limit"), 1);
    expect(await hits(short, "k", 2, 3)).toEqual([true, true, false]);
    await sleep(1100);
    expect(await hits(short, "k", 2, 3)).toEqual([true, true, false]);
  });

  it("applies a changed limit to the hits already counted in the window", async () => {
    const uploads = limit();
    expect(await hits(uploads, "k", 5, 3)).toEqual([true, true, true]);
    expect(await hits(uploads, "k", 3, 1)).toEqual([false]); // lowered: 3 already used
    expect(await hits(uploads, "k", 10, 2)).toEqual([true, true]); // raised: room again
  });

  it("treats 0 as unlimited and writes nothing for it", async () => {
    const uploads = limit();
    expect(await hits(uploads, "k", 0, 50)).toEqual(Array(50).fill(true));
    const rows = await database()
      .db.select()
      .from(rateLimits)
      .where(like(rateLimits.key, `${uploads.name}:%`));
    expect(rows).toEqual([]);
  });

  it("takes a hit back with undo", async () => {
    const signIns = limit();
    expect(await hits(signIns, "client", 2, 2)).toEqual([true, true]);
    await signIns.undo("client", 2);
    expect(await hits(signIns, "client", 2, 2)).toEqual([true, false]);
  });

  it("refuses a key far over its limit from memory, without more database writes", async () => {
    const badKeys = limit();
    expect(await hits(badKeys, "flood", 2, 3)).toEqual([true, true, false]);
    const row = () =>
      database()
        .db.select({ points: rateLimits.points })
        .from(rateLimits)
        .where(like(rateLimits.key, `${badKeys.name}:flood`));
    expect(await row()).toEqual([{ points: 3 }]);
    expect(await hits(badKeys, "flood", 2, 20)).toEqual(Array(20).fill(false));
    expect((await badKeys.refusedHere("flood", 2)).ok).toBe(false);
    expect((await badKeys.refusedHere("other", 2)).ok).toBe(true);
    expect(await row()).toEqual([{ points: 3 }]);
  });

  it("housekeeping drops the counters of ended windows", async () => {
    const short = new SharedLimit(uniqueName("limit"), 1);
    await short.hit("k", 5);
    const rows = () =>
      database()
        .db.select()
        .from(rateLimits)
        .where(like(rateLimits.key, `${short.name}:%`));
    expect(await rows()).toHaveLength(1);
    await pruneExpired({ now: new Date(Date.now() + 2000) });
    expect(await rows()).toEqual([]);
  });
});

// Two pools on one PostgreSQL database stand for two servers.
describe.runIf(DRIVERS.includes("postgres"))("rate limits shared by two servers [postgres]", () => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    [a, b] = await Promise.all([openTestDatabase("postgres"), openTestDatabase("postgres")]);
  });
  afterAll(() => Promise.all([a?.close(), b?.close()]));

  it("counts every server's hits against one limit", async () => {
    const name = uniqueName("limit");
    const onA = new SharedLimit(name, 60, async () => a.db);
    const onB = new SharedLimit(name, 60, async () => b.db);
    expect(await hits(onA, "key:7", 3, 2)).toEqual([true, true]);
    expect(await hits(onB, "key:7", 3, 1)).toEqual([true]);
    expect(await hits(onA, "key:7", 3, 1)).toEqual([false]);
    expect(await hits(onB, "key:7", 3, 1)).toEqual([false]);
  });

  it("lets simultaneous hits on both servers through only up to the limit", async () => {
    const name = uniqueName("limit");
    const servers = [a, b].map((d) => new SharedLimit(name, 60, async () => d.db));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => servers[i % 2].hit("race", 7)));
    expect(results.filter((r) => r.ok)).toHaveLength(7);
  });
});
