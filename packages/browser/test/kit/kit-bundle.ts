// Builds what the page needs to run the conformance kit (into a fresh temp folder, served at
// /kit/): the kit with its vitest calls going to vitest-shim.ts (dist/kit.js; the packages stay
// external, found by the page's import map, so kit and adapter share one core), and the web
// host's task module bundled with core's task API (a Web Worker has no import map).
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const conformance = here("../../../conformance/");

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
  mkdirSync(join(out, "fixtures"), { recursive: true });
  copyFileSync(
    join(conformance, "fixtures/throws-on-import.mjs"),
    join(out, "fixtures/throws-on-import.mjs"),
  );
  return out;
}
