// The Bun adapter's worker entries reach users as Bun bytecode (package.json
// "multiproc.bunBytecode"): each is a CommonJS file marked for Bun, its bytecode beside it, in the
// tarball as packed. The programs in user-programs.test.ts start workers on them under Bun.
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
      expect(text.split("\n", 1)[0]).toBe("// @bun @bytecode @bun-cjs");
      expect((await stat(`${file}.jsc`)).size).toBeGreaterThan(10_000);
      // its map carries the bundle it was compiled from, under a name of its own
      const map = JSON.parse(await readFile(`${file}.map`, "utf8")) as {
        sources: string[];
        sourcesContent: string[];
      };
      expect(map.sources).toEqual([`${name}.esm.js`]);
      expect(map.sourcesContent[0]).toContain("serveFlushed");
    },
  );
});
