// The user project sees the packages only as npm installed them from the tarballs: real folders
// (not links into the workspace), with exactly the tarballs' files, one copy each, and no
// node_modules above the project through which the workspace could be reached.
import { lstat, readdir, readFile, realpath } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { workspaceRoot } from "@multiproc/runtimes";
import { describe, expect, inject, it } from "vitest";

const packed = inject("packed");
const userProject = inject("userProject");
const nodeModules = join(userProject, "node_modules");

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/** Every `<name>` folder under any node_modules/@multiproc in the project, nested ones included. */
async function installedMultiprocFolders(): Promise<string[]> {
  const entries = await readdir(nodeModules, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.parentPath.endsWith(`${sep}node_modules${sep}@multiproc`))
    .map((entry) => relative(nodeModules, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

describe("the user project", () => {
  it("is outside the workspace, with no node_modules above it", async () => {
    expect(relative(workspaceRoot, userProject).startsWith("..")).toBe(true);
    const above = [];
    for (let dir = dirname(userProject); dir !== dirname(dir); dir = dirname(dir)) {
      const found = await lstat(join(dir, "node_modules")).catch(() => null);
      if (found) above.push(join(dir, "node_modules"));
    }
    expect(above).toEqual([]);
  });

  it("holds one installed copy of each package, none nested", async () => {
    const names = packed.map((p) => p.name).sort();
    expect(await installedMultiprocFolders()).toEqual(names);
  });

  it.for(packed)("has $name as a real folder with exactly the tarball's files", async (pkg) => {
    const installed = join(nodeModules, pkg.name);
    const stat = await lstat(installed);
    expect(stat.isSymbolicLink()).toBe(false);
    expect(stat.isDirectory()).toBe(true);
    expect(await realpath(installed)).toBe(installed);
    const files = await filesUnder(installed);
    expect(files).toEqual(await filesUnder(pkg.unpacked));
    for (const file of files) expect((await lstat(join(installed, file))).isSymbolicLink(), file).toBe(false);
    expect(await readFile(join(installed, "package.json"), "utf8")).toBe(
      await readFile(join(pkg.unpacked, "package.json"), "utf8"),
    );
  });
});
