import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles, importGraph } from "../src/import-cycles.ts";

/** A source folder made of these files. */
function sourceFolder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "multiproc-import-cycles-"));
  for (const [name, code] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), code);
  }
  return root;
}

describe("importGraph", () => {
  it("reads every form of relative import, in subfolders too, and nothing else", () => {
    const root = sourceFolder({
      "a.ts": [
        'import { b } from "./b.ts";',
        'import type { C } from "./sub/c.ts";',
        "import {\n  d,\n  type D,\n} from './d.ts';",
        'import "./e.ts";',
        'export * from "./f.ts";',
        'export { g } from "./g.ts";',
        'import { readFileSync } from "node:fs";',
        'import { describe } from "vitest";',
        'const later = () => import("./lazy.ts");',
        'export const label = "./not-an-import.ts";',
      ].join("\n"),
      "sub/c.ts": 'import type { A } from "../a.ts";\nimport { x } from "./x.ts";\n',
      "types.d.ts": 'import "./a.ts";\n',
    });
    const graph = importGraph(root);
    expect([...graph.keys()]).toEqual(["a.ts", "sub/c.ts"]);
    expect(graph.get("a.ts")).toEqual(["b.ts", "sub/c.ts", "d.ts", "e.ts", "f.ts", "g.ts"]);
    expect(graph.get("sub/c.ts")).toEqual(["a.ts", "sub/x.ts"]);
    // Without types: `import type` is gone, an import of values and types together stays.
    const values = importGraph(root, { types: false });
    expect(values.get("a.ts")).toEqual(["b.ts", "d.ts", "e.ts", "f.ts", "g.ts"]);
    expect(values.get("sub/c.ts")).toEqual(["sub/x.ts"]);
  });
});

describe("importCycles", () => {
  it("finds a cycle through a subfolder, a type-only import included", () => {
    const root = sourceFolder({
      "results.ts": 'import type { Target } from "./report/targets.ts";\n',
      "report/targets.ts": 'import type { Row } from "../rows/row.ts";\n',
      "rows/row.ts": 'import type { Results } from "../results.ts";\n',
      "run.ts": 'import { results } from "./results.ts";\n',
    });
    expect(importCycles(importGraph(root))).toEqual([
      "report/targets.ts -> rows/row.ts -> results.ts -> report/targets.ts",
    ]);
  });

  it("finds none where imports go one way, however many files share an import", () => {
    const root = sourceFolder({
      "a.ts": 'import "./b.ts";\nimport "./c.ts";\n',
      "b.ts": 'import "./c.ts";\n',
      "c.ts": "export const c = 1;\n",
    });
    expect(importCycles(importGraph(root))).toEqual([]);
  });

  it("finds a file importing itself, and each of two separate cycles", () => {
    const graph = new Map([
      ["a.ts", ["a.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["b.ts"]],
    ]);
    expect(importCycles(graph)).toEqual(["a.ts -> a.ts", "b.ts -> c.ts -> b.ts"]);
  });
});
