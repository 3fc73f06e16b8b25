// Core's files import each other in one direction only: a cycle would make load order (and what
// is undefined while a module loads) depend on which file is imported first.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const srcDir = new URL("../src/", import.meta.url);

function importsOf(file: string): string[] {
  const code = readFileSync(new URL(file, srcDir), "utf8");
  return [...code.matchAll(/(?:import|export)\s[^;]*?from\s+["']\.\/([^"']+)["']/g)].map(
    (m) => m[1] as string,
  );
}

describe("@multiproc/core source", () => {
  it("has no import cycle", () => {
    const files = readdirSync(srcDir).filter((f) => f.endsWith(".ts"));
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
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
    expect(graph.get("task-server.ts")).toContain("reply-batcher.ts"); // the pattern sees imports
    expect(cycles).toEqual([]);
  });
});
