// Core's files import each other in one direction only: a cycle would make load order (and what
// is undefined while a module loads) depend on which file is imported first.
import { describe, expect, it } from "vitest";
import { importsOf, sourceFiles } from "./source-files.ts";

// Type-only imports are erased before anything loads: they cannot make a load-order cycle.
const valueImportsOf = (file: string) => importsOf(file, { types: false });

describe("@multiproc/core source", () => {
  it("has no import cycle", () => {
    const files = sourceFiles();
    const graph = new Map(files.map((f) => [f, valueImportsOf(f)]));
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (path.includes(file)) {
        cycles.push([...path.slice(path.indexOf(file)), file].join(" -> "));
        return;
      }
      if (done.has(file)) return;
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      done.add(file);
    };
    for (const file of files) visit(file, []);
    expect(graph.get("worker/task-server.ts")).toContain("worker/reply-batcher.ts"); // the pattern sees imports
    expect(cycles).toEqual([]);
  });
});
