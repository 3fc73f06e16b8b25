// A source folder's files import each other in one direction only: a cycle makes load order (and
// what is still undefined while a module loads) depend on which file is imported first, and, even
// between types only, says two files share one job. Packages' tests call importCycles() on their
// src/ and expect none.
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** File → the files it imports, as paths relative to the source folder ("report/table.ts"). */
export type ImportGraph = Map<string, string[]>;

const sourceFile = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
// `import … from "./x"`, `import type … from`, `export … from`, `import "./x"`: relative ones only.
const importFrom = /(?:^|[;}\s])(?:import|export)\s+(?:[^;"'`]*?\sfrom\s*)?["'](\.\.?\/[^"']+)["']/g;

/**
 * The relative imports of every source file under `srcDir`, its subfolders included. With
 * `{ types: false }`, imports of types only (`import type …`) are left out: they are erased
 * before anything loads, so they cannot make a load-order cycle.
 */
export function importGraph(srcDir: URL | string, options: { types?: boolean } = {}): ImportGraph {
  const types = options.types ?? true;
  const root = typeof srcDir === "string" ? srcDir : fileURLToPath(srcDir);
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => sourceFile.test(f) && !f.endsWith(".d.ts"))
    .map((f) => f.split(sep).join("/"))
    .sort();
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const code = readFileSync(join(root, file), "utf8");
    const targets = [...code.matchAll(importFrom)]
      .filter((m) => types || !/^\W?(?:import|export)\s+type\s/.test(m[0]))
      .map((m) => posix.normalize(posix.join(posix.dirname(file), m[1] as string)));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Each cycle found, as "a.ts -> b.ts -> a.ts"; empty when the imports go one way only. */
export function importCycles(graph: ImportGraph): string[] {
  const done = new Set<string>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]) => {
    const at = path.indexOf(file);
    if (at >= 0) {
      cycles.push([...path.slice(at), file].join(" -> "));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}
