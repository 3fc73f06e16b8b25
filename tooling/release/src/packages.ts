// The packages a release publishes: every package.json under packages/ and tooling/ that is not
// private (tooling/runtimes, the test runner an adapter author installs, is one).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A package the release versions and packs. */
export interface PublicPackage {
  name: string;
  dir: string;
  version: string;
}

/** The folders that hold publishable packages, relative to the root. */
export const publishedGroups = ["packages", "tooling"];

/** Every public package under the groups, sorted by name. */
export function publicPackages(root: string): PublicPackage[] {
  return publishedGroups
    .flatMap((group) => {
      const base = join(root, group);
      if (!existsSync(base)) return [];
      return readdirSync(base, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, "package.json")))
        .map((entry) => join(base, entry.name));
    })
    .map((dir) => ({ dir, manifest: readJson(join(dir, "package.json")) as Manifest }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir, version: manifest.version }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The fields of a package.json the release reads. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  [field: string]: unknown;
}

/** A JSON file, parsed; its shape is the caller's to check. */
export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}
