// The runtime the driver runs on, and its adapter: the built one in the workspace, found by
// path from here, so the driver needs no installed dependency (any runtime, no linking).
import process from "node:process";

/** "node", "deno" or "bun": the runtime running this program. */
export const runtimeName = globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : "node";

/** The runtime's own version. */
export const runtimeVersion =
  runtimeName === "deno"
    ? globalThis.Deno.version.deno
    : runtimeName === "bun"
      ? globalThis.Bun.version
      : process.versions.node;

/** The workspace root: tooling/chaos/src is three levels below it. */
export const workspaceRoot = new URL("../../../", import.meta.url);

/** The chaos task module the pool runs. */
export const chaosTasks = new URL("../fixtures/chaos-tasks.mjs", import.meta.url);

/** The runtime's adapter (@multiproc/node, /deno or /bun), from its built dist/. */
export function importAdapter() {
  return import(new URL(`packages/${runtimeName}/dist/index.js`, workspaceRoot).href);
}
