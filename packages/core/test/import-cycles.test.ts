// Core's files import each other in one direction only: a cycle would make load order (and what
// is undefined while a module loads) depend on which file is imported first.
import { importCycles, importGraph } from "@multiproc/import-cycles";
import { describe, expect, it } from "vitest";

describe("@multiproc/core source", () => {
  it("has no import cycle", () => {
    // Type-only imports are erased before anything loads: they cannot make a load-order cycle.
    const graph = importGraph(new URL("../src/", import.meta.url), { types: false });
    expect(graph.get("worker/task-server.ts")).toContain("worker/reply-batcher.ts"); // the pattern sees imports
    expect(importCycles(graph)).toEqual([]);
  });
});
