// The Bun adapter's worker entries reach users as Bun bytecode (package.json
// "multiproc.bunBytecode"): strict CommonJS files marked for Bun, their bytecode beside them, in
// the tarball as packed. The programs in user-programs.test.ts start workers on both under Bun.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";

const bun = inject("packed").find((p) => p.name === "@multiproc/bun");

describe("@multiproc/bun's worker entries, as packed", () => {
  it.for(["thread-entry", "process-entry"])(
    "dist/%s.js is Bun bytecode, with its .jsc beside it",
    async (name) => {
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
    },
  );
});
