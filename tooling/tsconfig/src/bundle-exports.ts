// A package's public entries, bundled (package.json "multiproc.bundleExports": true): each file
// its "exports" map names in dist/ is rebuilt from its src/ twin by one esbuild run, with what two
// entries share split into dist/chunks/, in place of the dozens of files tsc emitted. A program
// that imports the package then loads a handful of modules instead of ~90 resolved one by one
// (core and its adapter entry: about 10 ms instead of 31 on Node 20). One run for every entry
// keeps one copy of each module, so a class is the same whichever entry a user imports it from.
// tsc's other .js files go: nothing may load them, or it would hold second copies of those
// classes. Their declarations stay, for the entries' .d.ts files import them.
import { readdirSync, rmSync } from "node:fs";
import { join, sep } from "node:path";
import { build } from "esbuild";
import { sharedSettings } from "./esbuild-settings.ts";

interface ExportTarget {
  types?: string;
  default?: string;
}

/** A package.json "exports" map: subpath → its targets (or a plain path, as for ./package.json). */
export type ExportsMap = Record<string, ExportTarget | string>;

/**
 * The entries of a package.json "exports" map as esbuild entry points: output name (its path in
 * dist/, no extension) → source file. Each entry names its source as "types" and its build as
 * "default", as every package here does.
 */
export function exportEntries(exportsMap: ExportsMap): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (typeof target === "string") continue; // ./package.json
    const { types, default: built } = target;
    if (!types?.startsWith("./src/") || !built?.startsWith("./dist/") || !built.endsWith(".js")) {
      throw new Error(
        `exports["${subpath}"]: bundleExports needs "types": "./src/…" and "default": "./dist/….js"`,
      );
    }
    entries[built.slice("./dist/".length, -".js".length)] = types;
  }
  return entries;
}

/** Bundles the package's exports over tsc's output in `outDir`; returns the entries written. */
export async function bundleExports(exportsMap: ExportsMap, outDir = "dist"): Promise<string[]> {
  const entryPoints = exportEntries(exportsMap);
  const { metafile } = await build({
    entryPoints,
    outdir: outDir,
    ...sharedSettings,
    // The package's dependencies stay imports: a user's program shares one copy with it.
    packages: "external",
    // Maps point at src/, which the package ships.
    sourcesContent: false,
  });
  const written = new Set(Object.keys(metafile.outputs).map((file) => file.split("/").join(sep)));
  removeUnbundled(outDir, written);
  return Object.keys(entryPoints).map((name) => join(outDir, `${name}.js`));
}

/** Deletes the .js files (and their maps) under `dir` that the bundle did not write. */
function removeUnbundled(dir: string, written: ReadonlySet<string>): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.js(\.map)?$/.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const js = file.replace(/\.map$/, "");
    if (!written.has(js)) rmSync(file);
  }
}
