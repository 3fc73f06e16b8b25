// Packs a package as it would be published (pnpm applies publishConfig and replaces workspace:
// ranges) and reads back the package.json inside the tarball: what npm users will install.
import { statSync } from "node:fs";
import { run } from "./run.mjs";

/** @returns {{ tarball: string, size: number }} the tarball's path and its size in bytes */
export function packPackage(pkg, destination, pnpm) {
  const out = pnpm(["pack", "--json", "--pack-destination", destination], pkg.dir);
  // pnpm may print lifecycle output before the JSON: read from the first "{".
  const { filename } = JSON.parse(out.slice(out.indexOf("{")));
  return { tarball: filename, size: statSync(filename).size };
}

/** The package.json inside a packed tarball. */
export function packedManifest(tarball) {
  return JSON.parse(run("tar", ["-xzOf", tarball, "package/package.json"]));
}
