// packages/core must run anywhere: no node:* import, no Deno or Bun global in its source.
import { describe, expect, it } from "vitest";
import { codeOf, sourceFiles } from "./source-files.ts";

describe("@multiproc/core source", () => {
  it("imports nothing runtime-specific", () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(10);
    expect(files).toContain("worker/task-server.ts"); // the walk reaches the folders
    for (const file of files) {
      const code = codeOf(file);
      expect(code, file).not.toMatch(/from\s+["']node:|import\(\s*["']node:|\bDeno\.|\bBun\./);
      expect(code, file).not.toMatch(/(?<!["'./\w])process\.[a-z]|\brequire\(/);
    }
  });
});
