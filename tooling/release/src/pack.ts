// Packs a package as it would be published (pnpm applies publishConfig and replaces workspace:
// ranges) and reads back the package.json inside the tarball: what npm users will install.
import { statSync } from "node:fs";
import type { PublicPackage } from "./packages.ts";
import type { Pnpm } from "./pnpm.ts";
import { run } from "./run.ts";

/** Packs `pkg` into `destination`; returns the tarball's path and its size in bytes. */
export function packPackage(
  pkg: PublicPackage,
  destination: string,
  pnpm: Pnpm,
): { tarball: string; size: number } {
  const out = pnpm(["pack", "--json", "--pack-destination", destination], pkg.dir);
  // pnpm may print lifecycle output before the JSON: read from the first "{".
  const { filename } = JSON.parse(out.slice(out.indexOf("{"))) as { filename: string };
  return { tarball: filename, size: statSync(filename).size };
}

/** The package.json inside a packed tarball. */
export function packedManifest(tarball: string): Record<string, unknown> {
  return JSON.parse(run("tar", ["-xzOf", tarball, "package/package.json"]));
}
