// The runtime the driver runs on, and its adapter: the built one in the workspace, found by
// path from here, so the driver needs no installed dependency (any runtime, no linking).
import process from "node:process";

interface RuntimeGlobals {
  Deno?: { version: { deno: string } };
  Bun?: { version: string };
}
const g = globalThis as RuntimeGlobals;

/** "node", "deno" or "bun": the runtime running this program. */
export const runtimeName: "node" | "deno" | "bun" = g.Deno ? "deno" : g.Bun ? "bun" : "node";

/** The runtime's own version. */
export const runtimeVersion: string = g.Deno?.version.deno ?? g.Bun?.version ?? process.versions.node;

/** The workspace root: tooling/chaos/dist (or src) is three levels below it. */
export const workspaceRoot = new URL("../../../", import.meta.url);

/** The chaos task module the pool runs: its build, which every runtime loads as it is. */
export const chaosTasks = new URL("../dist/tasks/chaos-tasks.js", import.meta.url);

/** What the driver uses of an adapter; @multiproc/deno and /bun export the same. */
export type Adapter = typeof import("@multiproc/node");

/** The runtime's adapter (@multiproc/node, /deno or /bun), from its built dist/. */
export function importAdapter(): Promise<Adapter> {
  return import(new URL(`packages/${runtimeName}/dist/index.js`, workspaceRoot).href);
}
