// The demo's files import each other in one direction only, subfolders included: a cycle would
// make load order depend on which file is imported first, and says two files share one job.
import { importCycles, importGraph } from "@multiproc/import-cycles";
import { describe, expect, it } from "vitest";

describe("apps/demo source", () => {
  it("has no import cycle", () => {
    const graph = importGraph(new URL("../src/", import.meta.url));
    expect(graph.get("report/html.ts")).toContain("claims.ts"); // the pattern sees "../" imports
    expect(importCycles(graph)).toEqual([]);
  });
});
