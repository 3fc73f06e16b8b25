// packages/core must run anywhere: no node:* import, no Deno or Bun global in its source.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const srcDir = new URL("../src/", import.meta.url);

describe("@multiproc/core source", () => {
  it("imports nothing runtime-specific", () => {
    const files = readdirSync(srcDir).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      // Code only: comments may well speak of process.exit() or Deno.
      const code = readFileSync(new URL(file, srcDir), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
      expect(code, file).not.toMatch(/from\s+["']node:|import\(\s*["']node:|\bDeno\.|\bBun\./);
      expect(code, file).not.toMatch(/(?<!["'./\w])process\.[a-z]|\brequire\(/);
    }
  });
});
