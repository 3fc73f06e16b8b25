// The packages a release publishes: every packages/*/package.json that is not private.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** @returns {{ name: string, dir: string, version: string }[]} sorted by name */
export function publicPackages(root) {
  const base = join(root, "packages");
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, "package.json")))
    .map((entry) => {
      const dir = join(base, entry.name);
      const manifest = readJson(join(dir, "package.json"));
      return { name: manifest.name, dir, version: manifest.version, private: manifest.private === true };
    })
    .filter((pkg) => !pkg.private)
    .map(({ name, dir, version }) => ({ name, dir, version }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}
