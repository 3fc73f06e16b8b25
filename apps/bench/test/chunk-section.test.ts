// How the "map of documents" section judges the default against the best fixed chunksize: the
// best is chosen on the rounds other than the one judged, so a size with one lucky round does not
// make an even default look slow.
import { describe, expect, it } from "vitest";
import { sweepOf } from "../src/chunks/chunk-section.ts";
import type { RowResult } from "../src/results.ts";

/** A row whose rounds measured these variant times (ms). */
const rowOf = (rounds: Record<string, number>[]): RowResult => ({
  id: "node/thread/map-chunks",
  label: "multiproc map of documents",
  runtime: "node",
  kind: "thread",
  role: "multiproc",
  rounds: rounds.map((chunkSweepMs) => [{ version: "20", chunkSweepMs }]),
  errors: [],
  median: {},
  spread: {},
  vsFloor: {},
  vsPython: {},
});

describe("sweepOf: the default against the best fixed chunksize", () => {
  it("takes the steadily faster size as the best, not one that looked faster in one round", () => {
    // 25 is steadily 2% faster than the default; 10 is 10% slower, except in one round where the
    // default was slow and 10 looks 20% faster. Every round is judged against 25, held out or not.
    const normal = { default: 100, 10: 110, 25: 98 };
    const sweep = sweepOf(rowOf([normal, normal, normal, { default: 125, 10: 100, 25: 122.5 }]));
    expect(sweep?.best).toBe("25");
    expect(sweep?.ratios.map((x) => x.toFixed(3))).toEqual(["1.020", "1.020", "1.020", "1.020"]);
    expect(sweep?.inSample).toEqual(sweep?.ratios);
  });

  it("does not judge the default against whichever size had the luckiest rounds", () => {
    // Both sizes are as fast as the default, give or take noise. Chosen and judged on the same
    // rounds, 10 (÷ default 0.90, 1.10, 0.95) would win and the default would read 1.05×. Held
    // out (the bench's median of two is the upper one): round 1 is judged against 25 (best on
    // rounds 2 and 3), round 2 against 10, round 3 against 25: the default reads 0.95×.
    const sweep = sweepOf(
      rowOf([
        { default: 100, 10: 90, 25: 105 },
        { default: 100, 10: 110, 25: 96 },
        { default: 100, 10: 95, 25: 98 },
      ]),
    );
    expect(sweep?.best).toBe("10");
    expect(sweep?.ratios).toEqual([100 / 105, 100 / 110, 100 / 98]);
    // the same rounds, for the table: against 10 throughout
    expect(sweep?.inSample).toEqual([100 / 90, 100 / 110, 100 / 95]);
  });

  it("with one round, chooses and judges on that round", () => {
    const sweep = sweepOf(rowOf([{ default: 100, 10: 90, 25: 95 }]));
    expect(sweep?.best).toBe("10");
    expect(sweep?.ratios).toEqual([100 / 90]);
  });

  it("gives each variant's median over the rounds, and nothing for a row with no sweep", () => {
    const sweep = sweepOf(
      rowOf([
        { default: 100, 10: 110 },
        { default: 120, 10: 90 },
        { default: 90, 10: 100 },
      ]),
    );
    expect(sweep?.ms).toEqual({ default: 100, 10: 100 });
    expect(sweepOf(rowOf([]))).toBeUndefined();
  });
});
