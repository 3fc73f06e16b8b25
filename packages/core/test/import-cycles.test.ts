// Core's files import each other in one direction only: a cycle would make load order (and what
// is undefined while a module loads) depend on which file is imported first.
import { importCycles, importGraph } from "@multiproc/import-cycles";
import { describe, expect, it } from "vitest";

describe("@multiproc/core source", () => {
  it("has no import cycle", () => {
    const graph = importGraph(new URL("../src/", import.meta.url));
    expect(graph.get("task-server.ts")).toContain("reply-batcher.ts"); // the pattern sees imports
    expect(importCycles(graph)).toEqual([]);
  });
});
