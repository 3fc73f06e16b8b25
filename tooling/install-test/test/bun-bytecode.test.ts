// The Bun adapter's thread entry reaches users as Bun bytecode (package.json
// "multiproc.bunBytecode"): a strict CommonJS file marked for Bun, its bytecode beside it, in the
// tarball as packed; the process entry stays an ES module. The programs in user-programs.test.ts
// start workers on both under Bun.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";

const bun = inject("packed").find((p) => p.name === "@multiproc/bun");

describe("@multiproc/bun's worker entries, as packed", () => {
  it.for(["thread-entry"])("dist/%s.js is Bun bytecode, with its .jsc beside it", async (name) => {
    if (!bun) throw new Error("@multiproc/bun was not packed");
    const file = join(bun.unpacked, "dist", `${name}.js`);
    const text = await readFile(file, "utf8");
    const [pragma, wrapper] = text.split("\n", 2);
    expect(pragma).toBe("// @bun @bytecode @bun-cjs");
    // strict, as the ES module it was compiled from
    expect(wrapper).toMatch(/^\(function\([^)]*\) \{"use strict";$/);
    expect((await stat(`${file}.jsc`)).size).toBeGreaterThan(10_000);
    // no source map: Bun would map stack frames into a bundle the package does not ship
    expect(text).not.toContain("sourceMappingURL");
    await expect(stat(`${file}.map`)).rejects.toThrow(/ENOENT/);
  });

  it("dist/process-entry.js stays an ES module, with no bytecode", async () => {
    if (!bun) throw new Error("@multiproc/bun was not packed");
    const file = join(bun.unpacked, "dist", "process-entry.js");
    expect(await readFile(file, "utf8")).not.toMatch(/^\/\/ @bun/);
    await expect(stat(`${file}.jsc`)).rejects.toThrow(/ENOENT/);
  });
});
