// The estimate of an item's size that caps map's automatic chunks: right for the usual shapes,
// bounded in the work it does, and never in the way (a throwing getter counts as nothing).
import { describe, expect, it } from "vitest";
import { itemBytes, sampledItemBytes } from "../src/parent/item-bytes.ts";

describe("itemBytes", () => {
  it("counts strings by length, numbers as 8, objects by keys and values, buffers by size", () => {
    expect(itemBytes("x".repeat(3000))).toBe(3000);
    expect(itemBytes(7)).toBe(8);
    expect(itemBytes({ a: 1, b: 2 })).toBe(18);
    expect(itemBytes([1, "ab", null, true])).toBe(8 + 2 + 1 + 1);
    expect(itemBytes({ page: "x".repeat(100), tags: ["a", "bc"] })).toBe(4 + 100 + 4 + 3);
    expect(itemBytes(new Float64Array(1000))).toBe(8000);
    expect(itemBytes(new ArrayBuffer(64))).toBe(64);
  });

  it("reads a bounded number of values: a long array's rest counts at the rate so far", () => {
    const big = Array.from({ length: 100_000 }, (_, i) => i);
    expect(itemBytes(big)).toBe(800_000);
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
    expect(itemBytes(wide)).toBeLessThan(10_000); // stops early: an underestimate, never a long walk
  });

  it("counts what cannot be read as nothing", () => {
    const trap = {
      get boom(): number {
        throw new Error("no");
      },
    };
    expect(itemBytes(trap)).toBe(0);
  });
});

describe("sampledItemBytes", () => {
  it("is the mean over items spread across the list", () => {
    const list = Array.from({ length: 1000 }, (_, i) => (i < 500 ? "a".repeat(100) : "b".repeat(300)));
    expect(sampledItemBytes(list)).toBe(200);
    expect(sampledItemBytes([])).toBe(0);
    expect(sampledItemBytes([1, 2, 3])).toBe(8);
  });
});
