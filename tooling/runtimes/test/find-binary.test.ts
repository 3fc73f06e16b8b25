// The look-ups on made-up searches: a folder holding fake binaries (small scripts answering
// --version), so what is found, skipped or reported missing does not depend on this machine.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findNode, findTool, type Search } from "../src/find-binary.ts";

const root = mkdtempSync(join(tmpdir(), "multiproc-find-"));

/** An executable at `dir/name` that prints `version` for --version. */
function fakeBinary(dir: string, name: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho "${version}"\n`);
  chmodSync(file, 0o755);
  return file;
}

const search = (over: Partial<Search>): Search => ({ env: {}, folders: [], path: [], ...over });

describe("findNode", () => {
  const node22 = fakeBinary(join(root, "n22"), "node", "v22.1.0");
  const node20 = fakeBinary(join(root, "n20"), "node", "v20.19.1");

  it("takes the first node on PATH of the major asked for, passing others by", () => {
    const found = findNode(20, search({ path: [join(root, "n22"), join(root, "n20")] }));
    expect(found.binary).toBe(node20);
  });

  it("takes MULTIPROC_NODE<major> first", () => {
    const found = findNode(22, search({ env: { MULTIPROC_NODE22: node22 }, path: [join(root, "n20")] }));
    expect(found.binary).toBe(node22);
  });

  it("finds Node 24 in a @multiproc/node24 beside the project", () => {
    const project = join(root, "project");
    const node24 = fakeBinary(
      join(project, "node_modules/@multiproc/node24/node_modules/.bin"),
      "node",
      "v24.21.0",
    );
    expect(findNode(24, search({ folders: [project] })).binary).toBe(node24);
  });

  it("reports a missing major with the versions it saw and the variable to set", () => {
    const found = findNode(24, search({ path: [join(root, "n20"), join(root, "nowhere")] }));
    expect(found.binary).toBeNull();
    expect(found.searched).toContain(`${node20} is 20.19.1`);
    expect(found.searched).toContain("set MULTIPROC_NODE24 to a Node 24 binary");
  });
});

describe("findTool", () => {
  it("finds deno in node_modules/.bin of the nearest folder that has it", () => {
    const deno = fakeBinary(join(root, "ws/node_modules/.bin"), "deno", "deno 2.9.6");
    expect(findTool("deno", search({ folders: [join(root, "ws/pkg"), join(root, "ws")] })).binary).toBe(deno);
  });

  it("falls back to PATH, and reports where it looked when there is none", () => {
    const bun = fakeBinary(join(root, "bin"), "bun", "1.4.5");
    expect(findTool("bun", search({ path: [join(root, "bin")] })).binary).toBe(bun);
    const missing = findTool("bun", search({ folders: [join(root, "empty")] }));
    expect(missing).toEqual({
      binary: null,
      searched: expect.stringMatching(/^no bun in \$MULTIPROC_BUN, .*empty or above, or on PATH/),
    });
  });
});
