import path from "node:path";
import { describe, expect, it } from "vitest";
import { readDatabaseConfig, readHttpCompression } from "./config";

describe("database configuration", () => {
  it("defaults to the embedded database in ./data", () => {
    const config = readDatabaseConfig({});
    expect(config.url).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve("data"));
    expect(config.poolSize).toBe(10);
  });

  it("reads DATABASE_URL, DATA_DIR and the pool size", () => {
    const config = readDatabaseConfig({
      DATABASE_URL: "postgres://u@db:5432/stats",
      DATA_DIR: "/var/lib/ccs",
      DATABASE_POOL_SIZE: "25",
    });
    expect(config).toMatchObject({
      url: "postgres://u@db:5432/stats",
      dataDir: "/var/lib/ccs",
      poolSize: 25,
    });
    expect(readDatabaseConfig({ DATABASE_URL: "" }).url).toBeUndefined();
  });

  it("names the variable that is wrong", () => {
    expect(() => readDatabaseConfig({ DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL: must start with postgres/,
    );
    expect(() => readDatabaseConfig({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
  });
});

describe("HTTP compression", () => {
  it("is off unless HTTP_COMPRESSION=on, and names a bad value", () => {
    expect(readHttpCompression({})).toBe(false);
    expect(readHttpCompression({ HTTP_COMPRESSION: "off" })).toBe(false);
    expect(readHttpCompression({ HTTP_COMPRESSION: "on" })).toBe(true);
    expect(() => readHttpCompression({ HTTP_COMPRESSION: "gzip" })).toThrow(
      /HTTP_COMPRESSION: must be "on" or "off"/,
    );
  });
});
