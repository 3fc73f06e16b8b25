// The bench's files import each other in one direction only, subfolders included: a cycle would
// make load order depend on which file is imported first, and says two files share one job.
import { importCycles, importGraph } from "@multiproc/import-cycles";
import { describe, expect, it } from "vitest";

describe("apps/bench source", () => {
  it("has no import cycle", () => {
    const graph = importGraph(new URL("../src/", import.meta.url));
    expect(graph.get("rows/row-source.ts")).toContain("results.ts"); // the pattern sees "../" imports
    expect(importCycles(graph)).toEqual([]);
  });
});
