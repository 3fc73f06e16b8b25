// The figures and the words: medians, spreads, speed-ups, and ties held against the noise.
import { describe, expect, it } from "vitest";
import type { BenchCell } from "../src/schema.ts";
import { type MeasuredCell, runNoise, summarize } from "../src/summarize.ts";
import { judge, MIN_NOISE } from "../src/verdicts.ts";

function cell(id: string, runsMs: number[]): MeasuredCell {
  const [runtime, mode, kind, workers] = id.split("/");
  return {
    id,
    runtime: runtime as MeasuredCell["runtime"],
    runtimeLabel: runtime ?? "",
    runtimeVersion: "1.0.0",
    mode: mode as MeasuredCell["mode"],
    kind: (kind ?? null) as MeasuredCell["kind"],
    workers: workers ? Number(workers) : null,
    items: 100,
    runsMs,
    peaks: [50 * 2 ** 20, 70 * 2 ** 20],
    stats: null,
  };
}

const find = (cells: BenchCell[], id: string) => cells.find((c) => c.id === id) as BenchCell;

describe("summarize", () => {
  const cells = summarize([cell("node/main", [200, 100, 300]), cell("node/map/thread/2", [50, 40, 60, 70])]);

  it("takes the median, range and spread of the rounds, and items per second", () => {
    const map = find(cells, "node/map/thread/2");
    expect(map.ms).toEqual({ median: 55, min: 40, max: 70 });
    expect(map.spread).toBeCloseTo(15 / 55, 4);
    expect(map.itemsPerSecond).toBeCloseTo(100_000 / 55, 1);
    expect(map.peakRssMiB).toEqual({ median: 60, max: 70 });
  });

  it("gives each cell its speed-up over the same runtime's main loop", () => {
    expect(find(cells, "node/map/thread/2").speedUp).toBeCloseTo(200 / 55, 3);
    expect(find(cells, "node/main").speedUp).toBe(1);
  });

  it("takes the run's noise as the median spread", () => {
    expect(runNoise(cells)).toBeCloseTo((15 / 55 + 100 / 200) / 2, 3);
  });

  it("leaves a cell with no successful round without figures", () => {
    const [failed] = summarize([{ ...cell("bun/map/thread/2", []), error: "exit code 1" }]);
    expect(failed).toMatchObject({ ms: null, spread: null, itemsPerSecond: null, error: "exit code 1" });
  });
});

describe("judge", () => {
  it("says which runtime is faster, by how much, at each one's best pool setting", () => {
    const cells = summarize([
      cell("node/map/thread/2", [180, 180, 181]),
      cell("node/map/thread/1", [300, 300, 301]),
      cell("bun/map/thread/2", [100, 100, 101]),
    ]);
    const [runtimes] = judge(cells).filter((v) => v.topic === "runtimes");
    expect(runtimes).toMatchObject({ faster: "bun/map/thread/2", slower: "node/map/thread/2", tie: false });
    expect(runtimes?.ratio).toBeCloseTo(1.8, 2);
    expect(runtimes?.text).toBe(
      "Bun threads 1.80× Node threads on this task (best of each: map ×2 vs map ×2)",
    );
  });

  it("calls a difference within the noise a tie, and says the noise", () => {
    const cells = summarize([
      cell("node/map/thread/2", [100, 80, 120]),
      cell("deno/map/thread/2", [110, 105, 115]),
    ]);
    const [v] = judge(cells).filter((x) => x.topic === "runtimes");
    expect(v).toMatchObject({ tie: true, noise: 0.2 });
    expect(v?.text).toBe("Node threads and Deno threads tie on this task (1.10×, within the noise ±20%)");
  });

  it(`never tells apart two cells closer than ${MIN_NOISE * 100}%, however steady`, () => {
    const cells = summarize([cell("node/map/thread/2", [100, 100]), cell("node/map/process/2", [102, 102])]);
    expect(judge(cells).find((v) => v.topic === "kinds")).toMatchObject({ tie: true, noise: MIN_NOISE });
  });

  it("puts the cost of processes in words, Process per item against a Pool, and the main loop", () => {
    const texts = judge(
      summarize([
        cell("node/main", [300, 300]),
        cell("node/map/thread/2", [100, 100]),
        cell("node/map/process/2", [112, 112]),
        cell("node/process/thread/2", [800, 800]),
      ]),
    ).map((v) => v.text);
    expect(texts).toContain("On Node, processes cost 12% more than threads here");
    expect(texts).toContain("On Node threads, a Pool (map ×2) is 8.0× one Process per item (2 at a time)");
    expect(texts).toContain("On Node, Node threads map ×2 runs 3.0× the plain loop on the main thread");
  });

  it("holds Python's Pool against each runtime's best, and Python's Process per item against its Pool", () => {
    const verdicts = judge(
      summarize([
        cell("node/map/thread/2", [100, 100]),
        cell("bun/map/thread/2", [80, 80]),
        cell("python/map/process/2", [140, 140]),
        cell("node/map/process/2", [150, 150]),
        cell("python/process/process/2", [420, 420]),
      ]),
    );
    expect(verdicts.filter((v) => v.topic === "python").map((v) => v.text)).toEqual([
      "Node threads map ×2 1.40× Python's Pool.map ×2 on this task",
      "Bun threads map ×2 1.75× Python's Pool.map ×2 on this task",
    ]);
    expect(verdicts.filter((v) => v.topic === "process-vs-pool").map((v) => v.text)).toEqual([
      "On Python processes, a Pool (map ×2) is 3.0× one Process per item (2 at a time)",
    ]);
    // Python is never one of the runtimes compared kind against kind
    expect(verdicts.filter((v) => v.topic === "runtimes").map((v) => v.faster)).toEqual(["bun/map/thread/2"]);
  });

  it("says so when the plain loop wins", () => {
    const [v] = judge(summarize([cell("bun/main", [10, 10]), cell("bun/map/thread/2", [50, 50])])).filter(
      (x) => x.topic === "main",
    );
    expect(v?.text).toMatch(/^On Bun, the plain loop on the main thread is 5\.0× the best setting/);
  });
});
