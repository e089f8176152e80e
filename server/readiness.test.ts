import { expect, it } from "vitest";
import { describeEachDriver } from "@/test/database";
import { readinessResponse, trackStartup } from "./readiness";

describeEachDriver("readiness", () => {
  it("is 503 naming the start-up work under way, then 200 once it is done", async () => {
    await trackStartup("migrations", Promise.resolve());
    let finish = () => {};
    const prices = trackStartup("prices", new Promise<void>((resolve) => (finish = resolve)));

    const starting = await readinessResponse();
    expect(starting.status).toBe(503);
    expect(await starting.json()).toMatchObject({
      status: "starting",
      pending: ["prices"],
      startup: { migrations: "done", prices: "running" },
      database: { reachable: true },
    });

    finish();
    await prices;
    const ready = await readinessResponse();
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "ready",
      pending: [],
      startup: { migrations: "done", prices: "done" },
    });
  });

  it("does not wait for start-up work that failed: the server serves, its log says why", async () => {
    await trackStartup("prices", Promise.reject(new Error("no prices"))).catch(() => {});
    const response = await readinessResponse();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ startup: { prices: "failed" } });
  });
});
