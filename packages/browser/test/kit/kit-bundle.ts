// Builds what the page needs to run the conformance kit (into a fresh temp folder, served at
// /kit/): the kit with its vitest calls going to vitest-shim.ts (dist/kit.js; the packages stay
// external, found by the page's import map, so kit and adapter share one core), and the web
// host's task module bundled with core's task API (a Web Worker has no import map). The kit's
// other fixtures are served as they are, at /conformance/fixtures/ (see CONFORMANCE_ROUTE).
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const conformance = here("../../../conformance/");

/** Where the page finds the conformance package's files as they are (its fixtures). */
export const CONFORMANCE_ROUTE = { "/conformance/fixtures/": join(conformance, "fixtures/") };

/**
 * Each kit source file's import.meta.url made the URL it would have, served under /conformance/:
 * bundled, every file would have the bundle's, and the fixtures it names relative to itself
 * (from src/ or src/suites/) would be looked for in the wrong place.
 */
const servedAsItIs: Plugin = {
  name: "conformance-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /[\\/]conformance[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const path = `/conformance/${relative(conformance, args.path).split(sep).join("/")}`;
      const source = await readFile(args.path, "utf8");
      const url = `new URL(${JSON.stringify(path)}, import.meta.url).href`;
      return { contents: source.replaceAll("import.meta.url", url), loader: "ts" };
    });
  },
};

/** Bundles the kit and its fixtures; returns the folder to serve at /kit/. */
export async function bundleKit(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "multiproc-browser-kit-"));
  await build({
    entryPoints: { kit: here("./kit-page.ts") },
    outdir: join(out, "dist"),
    bundle: true,
    splitting: true, // the kit's server-only parts (loaded by dynamic import) stay in chunks never loaded
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "warning",
    plugins: [servedAsItIs],
    alias: {
      vitest: here("./vitest-shim.ts"),
      "@multiproc/conformance": join(conformance, "src/index.ts"),
    },
    external: [
      "@multiproc/core",
      "@multiproc/core/*",
      "@multiproc/browser",
      "@multiproc/browser/*",
      "node:*",
    ],
  });
  await build({
    entryPoints: [join(conformance, "fixtures/web-tasks.mjs")],
    outfile: join(out, "fixtures/web-tasks.mjs"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "warning",
  });
  return out;
}
