// Packs every public package of the workspace with `pnpm pack` (which applies publishConfig and
// replaces workspace:* ranges, as publishing would) and unpacks each tarball for inspection.
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { workspaceRoot } from "@multiproc/runtimes";
import { cleanEnv } from "./clean-env.ts";
import { runOrThrow } from "./run-command.ts";

export interface PackedPackage {
  name: string;
  /** The package's folder in the workspace. */
  source: string;
  tarball: string;
  /** The tarball's contents, unpacked: its package.json and files are here. */
  unpacked: string;
}

const pnpm = ["-y", "pnpm@12.4.2"];

/** packages/* and tooling/* that are not private: the ones a user can install (tooling/runtimes, the test runner, is one). */
export async function publicPackages(): Promise<{ name: string; source: string }[]> {
  const found = [];
  for (const group of ["packages", "tooling"]) {
    const root = join(workspaceRoot, group);
    for (const dir of (await readdir(root)).sort()) {
      const manifest = await readFile(join(root, dir, "package.json"), "utf8").catch(() => null);
      if (manifest === null) continue;
      const { name, private: isPrivate } = JSON.parse(manifest) as { name: string; private?: boolean };
      if (!isPrivate) found.push({ name, source: join(root, dir) });
    }
  }
  return found;
}

export async function packAll(destination: string): Promise<PackedPackage[]> {
  const packages = await publicPackages();
  return Promise.all(packages.map((pkg) => packOne(pkg, destination)));
}

async function packOne(pkg: { name: string; source: string }, destination: string): Promise<PackedPackage> {
  const options = { cwd: pkg.source, env: cleanEnv(), timeoutMs: 60_000 };
  const { stdout } = await runOrThrow(
    "npx",
    [...pnpm, "pack", "--json", "--pack-destination", destination],
    options,
  );
  const { filename } = JSON.parse(stdout.slice(stdout.indexOf("{"))) as { filename: string };
  const unpacked = join(destination, "unpacked", pkg.name.replace("/", "+"));
  await mkdir(unpacked, { recursive: true });
  await runOrThrow("tar", ["-xzf", filename, "-C", unpacked], { ...options, timeoutMs: 30_000 });
  // npm tarballs keep everything under package/
  return { ...pkg, tarball: filename, unpacked: join(unpacked, "package") };
}
