// A library package's build: tsc emits dist/ from src/ (tsconfig.build.json), then relative
// imports in the emitted .d.ts files get the .js extension their .js twins already have. tsc
// rewrites `./x.ts` to `./x.js` in JavaScript but leaves declarations as written, which Deno and
// older TypeScript settings cannot resolve once the package is installed. Last, the worker
// entries the package lists are bundled (see bundle-entries.ts), and for Bun's adapter compiled
// to bytecode (see bun-bytecode.ts); or its public entries are (see bundle-exports.ts).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { compileBunBytecode } from "./bun-bytecode.ts";
import { type BundleSettings, bundleEntries } from "./bundle-entries.ts";
import { bundleExports, type ExportsMap } from "./bundle-exports.ts";

const relativeTs = /(from\s+|import\(\s*)(["'])(\.{1,2}\/[^"']+?)\.([cm]?)ts\2/g;

/** The declaration text with every relative `.ts`/`.mts`/`.cts` import given its `.js` twin. */
export function withJsImports(declaration: string): string {
  return declaration.replace(
    relativeTs,
    (_match, lead: string, quote: string, path: string, flavour: string) =>
      `${lead}${quote}${path}.${flavour}js${quote}`,
  );
}

/** Rewrites the .d.ts files under `dir`; returns how many changed. */
export function rewriteDeclarations(dir: string): number {
  let rewritten = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.d\.[cm]?ts$/.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const before = readFileSync(file, "utf8");
    const after = withJsImports(before);
    if (after !== before) {
      writeFileSync(file, after);
      rewritten++;
    }
  }
  return rewritten;
}

async function main(): Promise<void> {
  // The package's own TypeScript (or the workspace's), found as `import` would find it from here.
  const tsc = createRequire(join(process.cwd(), "package.json")).resolve("typescript/bin/tsc");
  // A fresh dist/: a file moved or removed in src/ must not live on in the packed tarball.
  rmSync("dist", { recursive: true, force: true });
  const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
  console.log(`built dist/ (${rewriteDeclarations("dist")} declaration files given .js imports)`);
  const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
    exports?: ExportsMap;
    multiproc?: BundleSettings & { bundleExports?: boolean };
  };
  const entries = manifest.multiproc?.bundle ?? [];
  if (manifest.multiproc?.bundleExports) {
    // Worker entries' lazy imports point at files tsc emitted, which bundleExports removes.
    if (entries.length)
      throw new Error("multiproc.bundleExports and multiproc.bundle together: not supported");
    if (!manifest.exports) throw new Error("multiproc.bundleExports: package.json has no exports map");
    console.log(`bundled ${(await bundleExports(manifest.exports)).join(", ")}`);
    return;
  }
  if (entries.length === 0) return;
  const bundled = await bundleEntries(entries);
  console.log(`bundled ${bundled.join(", ")}`);
  const bytecode = manifest.multiproc?.bunBytecode ?? [];
  const unknown = bytecode.filter((entry) => !entries.includes(entry));
  if (unknown.length)
    throw new Error(`multiproc.bunBytecode names what bundle does not: ${unknown.join(", ")}`);
  const compiled = bundled.filter((_, i) => bytecode.includes(entries[i] ?? ""));
  if (compiled.length) console.log(`bytecode ${compileBunBytecode(compiled).join(", ")}`);
}

await main();
