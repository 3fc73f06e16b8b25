// After tsc: the worker entry bundled into one file, core's worker side inlined. A Web Worker has
// no import map, so an entry importing "@multiproc/core/worker" by name could not load in a page
// served without a bundler; one file also spares the worker a module fetch per import.
import { rmSync } from "node:fs";
import { build } from "esbuild";

await build({
  entryPoints: ["src/thread-entry.ts"],
  outfile: "dist/thread-entry.js",
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  logLevel: "warning",
});
// No source map: its sources would be core's, which this package's tarball does not hold.
rmSync("dist/thread-entry.js.map", { force: true });
console.log("bundled dist/thread-entry.js (core's worker side inlined)");
