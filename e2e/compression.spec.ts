import { expect, test } from "@playwright/test";
import { driverOf } from "./accounts";

// The first-run ("blank") server runs with HTTP_COMPRESSION=on, the others with the default: off, for
// the TLS-terminating proxy in front to compress.
test("the app gzips its responses only with HTTP_COMPRESSION=on", async ({ request }, info) => {
  const on = driverOf(info) === "blank";
  // Pages well over the 1 kB below which nothing is compressed anyway.
  for (const url of ["/signin", "/"]) {
    const response = await request.get(url, { headers: { "Accept-Encoding": "gzip" } });
    expect(response.ok(), url).toBe(true);
    expect(response.headers()["content-encoding"], url).toBe(on ? "gzip" : undefined);
    expect(await response.text(), url).toContain("</html>");
  }
});
