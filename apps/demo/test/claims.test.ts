// The claims matrix from rows: which rows each claim compares, the verdict from the figure and
// the noise, and the cells left empty where nothing was measured. Made-up rows, no run.
import { describe, expect, it } from "vitest";
import { buildMatrix, UNKNOWN_NOISE, verdictOf } from "../src/claims.ts";
import type { Row } from "../src/rows.ts";

const row = (fields: Partial<Row> & Pick<Row, "experiment" | "api">, median: number, spread = 0.02): Row => ({
  id: "x",
  runtime: "Node",
  runtimeId: "node20",
  runtimeVersion: "20.20.2",
  kind: "thread",
  workers: 2,
  tasks: 2,
  repetitions: 3,
  ms: { median, min: median, max: median },
  spread,
  ...fields,
});

describe("verdictOf", () => {
  it("says ✓ above 1 beyond the noise, ✗ below it, tie within it either way", () => {
    expect(verdictOf(1.2, 0.1).verdict).toBe("✓");
    expect(verdictOf(0.8, 0.1).verdict).toBe("✗");
    expect(verdictOf(1.08, 0.1).verdict).toBe("tie");
    expect(verdictOf(1 / 1.08, 0.1).verdict).toBe("tie");
    expect(verdictOf(0.5, 0.1)).toEqual({ verdict: "✗", ratio: 0.5, noise: 0.1 });
  });
});

describe("buildMatrix", () => {
  const rows: Row[] = [
    row({ experiment: "article", api: "Process" }, 50),
    row({ experiment: "article", api: "Pool" }, 100),
    row({ experiment: "creation", api: "Process" }, 40, 0.2),
    row({ experiment: "creation", api: "Pool" }, 44, 0.05),
    row({ experiment: "memory", api: "Process", repetitions: 1, peakRssMiB: 300 }, 900, null as never),
    row({ experiment: "memory", api: "Pool", repetitions: 1, peakRssMiB: 100 }, 900, null as never),
    row({ experiment: "io-bound", api: "Process", repetitions: 1 }, 800),
    row(
      { experiment: "io-bound", api: "Pool", repetitions: 1, concurrency: 1, variant: "concurrency 1" },
      400,
    ),
    row(
      { experiment: "io-bound", api: "Pool", repetitions: 1, concurrency: 8, variant: "concurrency 8" },
      200,
    ),
    row(
      { experiment: "article", api: "Process", runtime: "Python", runtimeId: "python", kind: "process" },
      6,
    ),
  ];
  const matrix = buildMatrix(rows);

  it("has a column per runtime and kind, in the rows' order", () => {
    expect(matrix.columns.map((c) => c.key)).toEqual(["node20/thread", "python/process"]);
  });

  it("puts each claim's figure and verdict in its cell", () => {
    const node = (id: keyof typeof matrix.cells) => matrix.cells[id]["node20/thread"];
    expect(node("article")).toEqual({ verdict: "✓", ratio: 2, noise: 0.03 });
    // 1.1× is within the Process cell's spread of ±20%.
    expect(node("creation")).toMatchObject({ verdict: "tie", ratio: 1.1, noise: 0.2 });
    expect(node("memory")).toEqual({ verdict: "✓", ratio: 3, noise: UNKNOWN_NOISE });
    expect(node("io")).toEqual({ verdict: "✗", ratio: 0.5, noise: UNKNOWN_NOISE });
    expect(node("io-concurrency")).toMatchObject({ verdict: "✗", ratio: 0.25 });
  });

  it("leaves a cell empty where one side of the comparison was not measured", () => {
    expect(matrix.cells.article["python/process"]).toBeNull(); // no Python Pool row
    expect(matrix.cells.memory["python/process"]).toBeNull();
  });
});
