import { describe, expect, it } from "vitest";
import { readTrend } from "./trend";

describe("readTrend", () => {
  it("places each bucket's cost at its position, zero where none, ignoring positions outside the period", () => {
    expect(readTrend("0:1.5,2:4,5:8,-1:2,2:1e-05", 4)).toEqual([1.5, 0, 4.00001, 0]);
    expect(readTrend(null, 3)).toEqual([0, 0, 0]);
  });
});
