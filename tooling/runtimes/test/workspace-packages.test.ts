import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pnpmPackagesList, workspacePackageDirs } from "../src/workspace-packages.ts";

describe("workspace package folders", () => {
  it("reads pnpm-workspace.yaml's packages list and stops at the next key", () => {
    const yaml =
      "packages:\n  - packages/*\n  - 'apps/*'\n\n  # a comment\n  - examples\n\nallowBuilds:\n  deno: true\n";
    expect(pnpmPackagesList(yaml)).toEqual(["packages/*", "apps/*", "examples"]);
  });

  it("expands dir/* into its folders, sorted, in the patterns' order", () => {
    const root = mkdtempSync(join(tmpdir(), "multiproc-ws-"));
    for (const dir of ["packages/b", "packages/a", "tooling/x"])
      mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(
      join(root, "package.json"),
      JSON.stringify({ workspaces: ["tooling/*", "packages/*", "examples"] }),
    );
    expect(workspacePackageDirs(root)).toEqual(["tooling/x", "packages/a", "packages/b", "examples"]);
  });
});
