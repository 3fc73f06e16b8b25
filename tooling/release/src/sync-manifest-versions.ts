// changesets bumps package.json only; a package's JSR manifest (packages/*/jsr.json) must carry
// the same version. The version is replaced in place so the file keeps its formatting.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readJson } from "./packages.ts";

/** Sets each jsr.json "version" to its package.json's; returns the files changed. */
export function syncJsrVersions(packages: { dir: string }[]): string[] {
  const changed: string[] = [];
  for (const { dir } of packages) {
    const file = join(dir, "jsr.json");
    if (!existsSync(file)) continue;
    const { version } = readJson(join(dir, "package.json")) as { version: string };
    if ((readJson(file) as { version?: string }).version === version) continue;
    const text = readFileSync(file, "utf8");
    const updated = text.replace(/("version"\s*:\s*")[^"]*(")/, `$1${version}$2`);
    if (JSON.parse(updated).version !== version) throw new Error(`${file}: no top-level "version" to set`);
    writeFileSync(file, updated);
    changed.push(file);
  }
  return changed;
}
