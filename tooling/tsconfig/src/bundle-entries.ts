// Worker entries, bundled: each entry a package lists (package.json "multiproc.bundle") becomes
// one self-contained dist/<name>.js holding all it imports statically, the package's own files
// and core's worker side, in place of the file tsc emitted. A fresh worker then loads one module
// instead of a dozen resolved one by one (about 3 ms against 1 ms on Node 20). A relative
// `import()` stays a file of its own, loaded only when that code runs: the package's own (Node's
// tsx registration) is the file tsc emitted; core's (talk objects' revival) becomes a chunk in
// dist/chunks/, so a worker that never gets a Queue or a Lock never loads their code.
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";
import { sharedSettings } from "./esbuild-settings.ts";

const typescriptExtension = /\.([cm]?)tsx?$/;

/** The settings a package gives in package.json under "multiproc". */
export interface BundleSettings {
  /** Source files (relative to the package), each bundled into its dist/ twin. */
  bundle?: string[];
  /** Of those, the ones compiled to Bun's bytecode (the Bun adapter's; see bun-bytecode.ts). */
  bunBytecode?: string[];
}

/** Bundles each entry over its tsc output; returns the files written. */
export async function bundleEntries(entries: readonly string[], srcDir = "src", outDir = "dist") {
  const written: string[] = [];
  for (const entry of entries) {
    const source = relative(srcDir, entry);
    if (source.startsWith("..")) throw new Error(`bundle entry ${entry} is not under ${srcDir}/`);
    const outFile = join(outDir, source).replace(typescriptExtension, ".$1js");
    const name = basename(outFile).replace(/\.[cm]?js$/, "");
    const { metafile } = await build({
      // One build per entry: built together, what two entries share would become a chunk that
      // each loads at start. Alone, an entry's chunks are only what it imports lazily (and
      // what those share with it: see packages/core/src/worker/live-args.ts).
      entryPoints: { [name]: entry },
      outdir: dirname(outFile),
      ...sharedSettings,
      // Debuggers see the sources; core's are not in this package, so their text goes in the map.
      sourcesContent: true,
      plugins: [lazyRelativeImports(resolve(srcDir), dirname(resolve(outFile)), resolve(outDir))],
    });
    refuseStartChunks(outFile, metafile);
    written.push(outFile);
  }
  return written;
}

/**
 * Fails the build when the entry imports a chunk statically: a module both the entry and a lazy
 * chunk import goes to a shared chunk, one more file at every worker's start.
 */
function refuseStartChunks(outFile: string, metafile: Metafile): void {
  const output = metafile.outputs[outFile.split(sep).join("/")];
  if (!output) throw new Error(`esbuild wrote no ${outFile}`);
  const shared = output.imports.filter((i) => i.kind === "import-statement" && !i.external);
  if (shared.length === 0) return;
  const modules = shared.flatMap((i) => Object.keys(metafile.outputs[i.path]?.inputs ?? {}));
  throw new Error(
    `${outFile} loads ${shared.map((i) => i.path).join(", ")} at start: ${modules.join(", ")} imported both at start and lazily`,
  );
}

/**
 * A relative `import()` of the package's own is left as it is, pointed at the dist/ file tsc
 * emitted for it: what an entry loads only sometimes must not weigh on every worker's start. One
 * from core's dist/ (outside the package) is left to esbuild, which splits it into a chunk.
 */
function lazyRelativeImports(srcRoot: string, outFileDir: string, outRoot: string): Plugin {
  return {
    name: "lazy-relative-imports",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== "dynamic-import") return undefined;
        if (relative(srcRoot, args.importer).startsWith("..")) return undefined; // core's: a chunk
        const target = resolve(args.resolveDir, args.path);
        const fromSrc = relative(srcRoot, target);
        if (fromSrc.startsWith("..")) throw new Error(`${args.path} (from ${args.importer}) is outside src/`);
        const built = join(outRoot, fromSrc).replace(typescriptExtension, ".$1js");
        const path = relative(outFileDir, built).split(sep).join("/");
        return { path: path.startsWith(".") ? path : `./${path}`, external: true };
      });
    },
  };
}
